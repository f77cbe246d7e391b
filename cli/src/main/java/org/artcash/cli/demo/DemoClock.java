package org.artcash.cli.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** The demo's clock: starts at the real time and can be moved forward to show expiry. */
final class DemoClock extends Clock {
  private volatile Instant now;

  DemoClock(Instant start) {
    this.now = start.truncatedTo(ChronoUnit.SECONDS);
  }

  void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public ZoneId getZone() {
    return ZoneId.of("UTC");
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
