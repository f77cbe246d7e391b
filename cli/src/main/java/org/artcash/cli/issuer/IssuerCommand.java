package org.artcash.cli.issuer;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.artcash.cli.console.Clocks;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code artcash issuer}: the development issuer. */
@Command(name = "issuer", mixinStandardHelpOptions = true,
    description = "A development issuer for trying e-purses out: system agents, provisioning and"
        + " a cash desk, in one long-lived process.",
    subcommands = {IssuerCommand.Serve.class})
public final class IssuerCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code artcash issuer serve}. */
  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = "Starts the development issuer kept in --data, setting it up first when the"
          + " directory is empty, and serves it over HTTP until stopped (Ctrl-C). Its keys are"
          + " kept in DIR/keys, encrypted under a passphrase taken from the environment variable "
          + IssuerPassphrase.ENVIRONMENT_VARIABLE + " or asked for; started again on the same"
          + " directory it is the same issuer, so the e-purses it provisioned go on refreshing"
          + " their credentials with it.")
  public static final class Serve implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", required = true,
        description = "The issuer's directory: empty (or new) for a new issuer, or one this"
            + " command set up before.")
    Path data;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8780",
        description = "The port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
        description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--float", paramLabel = "AMOUNT", defaultValue = "100000.00",
        description = "E-cash the committee issues for the cash desk when the issuer is set up,"
            + " in EUR (default: ${DEFAULT-VALUE}); a restarted issuer keeps what is left.")
    String floatAmount;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (port < 0 || port > 65535) {
        throw new ArtcashException(Reason.MALFORMED, "a port is 0 to 65535, not " + port);
      }
      Amount amount = Amount.parse(Currency.of("EUR"), floatAmount);
      if (amount.isZero()) {
        throw new ArtcashException(Reason.MALFORMED, "the float must be more than zero");
      }
      boolean setUp = DevIssuer.inspect(data) == DevIssuer.Layout.EMPTY;
      char[] passphrase = IssuerPassphrase.read(
          System.getenv(IssuerPassphrase.ENVIRONMENT_VARIABLE), System.console(), System.in,
          setUp, data.resolve(DevIssuer.KEYS_DIRECTORY));
      IssuerServer server;
      try {
        server = IssuerServer.start(data, passphrase, host, port, amount, Clocks.system(), s -> {
          err.println(s);
          err.flush();
        });
      } finally {
        Arrays.fill(passphrase, '\0');
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.close();
        stopped.countDown();
      }));
      DevIssuer issuer = server.issuer();
      out.println((issuer.restarted() ? "Development issuer started again" : "New development"
          + " issuer") + " listening on http://" + host + ":" + server.port());
      out.println("  root of trust (for auditors): " + data.resolve(DevIssuer.ROOT_FILE)
          + " (key " + issuer.root().subjectKeyId().shortHex() + ")");
      out.println("  keys: " + data.resolve(DevIssuer.KEYS_DIRECTORY) + ", encrypted under the"
          + " passphrase; start it again with the same --data and passphrase");
      out.println("  float for the cash desk: " + issuer.floatLeft());
      out.println("  new e-purse: artcash purse init --issuer http://" + host + ":"
          + server.port() + " --name \"Your name\"");
      out.println("Stop with Ctrl-C.");
      out.flush();
      stopped.await();
      return 0;
    }
  }
}
