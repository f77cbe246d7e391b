package org.artcash.monebox.software;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.crypto.P256;

/**
 * The issuer's MonEbox only (de Jong 2024, sec. 6): the issuance committee's keys and quorum, the
 * totals issued and destroyed, and the last executed order (its number and signed body, so a retry
 * of it is recognised and answered without executing it twice).
 */
record IssuerLedger(List<byte[]> committee, int quorum, long lastOrder,
    Optional<byte[]> lastOrderBody, long issued, long destroyed) {
  IssuerLedger {
    committee = committee.stream().map(byte[]::clone).toList();
    lastOrderBody = lastOrderBody.map(byte[]::clone);
  }

  @Override
  public List<byte[]> committee() {
    return committee.stream().map(byte[]::clone).toList();
  }

  @Override
  public Optional<byte[]> lastOrderBody() {
    return lastOrderBody.map(byte[]::clone);
  }

  /**
   * Each member key is a P-256 point, and no key is listed twice: a key listed twice would let one
   * member's signatures count for two, below the quorum the issuer meant (sec. 6). The point
   * encoding is canonical (P256.decode), so equal points have equal bytes.
   */
  static void checkCommittee(List<byte[]> members) throws ArtcashException {
    for (int i = 0; i < members.size(); i++) {
      P256.decode(members.get(i));
      for (int j = 0; j < i; j++) {
        if (Arrays.equals(members.get(i), members.get(j))) {
          throw new ArtcashException(Reason.MALFORMED, "the issuance committee lists the same key"
              + " as members " + j + " and " + i + "; each member needs a key of its own, or"
              + " fewer members than the quorum could issue money");
        }
      }
    }
  }

  IssuerLedger executed(long order, byte[] body, long newIssued, long newDestroyed) {
    return new IssuerLedger(committee, quorum, order, Optional.of(body), newIssued, newDestroyed);
  }
}
