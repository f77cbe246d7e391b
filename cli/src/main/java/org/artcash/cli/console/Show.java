package org.artcash.cli.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.artcash.core.money.Amount;

/** How amounts and times are shown to people: amounts with their currency, times in local time. */
public final class Show {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ROOT);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

  private Show() {}

  /** "EUR 12.50". */
  public static String money(Amount a) {
    return a.toString();
  }

  /** The amount alone, "12.50", for columns under a currency heading and for CSV. */
  public static String number(Amount a) {
    return java.math.BigDecimal.valueOf(a.minor(), a.currency().minorDigits()).toPlainString();
  }

  /** "2026-05-01 10:00:12 CEST": the computer's time zone. */
  public static String time(Instant t) {
    return TIME.format(t.atZone(zone()));
  }

  public static String date(Instant t) {
    return DATE.format(t.atZone(zone()));
  }

  /** ISO-8601 with the local offset, for --json and CSV: "2026-05-01T10:00:12+02:00". */
  public static String iso(Instant t) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone()));
  }

  public static ZoneId zone() {
    return ZoneId.systemDefault();
  }
}
