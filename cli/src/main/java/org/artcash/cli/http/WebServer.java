package org.artcash.cli.http;

import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;

/**
 * An HTTP endpoint of artcash (de Jong 2024, sec. 4.1: "as a dedicated service message, send to a
 * WEB API"), on Javalin. Messages travel as the bytes of their canonical encoding or as artcash:
 * links; a refusal is status 422 with the reason code in {@code X-Artcash-Reason} and one sentence
 * in the body, which the client shows as it is.
 */
public final class WebServer implements AutoCloseable {
  public static final String REASON_HEADER = "X-Artcash-Reason";
  public static final String OCTETS = "application/octet-stream";
  public static final String TEXT = "text/plain; charset=utf-8";
  /** Big enough for a point of sale's hand-in; the protocol's objects are at most 1 MiB. */
  static final long MAX_REQUEST_BYTES = 2L << 20;

  private final Javalin app;

  private WebServer(Javalin app) {
    this.app = app;
  }

  /**
   * Starts a server on {@code host}:{@code port} (0 picks a free port) with the routes that
   * {@code routes} adds.
   */
  public static WebServer start(String host, int port, Consumer<Javalin> routes)
      throws ArtcashException {
    Objects.requireNonNull(routes, "routes");
    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.http.maxRequestSize = MAX_REQUEST_BYTES;
    });
    app.exception(ArtcashException.class, (e, ctx) -> {
      ctx.status(422);
      ctx.header(REASON_HEADER, e.reason().name());
      ctx.contentType(TEXT);
      ctx.result(e.getMessage());
    });
    app.exception(Exception.class, (e, ctx) -> {
      ctx.status(500);
      ctx.contentType(TEXT);
      ctx.result("internal error (" + e.getClass().getSimpleName() + "): " + e.getMessage());
    });
    routes.accept(app);
    try {
      app.start(host, port);
    } catch (RuntimeException e) {
      app.stop();
      throw new ArtcashException(Reason.STORAGE_FAILURE, "cannot listen on " + host + ":" + port
          + " (" + rootMessage(e) + "); choose another --port");
    }
    return new WebServer(app);
  }

  public int port() {
    return app.port();
  }

  /** Text sent as UTF-8 plain text. */
  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    app.stop();
  }

  static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
