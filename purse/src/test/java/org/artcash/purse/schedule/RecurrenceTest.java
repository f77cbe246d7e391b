package org.artcash.purse.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.junit.jupiter.api.Test;

class RecurrenceTest {
  private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

  @Test
  void monthly_fromThe31st_fallsOnTheLastDayOfShortMonthsAndComesBack() {
    Instant first = Instant.parse("2026-01-31T08:00:00Z");
    assertEquals(Instant.parse("2026-02-28T08:00:00Z"),
        Recurrence.MONTHLY.occurrence(first, 1, AMSTERDAM));
    assertEquals(Instant.parse("2026-03-31T07:00:00Z"), // summer time: same local hour
        Recurrence.MONTHLY.occurrence(first, 2, AMSTERDAM));
  }

  @Test
  void weeklyAndDaily_countFromTheFirst_inLocalTime() {
    Instant first = Instant.parse("2026-03-27T09:00:00Z");
    assertEquals(Instant.parse("2026-04-03T08:00:00Z"),
        Recurrence.WEEKLY.occurrence(first, 1, AMSTERDAM));
    assertEquals(Instant.parse("2026-03-30T08:00:00Z"),
        Recurrence.DAILY.occurrence(first, 3, AMSTERDAM));
    assertEquals(first, Recurrence.ONCE.occurrence(first, 5, AMSTERDAM));
  }

  @Test
  void parse_acceptsAnyCase_refusesOthersWithASentence() throws ArtcashException {
    assertEquals(Recurrence.MONTHLY, Recurrence.parse(" Monthly "));
    ArtcashException e = assertThrows(ArtcashException.class, () -> Recurrence.parse("yearly"));
    assertEquals(Reason.MALFORMED, e.reason());
    assertEquals("'yearly' is not a recurrence; use once, daily, weekly or monthly",
        e.getMessage());
  }
}
