package org.artcash.issuer.store;

import java.util.Objects;
import org.artcash.core.money.Currency;

/** The e-cash supply of one currency, in minor units: all ever issued and all ever destroyed. */
public record SupplyTotals(String currency, long issuedMinor, long destroyedMinor) {
  public SupplyTotals {
    new Currency(Objects.requireNonNull(currency, "currency"));
    if (issuedMinor < 0 || destroyedMinor < 0) {
      throw new IllegalArgumentException("supply totals cannot be negative");
    }
  }

  /** Issued minus destroyed: what is in circulation (negative would mean a broken ledger). */
  public long outstandingMinor() {
    return issuedMinor - destroyedMinor; // both non-negative: cannot overflow
  }
}
