package org.artcash.cli.issuer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.artcash.cli.Main;
import org.artcash.cli.console.Clocks;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code artcash issuer serve} started twice on one directory, in this JVM as the tests of the
 * e-purse commands run it: the second start is the same issuer, and the e-purses the first one
 * provisioned pay and refresh with it. Refusals are one sentence and change nothing.
 */
class IssuerRestartTest {
  private static final Currency EUR = Currency.of("EUR");
  private static final String PASSPHRASE = "development issuer passphrase";

  @TempDir
  Path root;

  /** What one command printed and returned. */
  private record Run(int code, String out, String err) {
    Run ok() {
      assertEquals(0, code, () -> "expected success, got " + code + "\nout: " + out + "\nerr: "
          + err);
      return this;
    }

    /** A refusal: exit code 1, one line on standard error, no stack trace; that line. */
    String refusal() {
      assertEquals(1, code, () -> "expected a refusal, got " + code + "\nout: " + out
          + "\nerr: " + err);
      List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
      assertEquals(1, lines.size(), () -> "expected one sentence on stderr, got: " + err);
      assertFalse(err.contains("Exception") || err.contains("\tat "), () -> "stack trace: " + err);
      return lines.get(0);
    }

    String lineStarting(String prefix) {
      return out.lines().filter(l -> l.startsWith(prefix)).findFirst()
          .orElseThrow(() -> new AssertionError("no line starting " + prefix + " in:\n" + out));
    }
  }

  @Test
  void serve_startedAgainOnItsDirectory_isTheSameIssuer_andItsEpursesGoOn() throws Exception {
    int port;
    Certificate rootOfTrust;
    String rootFile;
    try (IssuerServer first = start(0)) {
      port = first.port();
      rootOfTrust = first.issuer().root();
      assertFalse(first.issuer().restarted());
      rootFile = Files.readString(issuerDir().resolve(DevIssuer.ROOT_FILE));
      run("", "purse", "init", "--data", dir("alice"), "--issuer", url(port), "--name", "Alice")
          .ok();
      run("", "purse", "load", "--data", dir("alice"), "20.00").ok();
    }
    byte[] keyStore = Files.readAllBytes(issuerDir().resolve("keys")
        .resolve("key-store.properties"));

    try (IssuerServer again = start(port)) {
      assertTrue(again.issuer().restarted());
      assertEquals(rootOfTrust, again.issuer().root());
      assertEquals(rootFile, Files.readString(issuerDir().resolve(DevIssuer.ROOT_FILE)));
      assertArrayEquals(keyStore, Files.readAllBytes(issuerDir().resolve("keys")
          .resolve("key-store.properties")));
      assertEquals(Amount.of(EUR, 980_00), again.issuer().floatLeft());

      // A new e-purse of the restarted issuer and one of the first start pay each other.
      run("", "purse", "init", "--data", dir("bob"), "--issuer", url(port), "--name", "Bob")
          .ok();
      String request = run("", "purse", "request", "--data", dir("bob"), "--amount", "3.00")
          .ok().lineStarting("artcash:request");
      String token = run("", "purse", "pay", "--data", dir("alice"), request, "--yes").ok()
          .lineStarting("artcash:token");
      assertTrue(run("", "purse", "accept", "--data", dir("bob"), token).ok().out()
          .contains("Received EUR 3.00"));

      // A month on, the e-purse of the first start has its expired ARTs replaced.
      Run refreshed = shifted("P31D", () -> run("", "purse", "refresh", "--data", dir("alice"),
          "--json")).ok();
      Matcher received = Pattern.compile("\"artsReceived\":(\\d+)").matcher(refreshed.out());
      assertTrue(received.find(), refreshed.out());
      assertTrue(Integer.parseInt(received.group(1)) > 0, refreshed.out());
      shifted("P31D", () -> run("", "purse", "load", "--data", dir("alice"), "5.00")).ok();
      assertEquals(Amount.of(EUR, 975_00), again.issuer().floatLeft());
    }
  }

  @Test
  void serve_whileTheSameIssuerRuns_isRefused() throws Exception {
    try (IssuerServer first = start(0)) {
      ArtcashException e = assertThrows(ArtcashException.class, () -> start(0));

      assertEquals(Reason.WRONG_STATE, e.reason());
      assertTrue(e.getMessage().contains("is in use by another issuer"), e.getMessage());
      assertEquals(Amount.of(EUR, 1_000_00), first.issuer().floatLeft());
    }
  }

  @Test
  void serve_wrongPassphrase_isOneSentence_andChangesNothing() throws Exception {
    start(0).close();
    byte[] keyStore = Files.readAllBytes(issuerDir().resolve("keys")
        .resolve("key-store.properties"));

    String refusal = run("not the passphrase\n", "issuer", "serve", "--data",
        issuerDir().toString(), "--port", "0").refusal();

    assertEquals("artcash: [BAD_SIGNATURE] the issuer key store at "
        + issuerDir().resolve("keys").toAbsolutePath().normalize()
        + " cannot be opened with this passphrase", refusal);
    assertArrayEquals(keyStore, Files.readAllBytes(issuerDir().resolve("keys")
        .resolve("key-store.properties")));
    start(0).close(); // the right passphrase still opens it
  }

  @Test
  void serve_onTheDirectoryOfAnIssuerWhoseKeysWereNotKept_isOneSentence() throws Exception {
    IssuerServer.start(issuerDir(), "127.0.0.1", 0, Amount.of(EUR, 100_00), Clock.systemUTC(),
        s -> { }).close();

    String refusal = run(PASSPHRASE + "\n", "issuer", "serve", "--data",
        issuerDir().toString(), "--port", "0").refusal();

    assertTrue(refusal.startsWith("artcash: [WRONG_STATE] " + issuerDir() + " holds a"
        + " development issuer whose keys were not kept"), refusal);
    assertFalse(Files.exists(issuerDir().resolve("keys")));
  }

  @Test
  void serve_newDirectoryWithoutOrWithAShortPassphrase_isOneSentence_andMakesNothing() {
    String none = run("", "issuer", "serve", "--data", issuerDir().toString(), "--port", "0")
        .refusal();
    String tooShort = run("short\n", "issuer", "serve", "--data", issuerDir().toString(),
        "--port", "0").refusal();

    assertTrue(none.startsWith("artcash: [MALFORMED] the issuer's key store in "), none);
    assertTrue(none.contains(IssuerPassphrase.ENVIRONMENT_VARIABLE), none);
    assertTrue(tooShort.startsWith("artcash: [MALFORMED] a new issuer key store needs a"
        + " passphrase of at least 8 characters"), tooShort);
    assertFalse(Files.exists(issuerDir()));
  }

  @Test
  void passphrase_comesFromTheEnvironmentFirst_elseFromTheFirstLineOfInput() throws Exception {
    Path keys = issuerDir().resolve("keys");

    assertArrayEquals("from the environment".toCharArray(), IssuerPassphrase.read(
        "from the environment", null, input("typed\n"), true, keys));
    assertArrayEquals("typed in a script".toCharArray(), IssuerPassphrase.read(null, null,
        input("typed in a script\r\nnext line\n"), false, keys));
    assertArrayEquals("w\u00f6rter".toCharArray(), IssuerPassphrase.read("", null,
        input("w\u00f6rter"), false, keys));
  }

  private IssuerServer start(int port) throws ArtcashException {
    return IssuerServer.start(issuerDir(), PASSPHRASE.toCharArray(), "127.0.0.1", port,
        Amount.of(EUR, 1_000_00), new ShiftedClock(), s -> { });
  }

  private Path issuerDir() {
    return root.resolve("issuer");
  }

  private String dir(String name) {
    return root.resolve(name).toString();
  }

  private static String url(int port) {
    return "http://127.0.0.1:" + port;
  }

  private static InputStream input(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Runs {@code artcash args...} with {@code input} on standard input. */
  private static Run run(String input, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    InputStream stdin = System.in;
    System.setIn(input(input));
    try {
      int code = cl.execute(args);
      return new Run(code, out.toString(), err.toString());
    } finally {
      System.setIn(stdin);
    }
  }

  /** Runs {@code body} with every artcash clock moved forward by {@code shift} (ISO-8601). */
  private static <T> T shifted(String shift, java.util.function.Supplier<T> body) {
    System.setProperty(Clocks.SHIFT_PROPERTY, shift);
    try {
      return body.get();
    } finally {
      System.clearProperty(Clocks.SHIFT_PROPERTY);
    }
  }

  /** The issuer's clock: the computer's, moved as {@link Clocks#system()} moves it. */
  private static final class ShiftedClock extends Clock {
    @Override
    public Instant instant() {
      return Clocks.system().instant();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the issuer's clock is UTC");
    }
  }
}
