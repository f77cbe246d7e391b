package org.artcash.cli.pos;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.artcash.cli.console.Clocks;
import org.artcash.cli.console.Json;
import org.artcash.cli.console.Show;
import org.artcash.cli.http.WebClient;
import org.artcash.cli.purse.Inbox;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.Certificate;
import org.artcash.purse.channel.Messages;
import org.artcash.purse.pos.PointOfSale;
import org.artcash.purse.pos.PosBundle;
import org.artcash.purse.store.PurseStore;
import org.artcash.purse.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code artcash pos}: a shop's point of sale (de Jong 2024, sec. 4.1): takes payments on ARTs it
 * obtains from the shop's e-purse and hands the tokens in there for redemption. It has no MonEbox
 * and holds no money; what it accepts is the shop's once handed in.
 */
@Command(name = "pos", mixinStandardHelpOptions = true,
    description = "A shop's point of sale: takes payments on ARTs obtained from the shop's"
        + " e-purse, and hands the tokens in there for redemption.",
    subcommands = {PosCommand.Init.class, PosCommand.Load.class, PosCommand.Sync.class,
        PosCommand.Request.class, PosCommand.Accept.class, PosCommand.HandIn.class,
        PosCommand.Status.class})
public final class PosCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What the point-of-sale commands share. */
  abstract static class Base implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR",
        description = "The point of sale's data directory (default: ~/.artcash/pos).")
    Path data;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public final Integer call() throws Exception {
      Path dir = data != null ? data : Path.of(System.getProperty("user.home"), ".artcash", "pos");
      if (!(this instanceof Init) && !Files.isRegularFile(dir.resolve("purse.mv.db"))) {
        throw new ArtcashException(Reason.NOT_FOUND, "there is no point of sale in " + dir
            + "; set one up with 'artcash pos init --data " + dir + " --name NAME --root FILE'");
      }
      PurseStore store;
      try {
        store = PurseStore.fileH2(dir);
      } catch (StoreException e) {
        throw new ArtcashException(Reason.STORAGE_FAILURE, "the point of sale in " + dir
            + " cannot be opened (is another artcash program using it?)", e);
      }
      try (store) {
        return run(new PointOfSale(store, Clocks.system()), spec.commandLine().getOut());
      }
    }

    abstract int run(PointOfSale pos, PrintWriter out) throws Exception;

    void note(String s) {
      spec.commandLine().getErr().println(s);
      spec.commandLine().getErr().flush();
    }

    static Currency currency(PointOfSale pos) throws ArtcashException {
      PointOfSale.Status s = pos.status();
      return s.arts().isEmpty() ? Currency.of("EUR") : s.arts().get(0).received().currency();
    }
  }

  static String accepted(PointOfSale.Accepted a) {
    return "Received " + Show.money(a.amount()) + " at " + Show.time(a.acceptedAt())
        + " (payment #" + a.seq() + " on ART " + a.artId().shortHex() + ")."
        + a.differsFrom().map(d -> " But " + Show.money(d) + " was asked: settle the difference"
            + " before handing over the goods.").orElse("");
  }

  @Command(name = "init", mixinStandardHelpOptions = true,
      description = "Sets up a point of sale with the shop's root of trust.")
  static final class Init extends Base {
    @Option(names = "--name", paramLabel = "NAME", required = true,
        description = "This device's name, e.g. till-1.")
    String name;

    @Option(names = "--root", paramLabel = "ROOT", required = true,
        description = "The issuer's root of trust: its root.artcash file or artcash:certificate"
            + " link.")
    String root;

    @Override
    int run(PointOfSale pos, PrintWriter out) throws Exception {
      Certificate anchor = Inbox.read(List.of(root)).certificate();
      PointOfSale.Device d = pos.init(name, anchor);
      out.println("Point of sale '" + d.name() + "' set up under root "
          + anchor.subjectKeyId().shortHex() + ". Get ARTs from the shop: 'artcash pos sync"
          + " --shop URL' or 'artcash pos load FILE'.");
      return 0;
    }
  }

  @Command(name = "load", mixinStandardHelpOptions = true,
      description = "Loads ARTs the shop handed out ('artcash purse pos hand-out').")
  static final class Load extends Base {
    @Parameters(arity = "1..*", paramLabel = "ARTS") List<String> inputs;

    @Override
    int run(PointOfSale pos, PrintWriter out) throws Exception {
      Messages.Message m = Inbox.read(inputs);
      if (!m.kind().equals(PosBundle.ARTS_KIND)) {
        throw new ArtcashException(Reason.WRONG_TYPE, "this is " + Messages.describe(m.kind())
            + ", not ARTs handed out by the shop");
      }
      int n = pos.load(PosBundle.Arts.decode(m.payload()));
      out.println("Loaded " + n + " ART(s).");
      return 0;
    }
  }

  @Command(name = "sync", mixinStandardHelpOptions = true,
      description = "Hands the tokens accepted in to the shop's e-purse ('artcash purse serve')"
          + " and gets fresh ARTs from it.")
  static final class Sync extends Base {
    @Option(names = "--shop", paramLabel = "URL", required = true) String shop;

    @Option(names = "--count", paramLabel = "N", defaultValue = "2",
        description = "Keep at least N ARTs ready (default ${DEFAULT-VALUE}).")
    int count;

    @Override
    int run(PointOfSale pos, PrintWriter out) throws Exception {
      WebClient web = new WebClient(WebClient.address(shop), "the shop's e-purse");
      PosBundle.HandIn handIn = pos.handIn(false);
      String answer = "nothing to hand in";
      if (!handIn.tokens().isEmpty() || !handIn.givenBack().isEmpty()) {
        answer = web.postText("/artcash/pos/hand-in",
            Messages.link(PosBundle.HAND_IN_KIND, handIn.encode()));
        pos.handedIn(handIn);
      }
      long ready = pos.status().arts().stream().filter(a -> a.status().equals("FREE")).count();
      int loaded = 0;
      if (ready < count) {
        String link = web.postText("/artcash/pos/arts?device=" + pos.device().name()
            + "&count=" + (count - ready), "");
        loaded = pos.load(PosBundle.Arts.decode(Messages.read(List.of(link)).payload()));
      }
      if (json) {
        out.println(Json.object().put("handedIn", handIn.tokens().size())
            .put("givenBack", handIn.givenBack().size()).put("artsLoaded", loaded)
            .put("shop", answer));
      } else {
        out.println("Shop: " + answer);
        out.println("Loaded " + loaded + " fresh ART(s).");
      }
      return 0;
    }
  }

  @Command(name = "request", mixinStandardHelpOptions = true,
      description = "Makes a payment request for a customer.")
  static final class Request extends Base {
    @Option(names = "--amount", paramLabel = "AMOUNT") String amount;

    @Mixin
    org.artcash.cli.purse.Outbox outbox;

    @Override
    int run(PointOfSale pos, PrintWriter out) throws Exception {
      Optional<Amount> a = Optional.empty();
      if (amount != null) {
        a = Optional.of(Amount.parse(currency(pos), amount));
        if (a.get().isZero()) {
          throw new ArtcashException(Reason.MALFORMED, "the amount must be more than zero");
        }
      }
      PaymentRequest r = pos.request(a);
      if (!json) {
        out.println("Payment request to '" + r.state().config().payeeInfo() + "' for "
            + a.map(Show::money).orElse("an amount the payer chooses") + ":");
      }
      org.artcash.cli.purse.Outbox.Delivered d =
          outbox.deliver(Messages.REQUEST, r.encode(), out, json);
      if (json) {
        Json j = Json.object().put("art", r.state().config().artId().hex())
            .put("amount", a.map(Show::money).orElse(null));
        d.into(j);
        out.println(j);
      }
      return 0;
    }
  }

  @Command(name = "accept", mixinStandardHelpOptions = true,
      description = "Verifies and keeps a customer's token.")
  static final class Accept extends Base {
    @Parameters(arity = "1..*", paramLabel = "TOKEN") List<String> inputs;

    @Override
    int run(PointOfSale pos, PrintWriter out) throws Exception {
      TransferToken t = Inbox.read(inputs).token();
      PointOfSale.Accepted a = pos.accept(t);
      if (json) {
        out.println(Json.object().put("received", Show.money(a.amount()))
            .put("art", a.artId().hex()).put("seq", a.seq())
            .put("asked", a.differsFrom().map(Show::money).orElse(null)));
      } else {
        out.println(accepted(a));
      }
      return 0;
    }
  }

  @Command(name = "hand-in", mixinStandardHelpOptions = true,
      description = "Writes the tokens accepted (and ARTs to give back) as a pos-tokens file for"
          + " the shop ('artcash purse pos collect FILE').")
  static final class HandIn extends Base {
    @Option(names = "--file", paramLabel = "FILE", required = true) Path file;

    @Option(names = "--all", description = "Include tokens handed in before (the shop counts"
        + " each once).")
    boolean all;

    @Override
    int run(PointOfSale pos, PrintWriter out) throws Exception {
      PosBundle.HandIn h = pos.handIn(all);
      try {
        Files.writeString(file, Messages.link(PosBundle.HAND_IN_KIND, h.encode()) + "\n",
            StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new ArtcashException(Reason.STORAGE_FAILURE, "cannot write " + file + ": "
            + e.getMessage(), e);
      }
      pos.handedIn(h);
      out.println("Wrote " + h.tokens().size() + " token(s) and " + h.givenBack().size()
          + " ART(s) to give back to " + file + ".");
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Shows the ARTs held and what is waiting to be handed in.")
  static final class Status extends Base {
    @Override
    int run(PointOfSale pos, PrintWriter out) throws Exception {
      PointOfSale.Status s = pos.status();
      if (json) {
        Json j = Json.object().put("device", s.device().name()).put("toHandIn", s.toHandIn())
            .put("notHandedIn", Show.money(s.notHandedIn()));
        List<Object> arts = j.list("arts");
        for (PointOfSale.HeldArt a : s.arts()) {
          arts.add(Json.object().put("art", a.artId().hex()).put("status", a.status())
              .put("received", Show.money(a.received())).put("canTake", Show.money(a.headroom()))
              .put("validUntil", Show.iso(a.notAfter())));
        }
        out.println(j);
        return 0;
      }
      out.println("Point of sale '" + s.device().name() + "': " + s.toHandIn()
          + " payment(s) (" + Show.money(s.notHandedIn()) + ") to hand in to the shop.");
      for (PointOfSale.HeldArt a : s.arts()) {
        out.println("  ART " + a.artId().shortHex() + " " + a.status().toLowerCase()
            + ", received " + Show.money(a.received()) + ", can take " + Show.money(a.headroom())
            + ", valid until " + Show.time(a.notAfter()));
      }
      return 0;
    }
  }
}
