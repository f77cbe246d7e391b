package org.artcash.core.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.crypto.Sha256;

/**
 * A text too long for one QR code, as numbered parts {@code ARTCASH:PART.<i>/<n>.<check>.<slice>};
 * {@code <check>} is the first 8 upper-case hex digits of SHA-256 of the whole text.
 */
public final class Chunks {
  public static final int MAX_PARTS = 9999;

  private static final String PREFIX = "ARTCASH:PART.";
  private static final int CHECK_CHARS = 8;
  private static final int MAX_LISTED = 10;

  private record Part(int index, int count, String check, String slice) {}

  private Chunks() {}

  /**
   * Parts of at most {@code maxPartLength} characters, always at least one. {@code text} is
   * printable ASCII without surrounding spaces, as every artcash text is.
   */
  public static List<String> split(String text, int maxPartLength) {
    if (text.isEmpty() || text.length() > ArtcashUri.MAX_TEXT_LENGTH) {
      throw new IllegalArgumentException("text is " + text.length() + " characters; 1 to "
          + ArtcashUri.MAX_TEXT_LENGTH + " can be split");
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < 0x20 || text.charAt(i) > 0x7E) {
        throw new IllegalArgumentException("text has a character outside printable ASCII at " + i);
      }
    }
    if (text.charAt(0) == ' ' || text.charAt(text.length() - 1) == ' ') {
      throw new IllegalArgumentException("text starts or ends with a space");
    }
    String check = check(text);
    // The header grows with the digits of n, and n with the header: retry with more digits.
    for (int digits = 1; digits <= 4; digits++) {
      int capacity = maxPartLength - (PREFIX.length() + 2 * digits + 1 + 1 + CHECK_CHARS + 1);
      if (capacity < 1) {
        break;
      }
      List<String> slices = slices(text, capacity);
      if (slices.size() > MAX_PARTS) {
        break;
      }
      if (String.valueOf(slices.size()).length() <= digits) {
        List<String> parts = new ArrayList<>(slices.size());
        for (int i = 0; i < slices.size(); i++) {
          parts.add(PREFIX + (i + 1) + "/" + slices.size() + "." + check + "." + slices.get(i));
        }
        return parts;
      }
    }
    throw new IllegalArgumentException("parts of at most " + maxPartLength
        + " characters cannot hold this text in " + MAX_PARTS + " parts");
  }

  /** No slice ends with a space, so that {@link #join} may strip whitespace around each part. */
  private static List<String> slices(String text, int capacity) {
    List<String> slices = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(start + capacity, text.length());
      while (text.charAt(end - 1) == ' ' && end - 1 > start) {
        end--;
      }
      if (text.charAt(end - 1) == ' ') {
        throw new IllegalArgumentException("parts of " + capacity
            + " characters of text are too short for the runs of spaces in it");
      }
      slices.add(text.substring(start, end));
      start = end;
    }
    return slices;
  }

  /** Accepts the parts in any order, and the same part more than once (a QR code scanned twice). */
  public static String join(Collection<String> parts) throws ArtcashException {
    if (parts.isEmpty()) {
      throw new ArtcashException(Reason.TRUNCATED, "no parts to join");
    }
    String[] slices = null;
    Part first = null;
    long total = 0;
    for (String raw : parts) {
      Part p = parse(raw);
      if (first == null) {
        first = p;
        slices = new String[p.count()];
      } else if (p.count() != first.count() || !p.check().equals(first.check())) {
        throw new ArtcashException(Reason.MALFORMED, "these parts come from different messages:"
            + " part " + first.index() + "/" + first.count() + " of message " + first.check()
            + " and part " + p.index() + "/" + p.count() + " of message " + p.check()
            + "; scan the parts of one message only");
      }
      String seen = slices[p.index() - 1];
      if (seen == null) {
        slices[p.index() - 1] = p.slice();
        total += p.slice().length();
        if (total > ArtcashUri.MAX_TEXT_LENGTH) {
          throw new ArtcashException(Reason.TOO_LARGE,
              "the joined parts exceed " + ArtcashUri.MAX_TEXT_LENGTH + " characters");
        }
      } else if (!seen.equals(p.slice())) {
        throw new ArtcashException(Reason.MALFORMED, "part " + p.index() + "/" + p.count()
            + " was given twice with different contents; scan it again");
      }
    }
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < slices.length; i++) {
      if (slices[i] == null) {
        missing.add(i + 1);
      }
    }
    if (!missing.isEmpty()) {
      String listed = missing.subList(0, Math.min(MAX_LISTED, missing.size())).toString();
      throw new ArtcashException(Reason.TRUNCATED, missing.size() + " of the " + slices.length
          + " parts are missing: " + listed.substring(1, listed.length() - 1)
          + (missing.size() > MAX_LISTED ? " and " + (missing.size() - MAX_LISTED) + " more" : "")
          + "; scan them too");
    }
    String whole = String.join("", slices);
    if (!check(whole).equals(first.check())) {
      throw new ArtcashException(Reason.MALFORMED, "the joined parts do not match their checksum "
          + first.check() + ": a part was misread or altered; scan the parts again");
    }
    return whole;
  }

  private static Part parse(String raw) throws ArtcashException {
    if (raw.length() > ArtcashUri.MAX_TEXT_LENGTH) {
      throw new ArtcashException(Reason.TOO_LARGE, "a part of " + raw.length()
          + " characters is longer than any artcash text (" + ArtcashUri.MAX_TEXT_LENGTH + ")");
    }
    String t = raw.strip();
    if (!t.startsWith(PREFIX)) {
      throw new ArtcashException(Reason.MALFORMED,
          "not a part of a multi-part artcash message: it must start with " + PREFIX);
    }
    int numberEnd = t.indexOf('.', PREFIX.length());
    String number = t.substring(PREFIX.length(), numberEnd < 0 ? t.length() : numberEnd);
    if (numberEnd < 0 || !number.matches("[1-9][0-9]{0,3}/[1-9][0-9]{0,3}")) {
      throw new ArtcashException(Reason.MALFORMED, "part number '" + number + "' is not of the"
          + " form i/n followed by '.', with i and n from 1 to " + MAX_PARTS + " without leading 0");
    }
    int slash = number.indexOf('/');
    int index = Integer.parseInt(number.substring(0, slash));
    int count = Integer.parseInt(number.substring(slash + 1));
    if (index > count) {
      throw new ArtcashException(Reason.MALFORMED,
          "part number " + number + " is out of range: there are only " + count + " parts");
    }
    int sliceStart = numberEnd + 1 + CHECK_CHARS + 1;
    String check = t.substring(numberEnd + 1, Math.min(t.length(), sliceStart - 1));
    if (t.length() < sliceStart || !check.matches("[0-9A-F]{" + CHECK_CHARS + "}")
        || t.charAt(sliceStart - 1) != '.') {
      throw new ArtcashException(Reason.MALFORMED, "part " + number + ": the checksum after the"
          + " part number must be " + CHECK_CHARS + " upper-case hex digits followed by '.'");
    }
    if (t.length() == sliceStart) {
      throw new ArtcashException(Reason.MALFORMED,
          "part " + number + " is empty: nothing follows its checksum");
    }
    return new Part(index, count, check, t.substring(sliceStart));
  }

  private static String check(String whole) {
    byte[] digest = Sha256.hash(whole.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().withUpperCase().formatHex(digest, 0, CHECK_CHARS / 2);
  }
}
