package org.artcash.monebox.software;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.crypto.P256;
import org.junit.jupiter.api.Test;

/**
 * The committee check that personalisation and the state decoder apply, whatever the caller
 * passed: member keys are P-256 points and none is listed twice.
 */
class IssuerLedgerTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static byte[] memberKey() {
    return P256.encode((ECPublicKey) P256.generate(RANDOM).getPublic());
  }

  @Test
  void checkCommittee_distinctPoints_accepted() {
    assertDoesNotThrow(() -> IssuerLedger.checkCommittee(List.of(memberKey(), memberKey())));
  }

  @Test
  void checkCommittee_sameKeyTwice_refusedAsMalformed() {
    byte[] a = memberKey();
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> IssuerLedger.checkCommittee(List.of(a, memberKey(), a.clone())));
    assertEquals(Reason.MALFORMED, e.reason());
    assertTrue(e.getMessage().contains("members 0 and 2"), e.getMessage());
  }

  @Test
  void checkCommittee_notAPoint_refusedAsMalformed() {
    byte[] notAPoint = new byte[P256.PUBLIC_KEY_LENGTH];
    notAPoint[0] = 0x04;
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> IssuerLedger.checkCommittee(List.of(memberKey(), notAPoint)));
    assertEquals(Reason.MALFORMED, e.reason());
  }
}
