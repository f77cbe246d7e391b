package org.artcash.core.text;

import java.util.Arrays;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;

/**
 * Base45 (RFC 9285): bytes as text in the 45 characters of the QR code alphanumeric mode, which
 * packs them tighter than byte mode. The decoder accepts only the one encoding of each byte string.
 */
public final class Base45 {
  static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
  private static final int[] VALUE = new int[128];

  static {
    Arrays.fill(VALUE, -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      VALUE[ALPHABET.charAt(i)] = i;
    }
  }

  private Base45() {}

  /** Two bytes become three characters, a final odd byte two; least significant digit first. */
  public static String encode(byte[] data) {
    StringBuilder out = new StringBuilder(data.length / 2 * 3 + data.length % 2 * 2);
    int i = 0;
    for (; i + 1 < data.length; i += 2) {
      int n = ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
      out.append(ALPHABET.charAt(n % 45))
          .append(ALPHABET.charAt(n / 45 % 45))
          .append(ALPHABET.charAt(n / 2025));
    }
    if (i < data.length) {
      int n = data[i] & 0xFF;
      out.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt(n / 45));
    }
    return out.toString();
  }

  /** Strict: only alphabet characters, no dangling character, no group above what it can hold. */
  public static byte[] decode(String text) throws ArtcashException {
    int len = text.length();
    if (len % 3 == 1) {
      throw new ArtcashException(Reason.MALFORMED,
          "Base45 text of " + len + " characters cannot be complete: it is read in groups of 3"
              + " (2 for a final odd byte), so a character is missing or extra");
    }
    byte[] out = new byte[len / 3 * 2 + (len % 3 == 2 ? 1 : 0)];
    int o = 0;
    for (int p = 0; p < len; p += 3) {
      boolean pair = len - p == 2;
      int n = digit(text, p) + digit(text, p + 1) * 45 + (pair ? 0 : digit(text, p + 2) * 2025);
      int max = pair ? 0xFF : 0xFFFF;
      if (n > max) {
        // A lax decoder would wrap this value onto a byte string that has another encoding.
        throw new ArtcashException(Reason.NON_CANONICAL,
            "Base45 text: the group '" + text.substring(p, pair ? p + 2 : p + 3) + "' at position "
                + p + " stands for " + n + ", more than the " + max + " that "
                + (pair ? "one byte" : "two bytes") + " can hold");
      }
      if (!pair) {
        out[o++] = (byte) (n >> 8);
      }
      out[o++] = (byte) n;
    }
    return out;
  }

  private static int digit(String text, int p) throws ArtcashException {
    char c = text.charAt(p);
    int v = c < 128 ? VALUE[c] : -1;
    if (v < 0) {
      throw new ArtcashException(Reason.MALFORMED,
          "Base45 text: character '" + c + "' at position " + p
              + " is not in the Base45 alphabet (0-9, A-Z, space and $ % * + - . / :)");
    }
    return v;
  }
}
