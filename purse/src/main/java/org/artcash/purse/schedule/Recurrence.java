package org.artcash.purse.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;

/**
 * How often a scheduled payment recurs (de Jong 2024, sec. 4.1: "recurring payments, like for rent
 * and energy, or for bills for which payment is due by a specific date"). Occurrences are counted
 * from the first due date in the owner's time zone, so a rent due on the 31st falls on the last
 * day of shorter months and comes back to the 31st.
 */
public enum Recurrence {
  ONCE, DAILY, WEEKLY, MONTHLY;

  /** The due date of occurrence {@code n} (0 is the first), or the first for ONCE. */
  public Instant occurrence(Instant first, int n, ZoneId zone) {
    ZonedDateTime start = first.atZone(zone);
    return switch (this) {
      case ONCE -> first;
      case DAILY -> start.plusDays(n).toInstant();
      case WEEKLY -> start.plusWeeks(n).toInstant();
      case MONTHLY -> start.plusMonths(n).toInstant();
    };
  }

  /** Parses "once", "daily", "weekly", "monthly" (any case). */
  public static Recurrence parse(String text) throws ArtcashException {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ArtcashException(Reason.MALFORMED, "'" + text + "' is not a recurrence; use once,"
          + " daily, weekly or monthly");
    }
  }

  public String describe() {
    return name().toLowerCase(Locale.ROOT);
  }
}
