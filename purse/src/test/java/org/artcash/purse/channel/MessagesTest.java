package org.artcash.purse.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.junit.jupiter.api.Test;

class MessagesTest {
  private static byte[] payload(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    b[0] = 0x11; // a transfer token's type byte
    return b;
  }

  @Test
  void link_roundTrips() throws Exception {
    byte[] p = payload(1500, 1);
    Messages.Message m = Messages.read(List.of(Messages.link("token", p)));
    assertEquals("token", m.kind());
    assertArrayEquals(p, m.payload());
  }

  @Test
  void link_compressedWhenShorter() throws Exception {
    byte[] repetitive = new byte[600];
    repetitive[0] = 0x10;
    String link = Messages.link("request", repetitive);
    assertTrue(link.startsWith("artcash:request~."), link);
    assertArrayEquals(repetitive, Messages.read(List.of(link)).payload());
  }

  @Test
  void qrTexts_splitIntoPartsOfAtMostTheLimit_joinedInAnyOrder() throws Exception {
    byte[] p = payload(1600, 2);
    List<String> parts = Messages.qrTexts("token", p, 1000);
    assertTrue(parts.size() >= 3, "parts: " + parts.size());
    for (String part : parts) {
      assertTrue(part.length() <= 1000);
      assertTrue(part.matches("[0-9A-Z $%*+\\-./:]+"), "QR alphanumeric only: " + part);
    }
    List<String> shuffled = new ArrayList<>(parts);
    Collections.reverse(shuffled);
    assertArrayEquals(p, Messages.read(shuffled).payload());
  }

  @Test
  void qrTexts_shortMessage_oneCode() throws Exception {
    byte[] p = payload(200, 3);
    List<String> texts = Messages.qrTexts("request", p, 1000);
    assertEquals(1, texts.size());
    assertTrue(texts.get(0).startsWith("ARTCASH:REQUEST"));
    assertArrayEquals(p, Messages.read(texts).payload());
  }

  @Test
  void readFile_linkTextOrBinary() throws Exception {
    byte[] p = payload(300, 4);
    byte[] text = (Messages.link("token", p) + "\n").getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(p, Messages.readFile(text, "t.artcash").payload());
    Messages.Message binary = Messages.readFile(p, "t.bin");
    assertEquals("token", binary.kind());
    assertArrayEquals(p, binary.payload());
  }

  @Test
  void malformedInputs_eachRefusedWithItsReason() {
    byte[] p = payload(1600, 5);
    List<String> parts = Messages.qrTexts("token", p, 1000);
    String link = Messages.link("token", p);
    record Case(String name, Reason reason, ThrowingRead read) {}
    List<Case> cases = List.of(
        new Case("empty file", Reason.TRUNCATED, () -> Messages.readFile(new byte[0], "f")),
        new Case("not a message", Reason.MALFORMED,
            () -> Messages.readFile("hello".getBytes(StandardCharsets.UTF_8), "f")),
        new Case("nothing given", Reason.TRUNCATED, () -> Messages.read(List.of(" ", ""))),
        new Case("two links", Reason.MALFORMED, () -> Messages.read(List.of(link, link))),
        new Case("part missing", Reason.TRUNCATED, () -> Messages.read(parts.subList(0, 1))),
        new Case("parts mixed with a link", Reason.MALFORMED,
            () -> Messages.read(List.of(parts.get(0), link))),
        new Case("cut short", Reason.MALFORMED,
            () -> Messages.read(List.of(link.substring(0, link.length() - 1) + "=x"))),
        new Case("wrong kind", Reason.WRONG_TYPE,
            () -> Messages.read(List.of(link)).request()),
        new Case("random bytes behind a token's type byte", Reason.UNSUPPORTED_VERSION,
            () -> Messages.read(List.of(link)).token()));
    List<String> wrong = new ArrayList<>();
    for (Case c : cases) {
      try {
        c.read().run();
        wrong.add(c.name() + ": accepted");
      } catch (ArtcashException e) {
        if (e.reason() != c.reason()) {
          wrong.add(c.name() + ": " + e.reason() + " (" + e.getMessage() + ")");
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void qrTexts_limitTooSmall_isAProgrammerError() {
    assertThrows(IllegalArgumentException.class, () -> Messages.qrTexts("token", payload(10, 6),
        50));
  }

  @FunctionalInterface
  interface ThrowingRead {
    Object run() throws ArtcashException;
  }
}
