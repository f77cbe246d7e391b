package org.artcash.core.text;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Decoder;

/**
 * The {@code artcash:} text form of a message: {@code artcash:<kind>.<base64url>} for links and
 * files, {@code ARTCASH:<KIND>.<Base45>} for QR codes (alphanumeric mode). Decoding is strict.
 */
public final class ArtcashUri {
  /** LINK: lower-case kind, base64url payload. QR: upper-case kind, Base45 payload. */
  public enum Form { LINK, QR }

  /** A decoded text: its kind (always lower case) and the payload bytes. */
  public record Parsed(String kind, byte[] payload) {}

  /** Longer texts are refused before any decoding. */
  public static final int MAX_TEXT_LENGTH = 1_500_000;

  /** Largest payload, also after inflating: the largest object any artcash decoder accepts. */
  public static final int MAX_PAYLOAD_SIZE = Decoder.MAX_OBJECT_SIZE;

  /** Reserved: {@link Chunks} writes its parts as ARTCASH:PART.&lt;i&gt;/&lt;n&gt;... */
  static final String PART_KIND = "part";

  private static final String LINK_SCHEME = "artcash:";
  private static final String QR_SCHEME = "ARTCASH:";
  private static final char LINK_DEFLATED = '~';
  // '~' is not in the QR alphanumeric set; '*' is, and cannot occur in a kind.
  private static final char QR_DEFLATED = '*';
  private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,15}");
  private static final String BASE64URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private record Header(Form form, String kind, boolean deflated, String body) {}

  private ArtcashUri() {}

  public static String encode(String kind, byte[] payload, Form form) {
    return encode(kind, payload, form, false);
  }

  /** With {@code deflate} the payload is raw DEFLATE and the kind is marked ~ (LINK) or * (QR). */
  public static String encode(String kind, byte[] payload, Form form, boolean deflate) {
    requireKind(kind);
    if (kind.equals(PART_KIND)) {
      throw new IllegalArgumentException("kind 'part' is reserved for Chunks");
    }
    Objects.requireNonNull(form, "form");
    if (payload.length == 0 || payload.length > MAX_PAYLOAD_SIZE) {
      throw new IllegalArgumentException(
          "payload is " + payload.length + " bytes; 1 to " + MAX_PAYLOAD_SIZE + " are allowed");
    }
    byte[] body = deflate ? deflate(payload) : payload;
    String text = form == Form.LINK
        ? LINK_SCHEME + kind + (deflate ? String.valueOf(LINK_DEFLATED) : "") + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(body)
        : QR_SCHEME + kind.toUpperCase(Locale.ROOT) + (deflate ? String.valueOf(QR_DEFLATED) : "")
            + "." + Base45.encode(body);
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new IllegalArgumentException("the text form would be " + text.length()
          + " characters; decoders accept at most " + MAX_TEXT_LENGTH);
    }
    return text;
  }

  /** Accepts both forms; surrounding whitespace is ignored. */
  public static Parsed decode(String text) throws ArtcashException {
    Header h = header(text);
    return new Parsed(h.kind(), payload(h));
  }

  /** As {@link #decode(String)}, and the kind must be {@code expectedKind}. */
  public static Parsed decode(String text, String expectedKind) throws ArtcashException {
    requireKind(expectedKind);
    Header h = header(text);
    // Checked before the payload is decoded: the wrong kind is the more useful message.
    if (!h.kind().equals(expectedKind)) {
      throw new ArtcashException(Reason.WRONG_TYPE,
          "this link is " + withArticle(h.kind()) + ", expected " + withArticle(expectedKind));
    }
    return new Parsed(h.kind(), payload(h));
  }

  private static void requireKind(String kind) {
    if (!KIND.matcher(kind).matches()) {
      throw new IllegalArgumentException("kind '" + kind
          + "' must be 1 to 16 lower-case letters, digits or '-', starting with a letter");
    }
  }

  private static String withArticle(String kind) {
    return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
  }

  private static Header header(String text) throws ArtcashException {
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new ArtcashException(Reason.TOO_LARGE, "this artcash link is " + text.length()
          + " characters long; at most " + MAX_TEXT_LENGTH + " are accepted");
    }
    // Safe for Base45: its last character is a most significant digit (at most 'W'), never a space.
    String t = text.strip();
    Form form;
    if (t.startsWith(LINK_SCHEME)) {
      form = Form.LINK;
    } else if (t.startsWith(QR_SCHEME)) {
      form = Form.QR;
    } else if (t.regionMatches(true, 0, LINK_SCHEME, 0, LINK_SCHEME.length())) {
      throw new ArtcashException(Reason.MALFORMED, "the scheme must be written artcash: (in a link)"
          + " or ARTCASH: (in a QR code), not " + t.substring(0, LINK_SCHEME.length()));
    } else {
      throw new ArtcashException(Reason.MALFORMED,
          "not an artcash link: it must start with artcash:");
    }
    int start = LINK_SCHEME.length();
    int dot = t.indexOf('.', start);
    if (dot < 0) {
      throw new ArtcashException(Reason.MALFORMED,
          "this artcash link has no '.' between its kind and its payload; was it cut short?");
    }
    String rawKind = t.substring(start, dot);
    String body = t.substring(dot + 1);
    if (rawKind.equalsIgnoreCase(PART_KIND)) {
      throw new ArtcashException(Reason.WRONG_TYPE, "this is one part of an artcash message split"
          + " over several QR codes: scan all of its parts so they can be joined");
    }
    char mark = form == Form.LINK ? LINK_DEFLATED : QR_DEFLATED;
    char otherMark = form == Form.LINK ? QR_DEFLATED : LINK_DEFLATED;
    boolean deflated = rawKind.endsWith(String.valueOf(mark));
    if (!deflated && rawKind.endsWith(String.valueOf(otherMark))) {
      throw new ArtcashException(Reason.MALFORMED, form == Form.LINK
          ? "a compressed artcash: link is marked with '~' after its kind; '*' is for ARTCASH: (QR)"
          : "a compressed ARTCASH: (QR) text is marked with '*' after its kind; '~' is for artcash:");
    }
    String kind = deflated ? rawKind.substring(0, rawKind.length() - 1) : rawKind;
    if (form == Form.QR) {
      int lower = firstLowerCase(t);
      if (lower >= 0) {
        throw new ArtcashException(Reason.MALFORMED, "mixed case: a text starting ARTCASH: (the QR"
            + " form) is all upper case, but it has '" + t.charAt(lower) + "' at position " + lower
            + "; use artcash: for the lower-case link form");
      }
      kind = kind.toLowerCase(Locale.ROOT);
    }
    if (!KIND.matcher(kind).matches()) {
      throw new ArtcashException(Reason.MALFORMED, "the kind '" + rawKind + "' is not valid: 1 to"
          + " 16 letters, digits or '-', starting with a letter"
          + (form == Form.LINK ? ", in lower case" : ""));
    }
    if (body.isEmpty()) {
      throw new ArtcashException(Reason.MALFORMED,
          "this artcash link has nothing after the '.': its payload is missing");
    }
    return new Header(form, kind, deflated, body);
  }

  private static int firstLowerCase(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z') {
        return i;
      }
    }
    return -1;
  }

  private static byte[] payload(Header h) throws ArtcashException {
    byte[] body = h.form() == Form.LINK ? base64url(h.body()) : Base45.decode(h.body());
    byte[] payload = h.deflated() ? inflate(body) : body;
    if (payload.length == 0) {
      throw new ArtcashException(Reason.MALFORMED, "the compressed payload expands to nothing");
    }
    if (payload.length > MAX_PAYLOAD_SIZE) {
      throw new ArtcashException(Reason.TOO_LARGE, "the payload is " + payload.length
          + " bytes; at most " + MAX_PAYLOAD_SIZE + " are accepted");
    }
    return payload;
  }

  private static byte[] base64url(String body) throws ArtcashException {
    int len = body.length();
    if (body.endsWith("=")) {
      throw new ArtcashException(Reason.NON_CANONICAL,
          "the payload ends with '=' padding, which artcash: links leave out: remove the '='");
    }
    for (int i = 0; i < len; i++) {
      if (BASE64URL.indexOf(body.charAt(i)) < 0) {
        throw new ArtcashException(Reason.MALFORMED, "character '" + body.charAt(i)
            + "' at position " + i + " of the payload is not base64url (A-Z a-z 0-9 - _)");
      }
    }
    if (len % 4 == 1) {
      throw new ArtcashException(Reason.MALFORMED, "a base64url payload of " + len
          + " characters cannot be complete: a character is missing or extra");
    }
    // The last character of 2 or 3 carries 4 or 2 bits no byte uses; set, they alias another text.
    int unused = len % 4 == 2 ? 0x0F : len % 4 == 3 ? 0x03 : 0;
    int last = BASE64URL.indexOf(body.charAt(len - 1));
    if ((last & unused) != 0) {
      throw new ArtcashException(Reason.NON_CANONICAL, "the payload's last character '"
          + body.charAt(len - 1) + "' has unused bits set; the canonical form ends in '"
          + BASE64URL.charAt(last & ~unused) + "'");
    }
    return Base64.getUrlDecoder().decode(body);
  }

  private static byte[] deflate(byte[] in) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      deflater.setInput(in);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2 + 64);
      byte[] buf = new byte[8192];
      while (!deflater.finished()) {
        out.write(buf, 0, deflater.deflate(buf));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /** Raw DEFLATE, stopped as soon as the output passes {@link #MAX_PAYLOAD_SIZE} (zip bombs). */
  private static byte[] inflate(byte[] in) throws ArtcashException {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(in);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(in.length * 4, 1 << 16));
      byte[] buf = new byte[8192];
      while (!inflater.finished()) {
        int n;
        try {
          n = inflater.inflate(buf);
        } catch (DataFormatException e) {
          throw new ArtcashException(Reason.MALFORMED,
              "the compressed payload is corrupt (" + e.getMessage() + ")", e);
        }
        if (out.size() + n > MAX_PAYLOAD_SIZE) {
          throw new ArtcashException(Reason.TOO_LARGE, "the compressed payload expands to more"
              + " than " + MAX_PAYLOAD_SIZE + " bytes; it is refused");
        }
        out.write(buf, 0, n);
        if (n == 0 && !inflater.finished()) {
          if (inflater.needsDictionary()) {
            throw new ArtcashException(Reason.MALFORMED,
                "the compressed payload needs a preset dictionary, which artcash does not use");
          }
          if (inflater.needsInput()) {
            throw new ArtcashException(Reason.TRUNCATED,
                "the compressed payload stops before its end: part of the text is missing");
          }
          throw new ArtcashException(Reason.MALFORMED, "the compressed payload is corrupt");
        }
      }
      if (inflater.getRemaining() > 0) {
        throw new ArtcashException(Reason.TRAILING_BYTES, inflater.getRemaining()
            + " unexpected bytes follow the end of the compressed payload");
      }
      return out.toByteArray();
    } finally {
      inflater.end();
    }
  }
}
