package org.artcash.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.text.ArtcashUri.Form;
import org.junit.jupiter.api.Test;

class ChunksTest {
  private static final Pattern PART =
      Pattern.compile("ARTCASH:PART\\.([1-9][0-9]*)/([1-9][0-9]*)\\.([0-9A-F]{8})\\.(.+)");

  private static String text(Form form, int size, long seed) {
    byte[] payload = new byte[size];
    new Random(seed).nextBytes(payload);
    return ArtcashUri.encode("token", payload, form);
  }

  private static String check(String whole) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256")
        .digest(whole.getBytes(StandardCharsets.US_ASCII));
    return HexFormat.of().withUpperCase().formatHex(digest, 0, 4);
  }

  @Test
  void splitAndJoinRoundTripInAnyOrder() throws Exception {
    Random random = new Random(7);
    for (Form form : Form.values()) {
      for (int size : new int[] {1, 40, 700, 3000, 20_000}) {
        String whole = text(form, size, size);
        for (int max : new int[] {40, 100, 1000, 2953}) {
          List<String> parts = Chunks.split(whole, max);
          for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            assertTrue(part.length() <= max, part.length() + " > " + max);
            Matcher m = PART.matcher(part);
            assertTrue(m.matches(), part);
            assertEquals(i + 1, Integer.parseInt(m.group(1)));
            assertEquals(parts.size(), Integer.parseInt(m.group(2)));
            assertEquals(check(whole), m.group(3));
            if (form == Form.QR) {
              assertTrue(part.chars().allMatch(c -> Base45.ALPHABET.indexOf(c) >= 0), part);
            }
          }
          List<String> shuffled = new ArrayList<>(parts);
          Collections.shuffle(shuffled, random);
          assertEquals(whole, Chunks.join(shuffled));
        }
      }
    }
  }

  @Test
  void aShortTextIsOnePart() throws ArtcashException {
    List<String> parts = Chunks.split("artcash:token.AQID", 100);
    assertEquals(1, parts.size());
    assertTrue(parts.get(0).startsWith("ARTCASH:PART.1/1."), parts.get(0));
    assertEquals("artcash:token.AQID", Chunks.join(parts));
  }

  @Test
  void manyPartsGetLongerNumbers() throws ArtcashException {
    String whole = text(Form.QR, 2000, 1);
    List<String> parts = Chunks.split(whole, 40);
    assertTrue(parts.size() >= 100, "parts: " + parts.size());
    assertTrue(parts.stream().allMatch(p -> p.length() <= 40));
    assertTrue(parts.get(0).startsWith("ARTCASH:PART.1/" + parts.size() + "."));
    assertEquals(whole, Chunks.join(parts));
  }

  @Test
  void surroundingWhitespaceIsIgnoredBecauseNoSliceEndsWithASpace() throws ArtcashException {
    // Base45 text has spaces inside; try every cut so some would fall just after a space.
    String whole = ArtcashUri.encode("token", "Hello!! Hello!! Hello!! Hello!!".getBytes(
        StandardCharsets.US_ASCII), Form.QR);
    assertTrue(whole.contains(" "), whole);
    for (int max = 32; max < 80; max++) {
      List<String> scanned = new ArrayList<>();
      for (String part : Chunks.split(whole, max)) {
        assertTrue(!part.endsWith(" "), "'" + part + "'");
        scanned.add(" " + part + "\r\n");
      }
      assertEquals(whole, Chunks.join(scanned));
    }
  }

  @Test
  void theSamePartTwiceIsAccepted() throws ArtcashException {
    String whole = text(Form.QR, 500, 2);
    List<String> parts = new ArrayList<>(Chunks.split(whole, 200));
    parts.add(parts.get(0));
    parts.add(parts.get(1));
    assertEquals(whole, Chunks.join(parts));
  }

  private static String rejects(List<String> parts, Reason reason, String messagePart) {
    ArtcashException e = assertThrows(ArtcashException.class, () -> Chunks.join(parts));
    assertEquals(reason, e.reason(), e.getMessage());
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    return e.getMessage();
  }

  @Test
  void rejectsMissingParts() {
    List<String> parts = new ArrayList<>(Chunks.split(text(Form.QR, 500, 3), 100));
    int n = parts.size();
    parts.remove(n - 1);
    parts.remove(1);
    rejects(parts, Reason.TRUNCATED, "2 of the " + n + " parts are missing: 2, " + n);
    rejects(List.of(), Reason.TRUNCATED, "no parts");
    List<String> many = new ArrayList<>(Chunks.split(text(Form.QR, 2000, 3), 40));
    int total = many.size();
    many.subList(0, 15).clear();
    rejects(many, Reason.TRUNCATED, "15 of the " + total + " parts are missing: 1, 2, 3, 4, 5,"
        + " 6, 7, 8, 9, 10 and 5 more");
  }

  @Test
  void rejectsDuplicatesThatDiffer() {
    List<String> parts = new ArrayList<>(Chunks.split(text(Form.QR, 500, 4), 100));
    String first = parts.get(0);
    parts.add(first.substring(0, first.length() - 1) + (first.endsWith("A") ? "B" : "A"));
    rejects(parts, Reason.MALFORMED, "part 1/" + (parts.size() - 1) + " was given twice");
  }

  @Test
  void rejectsPartsOfDifferentMessages() {
    List<String> parts = new ArrayList<>(Chunks.split(text(Form.QR, 500, 5), 100));
    List<String> other = Chunks.split(text(Form.QR, 500, 6), 100);
    assertEquals(parts.size(), other.size());
    parts.set(1, other.get(1));
    rejects(parts, Reason.MALFORMED, "different messages");
    List<String> longer = Chunks.split(text(Form.QR, 600, 5), 100);
    rejects(List.of(parts.get(0), longer.get(1)), Reason.MALFORMED, "different messages");
  }

  @Test
  void rejectsAReassembledTextThatDoesNotMatchItsChecksum() {
    List<String> parts = new ArrayList<>(Chunks.split(text(Form.QR, 500, 8), 100));
    String last = parts.get(parts.size() - 1);
    // A misread character: the header is intact, so only the checksum can tell.
    char c = last.charAt(last.length() - 1);
    parts.set(parts.size() - 1, last.substring(0, last.length() - 1) + (c == '0' ? '1' : '0'));
    rejects(parts, Reason.MALFORMED, "do not match their checksum");
  }

  @Test
  void rejectsMalformedParts() {
    rejects(List.of("ARTCASH:TOKEN.X5030"), Reason.MALFORMED, "must start with ARTCASH:PART.");
    rejects(List.of("artcash:part.1/1.ABCDEF01.x"), Reason.MALFORMED, "must start with");
    rejects(List.of("ARTCASH:PART.1/1"), Reason.MALFORMED, "not of the form i/n");
    rejects(List.of("ARTCASH:PART.01/3.ABCDEF01.X"), Reason.MALFORMED, "'01/3'");
    rejects(List.of("ARTCASH:PART.0/3.ABCDEF01.X"), Reason.MALFORMED, "'0/3'");
    rejects(List.of("ARTCASH:PART.1-3.ABCDEF01.X"), Reason.MALFORMED, "not of the form i/n");
    rejects(List.of("ARTCASH:PART.1/10000.ABCDEF01.X"), Reason.MALFORMED, "from 1 to 9999");
    rejects(List.of("ARTCASH:PART.4/3.ABCDEF01.X"), Reason.MALFORMED, "only 3 parts");
    rejects(List.of("ARTCASH:PART.1/3.abcdef01.X"), Reason.MALFORMED, "upper-case hex");
    rejects(List.of("ARTCASH:PART.1/3.ABCDEF0.X"), Reason.MALFORMED, "upper-case hex");
    rejects(List.of("ARTCASH:PART.1/3.ABCDEF01X"), Reason.MALFORMED, "upper-case hex");
    rejects(List.of("ARTCASH:PART.1/3.ABC"), Reason.MALFORMED, "upper-case hex");
    rejects(List.of("ARTCASH:PART.1/3.ABCDEF01."), Reason.MALFORMED, "is empty");
    rejects(List.of("?".repeat(ArtcashUri.MAX_TEXT_LENGTH + 1)), Reason.TOO_LARGE, "longer");
  }

  @Test
  void splitRejectsProgrammerErrors() {
    assertThrows(IllegalArgumentException.class, () -> Chunks.split("", 100));
    assertThrows(IllegalArgumentException.class, () -> Chunks.split("caf\u00e9", 100));
    assertThrows(IllegalArgumentException.class, () -> Chunks.split("line\nbreak", 100));
    assertThrows(IllegalArgumentException.class, () -> Chunks.split(" padded", 100));
    assertThrows(IllegalArgumentException.class, () -> Chunks.split("artcash:token.AQID", 26));
    // Even with 9999 parts of the smallest useful length the text does not fit.
    assertThrows(IllegalArgumentException.class, () -> Chunks.split("x".repeat(20_000), 27));
    assertThrows(IllegalArgumentException.class, () -> Chunks.split("a" + " ".repeat(5) + "b", 28));
  }
}
