package org.artcash.cli.purse;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.artcash.cli.console.Json;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** What every {@code artcash purse} command shares: the data directory, --json, the output. */
abstract class Common implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR",
      description = "The e-purse's data directory (default: ~/.artcash/purse).")
  Path data;

  @Option(names = "--json", description = "Print the result as JSON, for scripts.")
  boolean json;

  @Override
  public final Integer call() throws Exception {
    return run();
  }

  abstract int run() throws Exception;

  Path dir() {
    return data != null ? data : PurseHome.defaultDir();
  }

  PurseHome open() throws ArtcashException {
    return PurseHome.open(dir());
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Progress and notes for people go to standard error, so --json output stays clean. */
  void note(String line) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(line);
    err.flush();
  }

  void print(Json j) {
    out().println(j);
    out().flush();
  }

  static Amount amount(Currency currency, String text, String what) throws ArtcashException {
    Amount a;
    try {
      a = Amount.parse(currency, text);
    } catch (ArtcashException e) {
      throw new ArtcashException(e.reason(), what + ": " + e.getMessage());
    }
    if (a.isZero()) {
      throw new ArtcashException(Reason.MALFORMED, what + " must be more than zero");
    }
    return a;
  }

  static Optional<Amount> optionalAmount(Currency currency, String text, String what)
      throws ArtcashException {
    return text == null ? Optional.empty() : Optional.of(amount(currency, text, what));
  }
}
