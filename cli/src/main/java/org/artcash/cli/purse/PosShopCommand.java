package org.artcash.cli.purse;

import java.io.PrintWriter;
import java.util.List;
import org.artcash.cli.console.Json;
import org.artcash.cli.console.Show;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.money.Amount;
import org.artcash.purse.Receipt;
import org.artcash.purse.channel.Messages;
import org.artcash.purse.pos.PosBundle;
import org.artcash.purse.pos.ShopCounter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code artcash purse pos}: the shop's e-purse serving its points of sale (sec. 4.1). */
@Command(name = "pos", mixinStandardHelpOptions = true,
    description = "Serves the shop's points of sale from this e-purse: hands ARTs to a device and"
        + " collects the tokens it accepted (or use 'artcash purse serve' and 'artcash pos sync').",
    subcommands = {PosShopCommand.HandOut.class, PosShopCommand.Collect.class,
        PosShopCommand.ListCmd.class})
final class PosShopCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** One sentence about a hand-in, for people. */
  static String summary(ShopCounter.Collected c) throws ArtcashException {
    Amount total = null;
    for (Receipt r : c.accepted()) {
      total = total == null ? r.amount() : total.plus(r.amount());
    }
    String s = "Collected " + c.accepted().size() + " payment(s)"
        + (total == null ? "" : " (" + Show.money(total) + ")") + ", " + c.retired().size()
        + " ART(s) given back";
    if (!c.refused().isEmpty()) {
      s += "; " + c.refused().size() + " token(s) refused: " + c.refused().get(0).message();
    }
    return s + ".";
  }

  @Command(name = "hand-out", mixinStandardHelpOptions = true,
      description = "Hands standing ARTs to a point of sale, as a pos-arts link (file, QR code).")
  static final class HandOut extends Common {
    @Option(names = "--device", paramLabel = "NAME", required = true,
        description = "The point of sale's name, e.g. till-1.")
    String device;

    @Option(names = "--count", paramLabel = "N", defaultValue = "4",
        description = "How many ARTs (default ${DEFAULT-VALUE}).")
    int count;

    @Mixin
    Outbox outbox;

    @Override
    int run() throws Exception {
      try (PurseHome home = open()) {
        PosBundle.Arts arts = new ShopCounter(home.purse(), home.store(), home.clock())
            .handOut(device, count, home.box().rootOfTrust());
        if (!json) {
          out().println(arts.arts().size() + " ART(s) for point of sale '" + device + "'; load"
              + " them there with 'artcash pos load':");
        }
        Outbox.Delivered d = outbox.deliver(PosBundle.ARTS_KIND, arts.encode(), out(), json);
        if (json) {
          Json j = Json.object().put("device", device).put("arts", arts.arts().size());
          d.into(j);
          print(j);
        }
        return 0;
      }
    }
  }

  @Command(name = "collect", mixinStandardHelpOptions = true,
      description = "Accepts the tokens a point of sale hands in (its pos-tokens file or link)"
          + " and retires the ARTs it gives back; redeem afterwards.")
  static final class Collect extends Common {
    @Parameters(arity = "1..*", paramLabel = "HAND-IN") List<String> inputs;

    @Override
    int run() throws Exception {
      Messages.Message m = Inbox.read(inputs);
      if (!m.kind().equals(PosBundle.HAND_IN_KIND)) {
        throw new ArtcashException(Reason.WRONG_TYPE, "this is " + Messages.describe(m.kind())
            + ", not a hand-in from a point of sale");
      }
      PosBundle.HandIn handIn = PosBundle.HandIn.decode(m.payload());
      try (PurseHome home = open()) {
        ShopCounter.Collected c = new ShopCounter(home.purse(), home.store(), home.clock())
            .collect(handIn);
        if (json) {
          Json j = Json.object().put("device", handIn.device())
              .put("accepted", c.accepted().size()).put("retired", c.retired().size());
          List<Object> refused = j.list("refused");
          for (ShopCounter.Refused r : c.refused()) {
            refused.add(Json.object().put("art", r.artId().hex()).put("seq", r.seq())
                .put("reason", r.reason().name()).put("message", r.message()));
          }
          print(j);
        } else {
          PrintWriter out = out();
          out.println(summary(c) + " Redeem with 'artcash purse redeem'.");
          for (ShopCounter.Refused r : c.refused()) {
            out.println("  refused: payment #" + r.seq() + " on ART " + r.artId().shortHex()
                + " [" + r.reason() + "]: " + r.message());
          }
        }
        return c.refused().isEmpty() ? 0 : 1;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Shows which ARTs each point of sale holds.")
  static final class ListCmd extends Common {
    @Override
    int run() throws Exception {
      try (PurseHome home = open()) {
        List<ShopCounter.Delegation> ds = new ShopCounter(home.purse(), home.store(),
            home.clock()).delegations();
        if (json) {
          Json j = Json.object();
          List<Object> list = j.list("delegations");
          for (ShopCounter.Delegation d : ds) {
            list.add(Json.object().put("art", d.artId().hex()).put("device", d.device())
                .put("since", Show.iso(d.delegatedAt()))
                .put("givenBack", d.releasedAt().map(Show::iso).orElse(null)));
          }
          print(j);
          return 0;
        }
        if (ds.isEmpty()) {
          out().println("No ARTs were handed to a point of sale.");
        }
        for (ShopCounter.Delegation d : ds) {
          out().println("  ART " + d.artId().shortHex() + " to '" + d.device() + "' since "
              + Show.time(d.delegatedAt()) + d.releasedAt().map(t -> ", given back "
                  + Show.time(t)).orElse(", in use"));
        }
        return 0;
      }
    }
  }
}
