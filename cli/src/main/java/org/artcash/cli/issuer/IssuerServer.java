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

  public static IssuerServer start(Path dir, String host, int port, Amount floatAmount,
      Clock clock, Consumer<String> progress) throws ArtcashException {
    DevIssuer issuer = DevIssuer.start(dir, floatAmount, clock, progress);
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
