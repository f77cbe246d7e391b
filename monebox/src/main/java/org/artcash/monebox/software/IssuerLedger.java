package org.artcash.monebox.software;

import java.util.List;
import java.util.Optional;

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

  IssuerLedger executed(long order, byte[] body, long newIssued, long newDestroyed) {
    return new IssuerLedger(committee, quorum, order, Optional.of(body), newIssued, newDestroyed);
  }
}
