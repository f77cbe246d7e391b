package org.artcash.core.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.zip.Deflater;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.text.ArtcashUri.Form;
import org.artcash.core.text.ArtcashUri.Parsed;
import org.junit.jupiter.api.Test;

class ArtcashUriTest {
  private static final byte[] ONE_TWO_THREE = {1, 2, 3};

  private static boolean qrAlphanumeric(String text) {
    return text.chars().allMatch(c -> Base45.ALPHABET.indexOf(c) >= 0);
  }

  private static void roundTrip(byte[] payload, Form form, boolean deflate) throws ArtcashException {
    String text = ArtcashUri.encode("token", payload, form, deflate);
    if (form == Form.QR) {
      assertTrue(qrAlphanumeric(text), text);
    }
    Parsed parsed = ArtcashUri.decode(text, "token");
    assertEquals("token", parsed.kind());
    assertArrayEquals(payload, parsed.payload(), form + " deflate=" + deflate);
  }

  @Test
  void randomPayloadsRoundTripInBothFormsWithAndWithoutDeflate() throws ArtcashException {
    Random random = new Random(2024);
    for (int size = 1; size <= 5000; size += size < 300 ? 1 : 1 + random.nextInt(40)) {
      byte[] noise = new byte[size];
      random.nextBytes(noise);
      byte[] compressible = new byte[size];
      for (int i = 0; i < size; i++) {
        compressible[i] = (byte) "artcash ".charAt(random.nextInt(4) == 0 ? random.nextInt(8) : i % 8);
      }
      for (byte[] payload : new byte[][] {noise, compressible}) {
        for (Form form : Form.values()) {
          roundTrip(payload, form, false);
          roundTrip(payload, form, true);
        }
      }
    }
    byte[] max = new byte[5000];
    random.nextBytes(max);
    roundTrip(max, Form.LINK, true);
    roundTrip(max, Form.QR, false);
  }

  @Test
  void knownEncodings() throws ArtcashException {
    assertEquals("artcash:request.AQID", ArtcashUri.encode("request", ONE_TWO_THREE, Form.LINK));
    assertEquals("ARTCASH:REQUEST.X5030", ArtcashUri.encode("request", ONE_TWO_THREE, Form.QR));
    assertEquals("ARTCASH:REQ-2.X5030", ArtcashUri.encode("req-2", ONE_TWO_THREE, Form.QR));
    assertArrayEquals(ONE_TWO_THREE, ArtcashUri.decode("ARTCASH:REQUEST.X5030").payload());
    assertEquals("req-2", ArtcashUri.decode("ARTCASH:REQ-2.X5030").kind());
    assertArrayEquals("Hello!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        ArtcashUri.decode("ARTCASH:TOKEN.%69 VD92EX0").payload());
  }

  @Test
  void deflateMarksTheKindAndShrinksRepetitivePayloads() throws ArtcashException {
    byte[] zeros = new byte[1000];
    String link = ArtcashUri.encode("token", zeros, Form.LINK, true);
    String qr = ArtcashUri.encode("token", zeros, Form.QR, true);
    assertTrue(link.startsWith("artcash:token~."), link);
    assertTrue(qr.startsWith("ARTCASH:TOKEN*."), qr);
    assertTrue(link.length() < 60 && qr.length() < 60, link + " " + qr);
    assertArrayEquals(zeros, ArtcashUri.decode(link).payload());
    assertArrayEquals(zeros, ArtcashUri.decode(qr).payload());
  }

  @Test
  void surroundingWhitespaceIsIgnored() throws ArtcashException {
    assertArrayEquals(ONE_TWO_THREE, ArtcashUri.decode("  artcash:request.AQID\r\n").payload());
    assertArrayEquals(ONE_TWO_THREE, ArtcashUri.decode("\tARTCASH:REQUEST.X5030 ").payload());
  }

  @Test
  void expectedKindIsChecked() throws ArtcashException {
    String token = ArtcashUri.encode("token", ONE_TWO_THREE, Form.LINK);
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> ArtcashUri.decode(token, "request"));
    assertEquals(Reason.WRONG_TYPE, e.reason());
    assertEquals("this link is a token, expected a request", e.getMessage());
    String invoice = ArtcashUri.encode("invoice", ONE_TWO_THREE, Form.QR);
    e = assertThrows(ArtcashException.class, () -> ArtcashUri.decode(invoice, "token"));
    assertEquals("this link is an invoice, expected a token", e.getMessage());
    // The kind is checked first: a corrupt payload of the wrong kind still says WRONG_TYPE.
    e = assertThrows(ArtcashException.class,
        () -> ArtcashUri.decode("artcash:token.A", "request"));
    assertEquals(Reason.WRONG_TYPE, e.reason());
    assertThrows(IllegalArgumentException.class, () -> ArtcashUri.decode(token, "Token"));
  }

  private static String rejects(String text, Reason reason, String messagePart) {
    ArtcashException e = assertThrows(ArtcashException.class, () -> ArtcashUri.decode(text));
    assertEquals(reason, e.reason(), e.getMessage());
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    return e.getMessage();
  }

  @Test
  void rejectsAnotherScheme() {
    assertEquals("not an artcash link: it must start with artcash:",
        rejects("http://example.com/artcash:token.AQID", Reason.MALFORMED, "not an artcash link"));
    rejects("", Reason.MALFORMED, "not an artcash link");
    rejects("artcash", Reason.MALFORMED, "not an artcash link");
    rejects("Artcash:token.AQID", Reason.MALFORMED, "not Artcash:");
  }

  @Test
  void rejectsAMissingDot() {
    rejects("artcash:tokenAQID", Reason.MALFORMED, "no '.'");
    rejects("ARTCASH:TOKEN", Reason.MALFORMED, "no '.'");
  }

  @Test
  void rejectsAnEmptyPayload() {
    rejects("artcash:token.", Reason.MALFORMED, "payload is missing");
    rejects("ARTCASH:TOKEN. ", Reason.MALFORMED, "payload is missing");
  }

  @Test
  void rejectsInvalidKinds() {
    rejects("artcash:.AQID", Reason.MALFORMED, "kind '' is not valid");
    rejects("artcash:Token.AQID", Reason.MALFORMED, "kind 'Token' is not valid");
    rejects("artcash:1token.AQID", Reason.MALFORMED, "kind '1token' is not valid");
    rejects("artcash:to_ken.AQID", Reason.MALFORMED, "kind 'to_ken' is not valid");
    rejects("artcash:abcdefghijklmnopq.AQID", Reason.MALFORMED, "is not valid");
    rejects("ARTCASH:TO/KEN.X5030", Reason.MALFORMED, "kind 'TO/KEN' is not valid");
    rejects("artcash:token~~.AQID", Reason.MALFORMED, "kind 'token~~' is not valid");
  }

  @Test
  void rejectsTheOtherFormsCompressionMark() {
    rejects("artcash:token*.AQID", Reason.MALFORMED, "marked with '~'");
    rejects("ARTCASH:TOKEN~.X5030", Reason.MALFORMED, "marked with '*'");
  }

  @Test
  void rejectsMixedCaseQrForm() {
    rejects("ARTCASH:Token.X5030", Reason.MALFORMED, "mixed case");
    rejects("ARTCASH:TOKEN.x5030", Reason.MALFORMED, "'x' at position 14");
  }

  @Test
  void rejectsAPartOfAMultiPartMessage() {
    rejects("ARTCASH:PART.1/2.ABCDEF01.ARTCASH:TOK", Reason.WRONG_TYPE, "scan all of its parts");
  }

  @Test
  void rejectsCharactersOutsideBase64url() {
    rejects("artcash:token.AQ+D", Reason.MALFORMED, "'+' at position 2 of the payload");
    rejects("artcash:token.AQ/D", Reason.MALFORMED, "'/' at position 2");
    rejects("artcash:token.AQ D", Reason.MALFORMED, "' ' at position 2");
    rejects("artcash:token.AQ=D", Reason.MALFORMED, "'=' at position 2");
  }

  @Test
  void rejectsPadding() {
    rejects("artcash:token.AQI=", Reason.NON_CANONICAL, "padding");
    rejects("artcash:token.AQ==", Reason.NON_CANONICAL, "padding");
  }

  @Test
  void rejectsAnImpossibleBase64urlLength() {
    rejects("artcash:token.AQIDB", Reason.MALFORMED, "5 characters cannot be complete");
  }

  @Test
  void rejectsNonZeroTrailingBits() throws ArtcashException {
    // "AQI" is 01 02; "AQJ" sets one of the 2 unused bits and would decode to the same bytes.
    assertArrayEquals(new byte[] {1, 2}, ArtcashUri.decode("artcash:token.AQI").payload());
    rejects("artcash:token.AQJ", Reason.NON_CANONICAL, "ends in 'I'");
    assertArrayEquals(new byte[] {1}, ArtcashUri.decode("artcash:token.AQ").payload());
    rejects("artcash:token.AR", Reason.NON_CANONICAL, "ends in 'Q'");
  }

  @Test
  void rejectsBadBase45() {
    rejects("ARTCASH:TOKEN.X503", Reason.MALFORMED, "missing or extra");
    rejects("ARTCASH:TOKEN.GGW", Reason.NON_CANONICAL, "65536");
    rejects("ARTCASH:TOKEN.X5_", Reason.MALFORMED, "Base45 alphabet");
  }

  @Test
  void rejectsTextsOverTheLengthLimitBeforeDecoding() {
    // Every character here is invalid: TOO_LARGE proves nothing was decoded.
    rejects("?".repeat(ArtcashUri.MAX_TEXT_LENGTH + 1), Reason.TOO_LARGE, "at most 1500000");
  }

  @Test
  void rejectsPayloadsOverTheSizeLimit() {
    byte[] big = new byte[ArtcashUri.MAX_PAYLOAD_SIZE + 1];
    String text = "artcash:token." + Base64.getUrlEncoder().withoutPadding().encodeToString(big);
    assertTrue(text.length() <= ArtcashUri.MAX_TEXT_LENGTH);
    rejects(text, Reason.TOO_LARGE, "payload is 1048577 bytes");
  }

  private static byte[] rawDeflate(byte[] in) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    deflater.setInput(in);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    while (!deflater.finished()) {
      out.write(buf, 0, deflater.deflate(buf));
    }
    deflater.end();
    return out.toByteArray();
  }

  private static String deflatedLink(byte[] body) {
    return "artcash:token~." + Base64.getUrlEncoder().withoutPadding().encodeToString(body);
  }

  @Test
  void inflatingStopsAtOneMebibyte() throws ArtcashException {
    byte[] exactlyMax = rawDeflate(new byte[ArtcashUri.MAX_PAYLOAD_SIZE]);
    assertEquals(ArtcashUri.MAX_PAYLOAD_SIZE,
        ArtcashUri.decode(deflatedLink(exactlyMax)).payload().length);
    byte[] bomb = rawDeflate(new byte[64 << 20]);
    assertTrue(bomb.length < 100_000);
    rejects(deflatedLink(bomb), Reason.TOO_LARGE, "expands to more than 1048576 bytes");
  }

  @Test
  void rejectsBrokenDeflateStreams() {
    byte[] good = rawDeflate("a payload of some length, a payload of some length".getBytes(
        java.nio.charset.StandardCharsets.US_ASCII));
    rejects(deflatedLink(Arrays.copyOf(good, good.length - 2)), Reason.TRUNCATED, "stops before");
    byte[] longer = Arrays.copyOf(good, good.length + 2);
    rejects(deflatedLink(longer), Reason.TRAILING_BYTES, "2 unexpected bytes");
    // 0xFF: final block of the reserved block type 3.
    rejects(deflatedLink(new byte[] {(byte) 0xFF, 0}), Reason.MALFORMED, "corrupt");
    // Raw DEFLATE of nothing is 03 00.
    rejects(deflatedLink(new byte[] {3, 0}), Reason.MALFORMED, "expands to nothing");
    rejects("ARTCASH:TOKEN*." + Base45.encode(new byte[] {3, 0}), Reason.MALFORMED, "nothing");
  }

  @Test
  void encodeRejectsProgrammerErrors() {
    assertThrows(IllegalArgumentException.class,
        () -> ArtcashUri.encode("Token", ONE_TWO_THREE, Form.LINK));
    assertThrows(IllegalArgumentException.class,
        () -> ArtcashUri.encode("", ONE_TWO_THREE, Form.LINK));
    assertThrows(IllegalArgumentException.class,
        () -> ArtcashUri.encode("abcdefghijklmnopq", ONE_TWO_THREE, Form.LINK));
    assertThrows(IllegalArgumentException.class,
        () -> ArtcashUri.encode("part", ONE_TWO_THREE, Form.QR));
    assertThrows(IllegalArgumentException.class,
        () -> ArtcashUri.encode("token", new byte[0], Form.LINK));
    assertThrows(IllegalArgumentException.class,
        () -> ArtcashUri.encode("token", new byte[0], Form.QR, true));
    assertThrows(IllegalArgumentException.class,
        () -> ArtcashUri.encode("token", new byte[ArtcashUri.MAX_PAYLOAD_SIZE + 1], Form.LINK));
    // Base45 of a full-size payload would be longer than decoders accept.
    assertThrows(IllegalArgumentException.class,
        () -> ArtcashUri.encode("token", new byte[ArtcashUri.MAX_PAYLOAD_SIZE], Form.QR));
  }
}
