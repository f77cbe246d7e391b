package org.artcash.cli.http;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;

/** Calls an artcash HTTP endpoint and turns its refusals back into {@link ArtcashException}s. */
public final class WebClient {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

  private final URI base;
  private final String who;
  private final HttpClient http;

  /**
   * @param base {@code http://host:port} (a path, if any, is kept as a prefix)
   * @param who what runs there, for messages: "the payee", "the issuer"
   */
  public WebClient(URI base, String who) {
    this.base = base;
    this.who = who;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Parses an http(s) address given by a person. */
  public static URI address(String text) throws ArtcashException {
    String t = text.strip();
    try {
      URI uri = new URI(t.endsWith("/") ? t.substring(0, t.length() - 1) : t);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new URISyntaxException(t, "not an http address");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ArtcashException(Reason.MALFORMED, "'" + text + "' is not an http:// or https://"
          + " address such as http://localhost:8080");
    }
  }

  public static boolean isAddress(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    return t.startsWith("http://") || t.startsWith("https://");
  }

  public URI base() {
    return base;
  }

  public byte[] get(String path) throws ArtcashException {
    return send(HttpRequest.newBuilder(resolve(path)).GET());
  }

  public byte[] post(String path, byte[] body, String contentType) throws ArtcashException {
    return send(HttpRequest.newBuilder(resolve(path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  public String postText(String path, String body) throws ArtcashException {
    return new String(post(path, body.getBytes(StandardCharsets.UTF_8), WebServer.TEXT),
        StandardCharsets.UTF_8);
  }

  public String getText(String path) throws ArtcashException {
    return new String(get(path), StandardCharsets.UTF_8);
  }

  private URI resolve(String path) {
    return URI.create(base.toString() + path);
  }

  private byte[] send(HttpRequest.Builder request) throws ArtcashException {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.timeout(REQUEST_TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new ArtcashException(Reason.NOT_FOUND, "could not reach " + who + " at " + base + " ("
          + why(e) + "); check the address and that it is running", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ArtcashException(Reason.NOT_FOUND, "interrupted while waiting for " + who, e);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return response.body();
    }
    String message = new String(response.body(), StandardCharsets.UTF_8).strip();
    Optional<String> reason = response.headers().firstValue(WebServer.REASON_HEADER);
    Reason r = Reason.MALFORMED;
    if (reason.isPresent()) {
      try {
        r = Reason.valueOf(reason.get());
      } catch (IllegalArgumentException unknown) {
        r = Reason.MALFORMED;
      }
      throw new ArtcashException(r, who + " refused: " + message);
    }
    throw new ArtcashException(r, who + " at " + base + " answered HTTP " + status
        + (message.isEmpty() ? "" : " (" + firstLine(message) + ")")
        + "; is this the right address?");
  }

  /** Why a connection failed, in words rather than exception names. */
  private static String why(IOException e) {
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "no answer in time";
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof java.net.ConnectException
        || root instanceof java.nio.channels.ClosedChannelException) {
      return "nothing answers there";
    }
    if (root instanceof java.net.UnknownHostException) {
      return "unknown host";
    }
    String m = root.getMessage();
    return m == null || m.isBlank() ? "the connection failed" : m;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
