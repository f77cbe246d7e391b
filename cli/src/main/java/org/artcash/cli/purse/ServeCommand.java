package org.artcash.cli.purse;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import org.artcash.cli.console.Show;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code artcash purse serve}: the payee's e-purse on HTTP. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serves this e-purse on HTTP until stopped (Ctrl-C): payers fetch payment"
        + " requests and send tokens ('artcash purse pay --to http://HOST:PORT'), and the shop's"
        + " points of sale fetch ARTs and hand in tokens.")
final class ServeCommand extends Common {
  @Option(names = "--port", paramLabel = "N", defaultValue = "8781",
      description = "The port (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "The address to listen on (default ${DEFAULT-VALUE}).")
  String host;

  @Override
  int run() throws Exception {
    if (port < 0 || port > 65535) {
      throw new ArtcashException(Reason.MALFORMED, "a port is 0 to 65535, not " + port);
    }
    PurseHome home = open();
    PrintWriter out = out();
    PayeeServer server;
    try {
      server = PayeeServer.start(home, host, port, line -> {
        synchronized (out) {
          out.println(Show.time(home.now()) + "  " + line);
          out.flush();
        }
      });
    } catch (ArtcashException | RuntimeException e) {
      home.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      home.close();
      stopped.countDown();
    }));
    out.println("E-purse of " + home.payeeInfo() + " listening on http://" + host + ":"
        + server.port() + "; payers: artcash purse pay --to http://" + host + ":"
        + server.port() + ". Stop with Ctrl-C.");
    out.flush();
    stopped.await();
    return 0;
  }
}
