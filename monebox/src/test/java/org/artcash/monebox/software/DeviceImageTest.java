package org.artcash.monebox.software;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Encoder;
import org.artcash.core.crypto.Sha256;
import org.artcash.monebox.DeviceState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The state image encoding: a golden image, round trips, and a table of damaged images. */
class DeviceImageTest {
  private static final HexFormat HEX = HexFormat.of();

  /** A blank image at commit 7 with a trusted time, as the format version 1 writes it. */
  private static final String GOLDEN_BLANK = "4001" + "0000000000000007" + "00" + "00" + "00"
      + "0000000000000000" + "0000000069a55190" + "0000000000000000" + "00" + "00" + "00"
      + "0000" + "00" + "00";

  private static DeviceImage blankAtCommit7() {
    DeviceImage img = DeviceImage.blank();
    img.commitNumber = 7;
    img.trustedNow = Instant.parse("2026-03-02T09:00:00Z");
    return img;
  }

  private static byte[] withChecksum(String bodyHex) {
    byte[] body = HEX.parseHex(bodyHex);
    return new Encoder().raw(body).raw(Sha256.hash(body)).toByteArray();
  }

  @Test
  void encode_blankImage_isTheGoldenBytes() {
    assertArrayEquals(withChecksum(GOLDEN_BLANK), blankAtCommit7().encode());
  }

  @Test
  void decode_goldenBytes_givesTheBlankImage() throws ArtcashException {
    DeviceImage img = DeviceImage.decode(withChecksum(GOLDEN_BLANK));
    assertEquals(7, img.commitNumber);
    assertEquals(DeviceState.BLANK, img.state);
    assertEquals(Instant.parse("2026-03-02T09:00:00Z"), img.trustedNow);
  }

  @Test
  void decode_keyedImage_roundTripsToTheSameBytes() throws ArtcashException {
    DeviceImage img = blankAtCommit7();
    img.state = DeviceState.KEYED;
    img.deviceKey = InternalKey.generate(new SecureRandom());
    byte[] encoded = img.encode();
    DeviceImage decoded = DeviceImage.decode(encoded);
    assertArrayEquals(img.deviceKey.publicKey(), decoded.deviceKey.publicKey());
    assertEquals(img.deviceKey.privateKey().getS(), decoded.deviceKey.privateKey().getS());
    assertArrayEquals(encoded, decoded.encode());
  }

  static Arguments[] damaged() {
    byte[] good = withChecksum(GOLDEN_BLANK);
    byte[] flipped = good.clone();
    flipped[12] ^= 0x01;
    return new Arguments[] {
      Arguments.of("empty", new byte[0], Reason.TRUNCATED),
      Arguments.of("header only", Arrays.copyOf(good, 2), Reason.TRUNCATED),
      Arguments.of("cut short", Arrays.copyOf(good, good.length - 1), Reason.MALFORMED),
      Arguments.of("one byte more", Arrays.copyOf(good, good.length + 1), Reason.MALFORMED),
      Arguments.of("a bit flipped", flipped, Reason.MALFORMED),
      Arguments.of("wrong type", withChecksum("41" + GOLDEN_BLANK.substring(2)),
          Reason.WRONG_TYPE),
      Arguments.of("newer version", withChecksum("4002" + GOLDEN_BLANK.substring(4)),
          Reason.UNSUPPORTED_VERSION),
      Arguments.of("byte after the fields", withChecksum(GOLDEN_BLANK + "00"),
          Reason.TRAILING_BYTES),
      Arguments.of("boolean 2", withChecksum(GOLDEN_BLANK.replaceFirst("070000", "070002")),
          Reason.NON_CANONICAL),
      Arguments.of("unknown state", withChecksum(GOLDEN_BLANK.replaceFirst("07000000", "07090000")),
          Reason.MALFORMED),
      Arguments.of("ACTIVE without keys", withChecksum(
          GOLDEN_BLANK.replaceFirst("07000000", "07020000")), Reason.MALFORMED),
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damaged")
  void decode_damagedImage_refusedWithItsReason(String what, byte[] image, Reason reason) {
    ArtcashException e = assertThrows(ArtcashException.class, () -> DeviceImage.decode(image));
    assertEquals(reason, e.reason(), e::describe);
  }
}
