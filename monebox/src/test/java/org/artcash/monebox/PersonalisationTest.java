package org.artcash.monebox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.HexFormat;
import java.util.List;
import org.artcash.core.crypto.P256;
import org.junit.jupiter.api.Test;

/** What a provisioning station may install: the committee's member keys are distinct. */
class PersonalisationTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] memberKey() {
    return P256.encode((ECPublicKey) P256.generate(RANDOM).getPublic());
  }

  @Test
  void committee_distinctMembers_keepsThemInOrder() {
    byte[] a = memberKey();
    byte[] b = memberKey();
    Personalisation.Committee c = new Personalisation.Committee(List.of(a, b), 2);
    assertEquals(List.of(HEX.formatHex(a), HEX.formatHex(b)),
        c.members().stream().map(HEX::formatHex).toList());
  }

  /** One member listed twice would let that member's signatures count as two of the quorum. */
  @Test
  void committee_sameMemberKeyTwice_refused() {
    byte[] a = memberKey();
    byte[] b = memberKey();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Personalisation.Committee(List.of(a, b, a.clone()), 2));
    assertEquals("committee member keys must be distinct", e.getMessage());
  }
}
