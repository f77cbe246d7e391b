package org.artcash.purse;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.artcash.testkit.TestIssuer;

/** A clock that shows the test issuer's time, so every e-purse in a test moves with it. */
final class IssuerClock extends Clock {
  private final TestIssuer issuer;

  IssuerClock(TestIssuer issuer) {
    this.issuer = issuer;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the test clock is UTC only");
  }

  @Override
  public Instant instant() {
    return issuer.now();
  }
}
