package org.artcash.cli.issuer;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import org.artcash.cli.http.WebServer;
import org.artcash.core.ArtcashException;
import org.artcash.core.money.Amount;

/** The development issuer listening on HTTP; what {@code artcash issuer serve} runs. */
public final class IssuerServer implements AutoCloseable {
  private final DevIssuer issuer;
  private final WebServer web;

  private IssuerServer(DevIssuer issuer, WebServer web) {
    this.issuer = issuer;
    this.web = web;
  }

  /**
   * Starts the development issuer kept in {@code dir}, setting it up first in an empty directory
   * (see {@link DevIssuer#start}), and listens on {@code host}:{@code port}.
   */
  public static IssuerServer start(Path dir, char[] passphrase, String host, int port,
      Amount floatAmount, Clock clock, Consumer<String> progress) throws ArtcashException {
    return listen(DevIssuer.start(dir, passphrase, floatAmount, clock, progress), host, port);
  }

  /**
   * Sets up a development issuer whose keys live in this process's memory only, in the empty
   * directory {@code dir} (see {@link DevIssuer#startInMemory}), and listens: for tests that need
   * an issuer for one run.
   */
  public static IssuerServer start(Path dir, String host, int port, Amount floatAmount,
      Clock clock, Consumer<String> progress) throws ArtcashException {
    return listen(DevIssuer.startInMemory(dir, floatAmount, clock, progress), host, port);
  }

  private static IssuerServer listen(DevIssuer issuer, String host, int port)
      throws ArtcashException {
    try {
      WebServer web = WebServer.start(host, port, app -> IssuerRoutes.register(app, issuer));
      return new IssuerServer(issuer, web);
    } catch (ArtcashException | RuntimeException e) {
      issuer.close();
      throw e;
    }
  }

  public int port() {
    return web.port();
  }

  public DevIssuer issuer() {
    return issuer;
  }

  @Override
  public void close() {
    web.close();
    issuer.close();
  }
}
