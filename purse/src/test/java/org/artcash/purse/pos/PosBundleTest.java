package org.artcash.purse.pos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.core.codec.Encoder;
import org.junit.jupiter.api.Test;

class PosBundleTest {
  @Test
  void handIn_roundTrips() throws ArtcashException {
    PosBundle.HandIn h = new PosBundle.HandIn("till-1", List.of(),
        List.of(Bytes.fromHex("0102030405060708090a0b0c0d0e0f10")));
    assertEquals(h, PosBundle.HandIn.decode(h.encode()));
  }

  @Test
  void malformedBundles_eachRefusedWithItsReason() {
    byte[] good = new PosBundle.HandIn("till-1", List.of(), List.of()).encode();
    byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
    byte[] wrongType = good.clone();
    wrongType[0] = 0x40;
    byte[] version = good.clone();
    version[1] = 9;
    byte[] badName = new Encoder().u8(0x41).u8(1).string("till 1!", 64).u16(0).u16(0)
        .toByteArray();
    byte[] tooMany = new Encoder().u8(0x41).u8(1).string("t", 64).u16(5000).toByteArray();
    record Case(String name, byte[] bytes, Reason reason) {}
    List<Case> cases = List.of(new Case("trailing byte", trailing, Reason.TRAILING_BYTES),
        new Case("truncated", truncated, Reason.TRUNCATED),
        new Case("ARTs where a hand-in was expected", wrongType, Reason.WRONG_TYPE),
        new Case("future version", version, Reason.UNSUPPORTED_VERSION),
        new Case("bad device name", badName, Reason.MALFORMED),
        new Case("too many tokens", tooMany, Reason.LENGTH_OVER_LIMIT));
    List<String> wrong = new ArrayList<>();
    for (Case c : cases) {
      try {
        PosBundle.HandIn.decode(c.bytes());
        wrong.add(c.name() + ": accepted");
      } catch (ArtcashException e) {
        if (e.reason() != c.reason()) {
          wrong.add(c.name() + ": " + e.reason());
        }
      }
    }
    assertEquals(List.of(), wrong);
  }
}
