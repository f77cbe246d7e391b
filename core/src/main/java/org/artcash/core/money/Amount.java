package org.artcash.core.money;

import java.math.BigDecimal;
import java.util.Objects;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;

/**
 * A non-negative amount of money: 64-bit integer minor units (cents) of one currency. Arithmetic
 * never overflows or goes negative silently: it throws {@link ArtcashException}. No floating point.
 */
public record Amount(Currency currency, long minor) implements Comparable<Amount> {
  public Amount {
    Objects.requireNonNull(currency, "currency");
    if (minor < 0) {
      throw new IllegalArgumentException("an amount cannot be negative: " + minor);
    }
  }

  public static Amount of(Currency currency, long minor) {
    return new Amount(currency, minor);
  }

  public static Amount zero(Currency currency) {
    return new Amount(currency, 0);
  }

  /** Parses "12.34" in the currency's minor digits, exactly; rejects more digits than it has. */
  public static Amount parse(Currency currency, String decimal) throws ArtcashException {
    try {
      BigDecimal value = new BigDecimal(decimal.trim());
      BigDecimal minorUnits = value.movePointRight(currency.minorDigits());
      if (minorUnits.signum() < 0) {
        throw new ArtcashException(Reason.AMOUNT_NEGATIVE, "amount " + decimal + " is negative");
      }
      return new Amount(currency, minorUnits.longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ArtcashException(Reason.MALFORMED,
          "'" + decimal + "' is not an amount of " + currency + " with at most "
              + currency.minorDigits() + " decimals");
    }
  }

  public Amount plus(Amount other) throws ArtcashException {
    requireSameCurrency(other);
    try {
      return new Amount(currency, Math.addExact(minor, other.minor));
    } catch (ArithmeticException e) {
      throw new ArtcashException(Reason.AMOUNT_OVERFLOW,
          "adding " + other + " to " + this + " exceeds the largest representable amount");
    }
  }

  public Amount minus(Amount other) throws ArtcashException {
    requireSameCurrency(other);
    if (other.minor > minor) {
      throw new ArtcashException(Reason.AMOUNT_NEGATIVE,
          "subtracting " + other + " from " + this + " would go below zero");
    }
    return new Amount(currency, minor - other.minor);
  }

  public boolean isZero() {
    return minor == 0;
  }

  public void requireSameCurrency(Amount other) throws ArtcashException {
    if (!currency.equals(other.currency)) {
      throw new ArtcashException(Reason.CURRENCY_MISMATCH,
          "cannot combine " + currency + " with " + other.currency);
    }
  }

  @Override
  public int compareTo(Amount o) {
    if (!currency.equals(o.currency)) {
      throw new IllegalArgumentException("cannot compare " + currency + " with " + o.currency);
    }
    return Long.compare(minor, o.minor);
  }

  /** "EUR 12.34". */
  @Override
  public String toString() {
    return currency + " " + BigDecimal.valueOf(minor, currency.minorDigits()).toPlainString();
  }
}
