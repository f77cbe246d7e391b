package org.artcash.cli.console;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The computer's clock, which every command uses. The system property {@code artcash.clock.shift}
 * (an ISO-8601 duration such as {@code P40D}) moves it forward, so that expiry can be tried
 * without waiting; it is meant for tests and demonstrations, never for real payments.
 */
public final class Clocks {
  public static final String SHIFT_PROPERTY = "artcash.clock.shift";

  private Clocks() {}

  public static Clock system() {
    String shift = System.getProperty(SHIFT_PROPERTY);
    if (shift == null || shift.isBlank()) {
      return Clock.systemUTC();
    }
    try {
      return Clock.offset(Clock.systemUTC(), Duration.parse(shift.strip()));
    } catch (DateTimeParseException e) {
      throw new IllegalStateException(SHIFT_PROPERTY + " is not an ISO-8601 duration: " + shift);
    }
  }
}
