package org.artcash.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HexFormat;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.junit.jupiter.api.Test;

class CodecTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] sample() {
    return new Encoder().u8(0x7E).u8(1).u16(0x1234).u32(0xDEADBEEFL).u64(42)
        .bool(true).string("Bakkerij", 16).amount(Amount.of(Currency.of("EUR"), 1250))
        .time(Instant.ofEpochSecond(1_800_000_000L)).toByteArray();
  }

  @Test
  void encoding_isTheDocumentedGoldenBytes() {
    assertEquals("7e01" + "1234" + "deadbeef" + "000000000000002a" + "01"
        + "0008" + HEX.formatHex("Bakkerij".getBytes()) + "455552" + "00000000000004e2"
        + "000000006b49d200", HEX.formatHex(sample()));
  }

  @Test
  void decoding_readsBackEveryField() throws Exception {
    Decoder d = Decoder.of(sample(), "sample");
    d.header(0x7E, 1);
    assertEquals(0x1234, d.u16("a"));
    assertEquals(0xDEADBEEFL, d.u32("b"));
    assertEquals(42, d.u64("c"));
    assertTrue(d.bool("d"));
    assertEquals("Bakkerij", d.string(16, "e"));
    assertEquals(Amount.of(Currency.of("EUR"), 1250), d.amount("f"));
    assertEquals(Instant.ofEpochSecond(1_800_000_000L), d.time("g"));
    d.finish();
  }

  private static Reason failure(byte[] data, int maxString) {
    try {
      Decoder d = Decoder.of(data, "sample");
      d.header(0x7E, 1);
      d.u16("a");
      d.u32("b");
      d.u64("c");
      d.bool("d");
      d.string(maxString, "e");
      d.amount("f");
      d.time("g");
      d.finish();
      return null;
    } catch (ArtcashException e) {
      assertFalse(e.getMessage().isBlank());
      return e.reason();
    }
  }

  @Test
  void malformedInputs_eachFailWithTheirOwnReason() {
    byte[] good = sample();
    assertEquals(null, failure(good, 16));
    // truncated at every length
    for (int n = 0; n < good.length; n++) {
      assertEquals(Reason.TRUNCATED, failure(java.util.Arrays.copyOf(good, n), 16), "length " + n);
    }
    byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
    assertEquals(Reason.TRAILING_BYTES, failure(trailing, 16));
    byte[] wrongType = good.clone();
    wrongType[0] = 0x7F;
    assertEquals(Reason.WRONG_TYPE, failure(wrongType, 16));
    byte[] wrongVersion = good.clone();
    wrongVersion[1] = 2;
    assertEquals(Reason.UNSUPPORTED_VERSION, failure(wrongVersion, 16));
    assertEquals(Reason.LENGTH_OVER_LIMIT, failure(good, 7));
    byte[] badBool = good.clone();
    badBool[16] = 2;
    assertEquals(Reason.NON_CANONICAL, failure(badBool, 16));
    byte[] topBit = good.clone();
    topBit[8] = (byte) 0x80;
    assertEquals(Reason.NON_CANONICAL, failure(topBit, 16));
    byte[] badUtf8 = good.clone();
    badUtf8[19] = (byte) 0xC0;
    assertEquals(Reason.NON_CANONICAL, failure(badUtf8, 16));
    byte[] badCurrency = good.clone();
    badCurrency[27] = 'e';
    assertEquals(Reason.MALFORMED, failure(badCurrency, 16));
  }

  @Test
  void oversizedInput_isRefusedBeforeParsing() {
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> Decoder.of(new byte[Decoder.MAX_OBJECT_SIZE + 1], "sample"));
    assertEquals(Reason.TOO_LARGE, e.reason());
  }

  @Test
  void encoder_refusesValuesItCouldNotDecode() {
    assertThrows(IllegalArgumentException.class, () -> new Encoder().u64(-1));
    assertThrows(IllegalArgumentException.class, () -> new Encoder().u16(70_000));
    assertThrows(IllegalArgumentException.class, () -> new Encoder().string("x".repeat(20), 16));
    assertThrows(IllegalArgumentException.class,
        () -> new Encoder().time(Instant.ofEpochSecond(1, 5)));
  }

  @Test
  void bytes_compareByValue() {
    assertEquals(Bytes.fromHex("00ff"), Bytes.copyOf(new byte[] {0, (byte) 0xff}));
    assertArrayEquals(new byte[] {0, (byte) 0xff}, Bytes.fromHex("00ff").toArray());
    assertTrue(Bytes.fromHex("01").compareTo(Bytes.fromHex("ff")) < 0);
  }
}
