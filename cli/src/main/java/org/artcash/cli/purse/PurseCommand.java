package org.artcash.cli.purse;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code artcash purse}: one e-purse in a data directory (de Jong 2024, sec. 4.1, fig. 11). */
@Command(name = "purse", mixinStandardHelpOptions = true,
    description = "Your e-purse: pay and get paid by link, file, QR code or HTTP; schedule"
        + " payments; keep budget jars; serve a shop's points of sale.",
    subcommands = {InitCommand.class, StatusCommand.class, RequestCommand.class,
        PayCommand.class, AcceptCommand.class, RedeemCommand.class, RefreshCommand.class,
        LoadCommand.class, HistoryCommand.class, ExportCommand.class, CancelCommand.class,
        ServeCommand.class, JarCommand.class, ScheduleCommand.class, PosShopCommand.class,
        ReadersCommand.class})
public final class PurseCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
