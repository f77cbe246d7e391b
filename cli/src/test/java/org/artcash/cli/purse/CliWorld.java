package org.artcash.cli.purse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.artcash.cli.Main;
import org.artcash.cli.console.Clocks;
import org.artcash.cli.issuer.IssuerServer;
import org.artcash.core.ArtcashException;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import picocli.CommandLine;

/**
 * A world for driving the {@code artcash} command as a person would: one development issuer
 * (the long-lived process, here in the test's JVM, listening on a free port) and e-purses in data
 * directories, each command run through {@link Main#commandLine()} with its output captured.
 */
final class CliWorld implements AutoCloseable {
  final Path root;
  final IssuerServer issuer;
  final String issuerUrl;

  /** What one command printed and returned. */
  record Run(int code, String out, String err) {
    Run ok() {
      assertEquals(0, code, () -> "expected success, got " + code + "\nout: " + out + "\nerr: "
          + err);
      return this;
    }

    /** A refusal: exit code 1, exactly one line on standard error, no stack trace. */
    Run refused() {
      assertEquals(1, code, () -> "expected a refusal, got " + code + "\nout: " + out
          + "\nerr: " + err);
      List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
      assertEquals(1, lines.size(), () -> "expected one sentence on stderr, got: " + err);
      assertTrue(lines.get(0).startsWith("artcash: ["), () -> "not an artcash refusal: " + err);
      assertFalse(err.contains("Exception") || err.contains("\tat "), () -> "stack trace: " + err);
      return this;
    }

    String line() {
      return err.strip();
    }

    /** The first line of standard output that starts with {@code prefix}. */
    String lineStarting(String prefix) {
      return out.lines().filter(l -> l.startsWith(prefix)).findFirst()
          .orElseThrow(() -> new AssertionError("no line starting " + prefix + " in:\n" + out));
    }
  }

  CliWorld(Path root) throws ArtcashException {
    this.root = root;
    this.issuer = IssuerServer.start(root.resolve("issuer"), "127.0.0.1", 0,
        Amount.of(Currency.of("EUR"), 1_000_000_00L), Clock.systemUTC(), s -> { });
    this.issuerUrl = "http://127.0.0.1:" + issuer.port();
  }

  Path dir(String name) {
    return root.resolve(name);
  }

  Path rootOfTrust() {
    return root.resolve("issuer").resolve("root.artcash");
  }

  /** Runs {@code artcash args...} with nothing on standard input. */
  Run run(String... args) {
    return runWithInput("", args);
  }

  /** Runs {@code artcash args...} with {@code input} typed at the keyboard. */
  Run runWithInput(String input, String... args) {
    return execute(input, args);
  }

  /** Runs {@code artcash args...} in this JVM, without a world: for commands needing no issuer. */
  static Run execute(String input, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    InputStream stdin = System.in;
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    try {
      int code = cl.execute(args);
      return new Run(code, out.toString(), err.toString());
    } finally {
      System.setIn(stdin);
    }
  }

  /** {@code artcash purse CMD --data DIR(name) args...}. */
  Run purse(String name, String command, String... args) {
    List<String> all = new ArrayList<>(List.of("purse"));
    all.addAll(Arrays.asList(command.split(" ")));
    all.add("--data");
    all.add(dir(name).toString());
    all.addAll(Arrays.asList(args));
    return run(all.toArray(String[]::new));
  }

  /** A new e-purse named {@code name}, loaded with {@code euros} from the cash desk. */
  void person(String name, String euros) {
    run("purse", "init", "--data", dir(name).toString(), "--issuer", issuerUrl, "--name", name)
        .ok();
    if (euros != null) {
      purse(name, "load", euros).ok();
    }
  }

  /** {@code purse status --json} of an e-purse: compared before and after a refused command. */
  String status(String name) {
    return purse(name, "status", "--json").ok().out().replaceAll("\"at\":\"[^\"]*\",", "");
  }

  /**
   * Cancels the open requests of an e-purse and refreshes its credentials, so that it has free
   * ARTs again (a cancelled ART is retired and replaced).
   */
  void freshArts(String name) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "\"art\":\"([0-9a-f]+)\",\"status\":\"IN_USE\"").matcher(status(name));
    boolean cancelled = false;
    while (m.find()) {
      purse(name, "cancel", m.group(1)).ok();
      cancelled = true;
    }
    if (cancelled) {
      purse(name, "refresh").ok();
    }
  }

  /** Runs {@code body} with the computer's clock moved forward by {@code shift} (ISO-8601). */
  static <T> T shifted(String shift, java.util.function.Supplier<T> body) {
    System.setProperty(Clocks.SHIFT_PROPERTY, shift);
    try {
      return body.get();
    } finally {
      System.clearProperty(Clocks.SHIFT_PROPERTY);
    }
  }

  @Override
  public void close() {
    issuer.close();
  }
}
