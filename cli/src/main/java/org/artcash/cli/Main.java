package org.artcash.cli;

import java.io.PrintWriter;
import org.artcash.core.ArtcashException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code artcash} command. Errors are printed as one sentence, never as a stack trace. */
@Command(name = "artcash", mixinStandardHelpOptions = true, version = "artcash 0.1.0",
    description = "Offline digital cash with aggregating receipt tokens (de Jong 2024).",
    subcommands = {DemoCommand.class, org.artcash.cli.purse.PurseCommand.class,
        org.artcash.cli.pos.PosCommand.class, org.artcash.cli.verify.VerifyCommand.class,
        org.artcash.cli.issuer.IssuerCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    // A simulated card must draw keys and blinding factors from real randomness (STYLE.md).
    if (System.getProperty("com.licel.jcardsim.randomdata.secure") == null) {
      System.setProperty("com.licel.jcardsim.randomdata.secure", "1");
    }
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also used by tests. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(Main::report);
    return cl;
  }

  private static int report(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (e instanceof ArtcashException a) {
      err.println("artcash: " + a.describe());
      return 1;
    }
    if (e.getClass().getSimpleName().equals("StoreException")) {
      err.println("artcash: storage failed: " + e.getMessage());
      return 2;
    }
    err.println("artcash: internal error (" + e.getClass().getSimpleName() + "): " + e.getMessage()
        + ". Please report this with the command you ran.");
    return 3;
  }
}
