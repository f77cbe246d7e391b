package org.artcash.core.text;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.junit.jupiter.api.Test;

class Base45Test {

  private static void vector(String bytes, String text) throws ArtcashException {
    assertEquals(text, Base45.encode(bytes.getBytes(US_ASCII)));
    assertArrayEquals(bytes.getBytes(US_ASCII), Base45.decode(text));
  }

  @Test
  void rfc9285Examples() throws ArtcashException {
    vector("AB", "BB8");
    vector("Hello!!", "%69 VD92EX0");
    vector("base-45", "UJCLQE7W581");
    vector("ietf!", "QED8WEX0");
    assertEquals("ietf!", new String(Base45.decode("QED8WEX0"), US_ASCII));
  }

  @Test
  void emptyInput() throws ArtcashException {
    assertEquals("", Base45.encode(new byte[0]));
    assertArrayEquals(new byte[0], Base45.decode(""));
  }

  @Test
  void largestGroupsDecode() throws ArtcashException {
    assertEquals("FGW", Base45.encode(new byte[] {(byte) 0xFF, (byte) 0xFF}));
    assertEquals("U5", Base45.encode(new byte[] {(byte) 0xFF}));
    assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, Base45.decode("FGWU5"));
  }

  @Test
  void everyByteValueRoundTrips() throws ArtcashException {
    // Every byte as a lone final byte, and every pair of byte values as one group.
    for (int a = 0; a < 256; a++) {
      byte[] one = {(byte) a};
      assertArrayEquals(one, Base45.decode(Base45.encode(one)));
      for (int b = 0; b < 256; b++) {
        byte[] two = {(byte) a, (byte) b};
        String text = Base45.encode(two);
        assertEquals(3, text.length());
        assertArrayEquals(two, Base45.decode(text));
      }
    }
  }

  @Test
  void randomDataRoundTrips() throws ArtcashException {
    Random random = new Random(45);
    for (int size = 0; size < 600; size++) {
      byte[] data = new byte[size];
      random.nextBytes(data);
      String text = Base45.encode(data);
      assertEquals(size / 2 * 3 + size % 2 * 2, text.length());
      assertTrue(text.chars().allMatch(c -> Base45.ALPHABET.indexOf(c) >= 0));
      assertArrayEquals(data, Base45.decode(text));
    }
  }

  private static ArtcashException rejects(String text, Reason reason) {
    ArtcashException e = assertThrows(ArtcashException.class, () -> Base45.decode(text));
    assertEquals(reason, e.reason(), e.getMessage());
    return e;
  }

  @Test
  void rejectsCharactersOutsideTheAlphabet() {
    assertTrue(rejects("bB8", Reason.MALFORMED).getMessage().contains("'b' at position 0"));
    assertTrue(rejects("BB~", Reason.MALFORMED).getMessage().contains("'~' at position 2"));
    assertTrue(rejects("BB\u00c4", Reason.MALFORMED).getMessage().contains("alphabet"));
    rejects("BB_", Reason.MALFORMED);
    rejects("B=", Reason.MALFORMED);
  }

  @Test
  void rejectsADanglingCharacter() {
    assertTrue(rejects("B", Reason.MALFORMED).getMessage().contains("missing or extra"));
    rejects("BB8B", Reason.MALFORMED);
    rejects("QED8WEX0QE", Reason.MALFORMED);
  }

  @Test
  void rejectsGroupsThatOverflow() {
    // GGW = 16 + 16*45 + 32*2025 = 65536: one more than two bytes hold.
    assertTrue(rejects("GGW", Reason.NON_CANONICAL).getMessage().contains("65536"));
    rejects("::::", Reason.MALFORMED); // length first
    rejects(":::", Reason.NON_CANONICAL);
    rejects("BB8GGW", Reason.NON_CANONICAL);
    // A final pair holds one byte: 255 = "U5"; "V5" is 256.
    assertTrue(rejects("V5", Reason.NON_CANONICAL).getMessage().contains("one byte"));
    rejects("BB8::", Reason.NON_CANONICAL);
  }
}
