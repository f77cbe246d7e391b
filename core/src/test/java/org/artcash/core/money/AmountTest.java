package org.artcash.core.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.junit.jupiter.api.Test;

class AmountTest {
  private static final Currency EUR = Currency.of("EUR");
  private static final Currency JPY = Currency.of("JPY");

  @Test
  void plus_nearMaximum_overflowIsRefused() {
    Amount big = Amount.of(EUR, Long.MAX_VALUE - 1);
    ArtcashException e = assertThrows(ArtcashException.class, () -> big.plus(Amount.of(EUR, 2)));
    assertEquals(Reason.AMOUNT_OVERFLOW, e.reason());
  }

  @Test
  void minus_belowZero_isRefused() throws Exception {
    assertEquals(Amount.of(EUR, 1), Amount.of(EUR, 3).minus(Amount.of(EUR, 2)));
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> Amount.of(EUR, 2).minus(Amount.of(EUR, 3)));
    assertEquals(Reason.AMOUNT_NEGATIVE, e.reason());
  }

  @Test
  void arithmetic_acrossCurrencies_isRefused() {
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> Amount.of(EUR, 1).plus(Amount.of(JPY, 1)));
    assertEquals(Reason.CURRENCY_MISMATCH, e.reason());
  }

  @Test
  void negativeAmount_cannotBeConstructed() {
    assertThrows(IllegalArgumentException.class, () -> Amount.of(EUR, -1));
  }

  @Test
  void parse_usesTheCurrencysMinorDigits_exactly() throws Exception {
    assertEquals(Amount.of(EUR, 1234), Amount.parse(EUR, "12.34"));
    assertEquals(Amount.of(EUR, 1200), Amount.parse(EUR, "12"));
    assertEquals(Amount.of(JPY, 500), Amount.parse(JPY, "500"));
    assertEquals(Reason.MALFORMED, assertThrows(ArtcashException.class,
        () -> Amount.parse(EUR, "1.234")).reason());
    assertEquals(Reason.MALFORMED, assertThrows(ArtcashException.class,
        () -> Amount.parse(JPY, "1.5")).reason());
    assertEquals(Reason.MALFORMED, assertThrows(ArtcashException.class,
        () -> Amount.parse(EUR, "ten")).reason());
    assertEquals(Reason.AMOUNT_NEGATIVE, assertThrows(ArtcashException.class,
        () -> Amount.parse(EUR, "-1.00")).reason());
    assertEquals(Reason.MALFORMED, assertThrows(ArtcashException.class,
        () -> Amount.parse(EUR, "99999999999999999999")).reason());
  }

  @Test
  void toString_showsCurrencyAndDecimals() {
    assertEquals("EUR 12.05", Amount.of(EUR, 1205).toString());
    assertEquals("JPY 500", Amount.of(JPY, 500).toString());
  }

  @Test
  void currency_mustBeThreeCapitalLetters() {
    assertThrows(IllegalArgumentException.class, () -> Currency.of("eur"));
    assertThrows(IllegalArgumentException.class, () -> Currency.of("EURO"));
    assertThrows(IllegalArgumentException.class, () -> Currency.of("E1R"));
  }
}
