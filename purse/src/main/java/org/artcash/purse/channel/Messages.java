package org.artcash.purse.channel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.Art;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.pki.Certificate;
import org.artcash.core.text.ArtcashUri;
import org.artcash.core.text.Chunks;

/**
 * The text forms in which payment requests and transfer tokens travel between e-purses over any
 * channel (de Jong 2024, sec. 4.1: QR codes, links, files, a web API): an {@code artcash:} link, a
 * QR text split over several codes when long, or the raw binary message in a file. Reading accepts
 * any of them and says in one sentence what is wrong with input that is none of them.
 */
public final class Messages {
  public static final String REQUEST = "request";
  public static final String TOKEN = "token";
  public static final String ART = "art";
  public static final String CERTIFICATE = "certificate";

  /**
   * The most characters put in one QR code: at error correction level M a version-25 code holds
   * 1,000 alphanumeric characters, about the largest a phone camera reads from a screen at once.
   */
  public static final int QR_MAX_CHARS = 1000;

  private static final String PART_PREFIX = "ARTCASH:PART.";

  private Messages() {}

  /** A message as received: its kind ({@code request}, {@code token}, ...) and its bytes. */
  public record Message(String kind, byte[] payload) {
    public Message {
      Objects.requireNonNull(kind, "kind");
      payload = payload.clone();
    }

    @Override
    public byte[] payload() {
      return payload.clone();
    }

    public PaymentRequest request() throws ArtcashException {
      requireKind(REQUEST, "a payment request");
      return PaymentRequest.decode(payload);
    }

    public TransferToken token() throws ArtcashException {
      requireKind(TOKEN, "a transfer token");
      return TransferToken.decode(payload);
    }

    public Art art() throws ArtcashException {
      requireKind(ART, "an ART log");
      return Art.decode(payload);
    }

    public Certificate certificate() throws ArtcashException {
      requireKind(CERTIFICATE, "a certificate");
      return Certificate.decode(payload);
    }

    private void requireKind(String expected, String described) throws ArtcashException {
      if (!kind.equals(expected)) {
        throw new ArtcashException(Reason.WRONG_TYPE, "this is " + describe(kind) + ", not "
            + described);
      }
    }
  }

  /** The message as one {@code artcash:} link, compressed when that makes it shorter. */
  public static String link(String kind, byte[] payload) {
    return shorter(ArtcashUri.encode(kind, payload, ArtcashUri.Form.LINK),
        ArtcashUri.encode(kind, payload, ArtcashUri.Form.LINK, true));
  }

  /**
   * The message as QR texts (upper case, Base45, so each code uses the QR alphanumeric mode),
   * compressed when shorter, split into parts of at most {@code maxChars} characters when it does
   * not fit in one code. Parts may be scanned in any order.
   */
  public static List<String> qrTexts(String kind, byte[] payload, int maxChars) {
    if (maxChars < 100) {
      throw new IllegalArgumentException("a QR code of fewer than 100 characters cannot hold a part");
    }
    String whole = shorter(ArtcashUri.encode(kind, payload, ArtcashUri.Form.QR),
        ArtcashUri.encode(kind, payload, ArtcashUri.Form.QR, true));
    return whole.length() <= maxChars ? List.of(whole) : Chunks.split(whole, maxChars);
  }

  /**
   * Reads a message from texts: one link or QR text, or all the parts of a message split over
   * several QR codes, in any order. Blank texts are ignored; each text may hold several lines.
   */
  public static Message read(Collection<String> texts) throws ArtcashException {
    List<String> lines = new ArrayList<>();
    for (String t : texts) {
      for (String line : t.split("\\R")) {
        if (!line.isBlank()) {
          lines.add(line.strip());
        }
      }
    }
    if (lines.isEmpty()) {
      throw new ArtcashException(Reason.TRUNCATED,
          "there is nothing to read: no artcash: link or QR text was given");
    }
    long parts = lines.stream().filter(l -> l.startsWith(PART_PREFIX)).count();
    ArtcashUri.Parsed parsed;
    if (parts > 0) {
      if (parts != lines.size()) {
        throw new ArtcashException(Reason.MALFORMED, "parts of a message split over several QR"
            + " codes were mixed with other text; give only the parts of one message");
      }
      parsed = ArtcashUri.decode(Chunks.join(lines));
    } else if (lines.size() == 1) {
      parsed = ArtcashUri.decode(lines.get(0));
    } else {
      throw new ArtcashException(Reason.MALFORMED, "there are " + lines.size() + " texts where"
          + " one artcash: link was expected; give one message at a time");
    }
    return new Message(parsed.kind(), parsed.payload());
  }

  /**
   * Reads a message from a file's content: text (a link, a QR text, or the parts of one, a line
   * each) or the binary message itself. {@code source} names the file in the error message.
   */
  public static Message readFile(byte[] content, String source) throws ArtcashException {
    if (content.length == 0) {
      throw new ArtcashException(Reason.TRUNCATED, source + " is empty, not an artcash message");
    }
    String kind = binaryKind(content[0] & 0xFF);
    if (kind != null) {
      return new Message(kind, content);
    }
    String text = new String(content, StandardCharsets.UTF_8);
    String trimmed = text.strip();
    if (!trimmed.regionMatches(true, 0, "artcash:", 0, "artcash:".length())) {
      throw new ArtcashException(Reason.MALFORMED, source + " is not an artcash message: it holds"
          + " neither an artcash: link, nor ARTCASH: QR text, nor a binary payment request or"
          + " token");
    }
    return read(List.of(text));
  }

  /** The kind of a binary message by its type byte (docs/PROTOCOL.md, sec. 1), or null. */
  private static String binaryKind(int type) {
    return switch (type) {
      case PaymentRequest.TYPE -> REQUEST;
      case TransferToken.TYPE -> TOKEN;
      case Art.TYPE -> ART;
      case Certificate.TYPE -> CERTIFICATE;
      default -> null;
    };
  }

  /** "a payment request", "a transfer token", ... for messages. */
  public static String describe(String kind) {
    return switch (kind) {
      case REQUEST -> "a payment request";
      case TOKEN -> "a transfer token";
      case ART -> "an ART log";
      case CERTIFICATE -> "a certificate";
      default -> "an artcash '" + kind + "' message";
    };
  }

  private static String shorter(String plain, String deflated) {
    return deflated.length() < plain.length() ? deflated : plain;
  }
}
