package org.artcash.issuer.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.issuance.IssuanceOrder;
import org.artcash.core.money.Currency;

/**
 * The issuance component's ledger of the e-cash supply (paper sec. 6): every issuance order, by
 * its sequence number, and the totals issued and destroyed per currency.
 */
public final class SupplyLedger {
  private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

  private final IssuerDatabase db;

  SupplyLedger(IssuerDatabase db) {
    this.db = db;
  }

  /**
   * Records an issuance order. Idempotent on {@code orderSeq}: recording the same order again
   * returns false and changes nothing. "The same" means the same kind, currency, amount and
   * signed body ({@link IssuanceOrder#body()}, as the issuer's MonEbox compares a retry): the same
   * order signed by another set of committee members is the same order, and the signatures first
   * recorded are kept; {@code at} (when it was recorded) may differ.
   *
   * @param orderSeq the order's sequence number, 1 or more
   * @param amountMinor the amount in minor units, 0 or more
   * @param order the signed order as received (an encoded {@link IssuanceOrder} numbered {@code
   *     orderSeq}), kept as evidence
   * @throws ArtcashException {@link Reason#CONFLICTING_RETRY} when a different order was recorded
   *     under {@code orderSeq}; {@link Reason#AMOUNT_OVERFLOW} when the currency's total issued or
   *     destroyed would no longer fit in 64 bits
   */
  public boolean record(long orderSeq, SupplyKind kind, String currency, long amountMinor,
      Instant at, byte[] order) throws ArtcashException {
    if (orderSeq < 1) {
      throw new IllegalArgumentException("an order sequence number is 1 or more, not " + orderSeq);
    }
    Objects.requireNonNull(kind, "kind");
    new Currency(Objects.requireNonNull(currency, "currency"));
    if (amountMinor < 0) {
      throw new IllegalArgumentException("a supply amount cannot be negative: " + amountMinor);
    }
    Jdbc.time(at, "at");
    byte[] orderBytes = Jdbc.blob(order, "order");
    IssuanceOrder given = IssuanceJournal.given(orderSeq, orderBytes);
    if (!given.kind().name().equals(kind.name())
        || !given.amount().currency().code().equals(currency)
        || given.amount().minor() != amountMinor) {
      throw new IllegalArgumentException("issuance order " + orderSeq + " is to "
          + given.kind() + " " + given.amount() + ", not to " + kind + " " + amountMinor + " "
          + currency);
    }
    return db.inTransaction(c -> {
      if (Jdbc.insertUnlessDuplicate(c, "INSERT INTO supply_order"
              + " (order_seq, kind, currency, amount_minor, recorded_at, order_bytes)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          orderSeq, kind.name(), currency, amountMinor, at, orderBytes)) {
        if (sum(c, currency, kind).compareTo(MAX_LONG) > 0) {
          throw new ArtcashException(Reason.AMOUNT_OVERFLOW, "order " + orderSeq + " would take "
              + "the total " + label(kind) + " of " + currency + " beyond " + Long.MAX_VALUE
              + " minor units");
        }
        return true;
      }
      boolean same = Jdbc.queryOne(c, "SELECT kind, currency, amount_minor, order_bytes"
              + " FROM supply_order WHERE order_seq = ?",
          rs -> rs.getString("kind").equals(kind.name())
              && rs.getString("currency").equals(currency)
              && rs.getLong("amount_minor") == amountMinor
              && IssuanceJournal.stored(rs.getBytes("order_bytes")).equals(given),
          orderSeq).orElseThrow();
      if (!same) {
        throw new ArtcashException(Reason.CONFLICTING_RETRY, "issuance order " + orderSeq
            + " is already recorded with different content");
      }
      return false;
    });
  }

  /**
   * The totals of one currency (zero when it has no orders).
   *
   * @throws ArtcashException {@link Reason#AMOUNT_OVERFLOW} when a total does not fit in 64 bits
   *     (which {@link #record} prevents)
   */
  public SupplyTotals totals(String currency) throws ArtcashException {
    new Currency(Objects.requireNonNull(currency, "currency"));
    return db.inTransaction(c -> new SupplyTotals(currency,
        exact(sum(c, currency, SupplyKind.ISSUE), currency, SupplyKind.ISSUE),
        exact(sum(c, currency, SupplyKind.DESTROY), currency, SupplyKind.DESTROY)));
  }

  /** The highest order sequence number recorded, 0 when none. */
  public long lastOrderSeq() {
    return db.transact(c -> Jdbc.queryOne(c, "SELECT MAX(order_seq) FROM supply_order",
        rs -> rs.getLong(1)).orElse(0L));
  }

  /** Summed as NUMERIC by both databases (SUM of BIGINT does not overflow in SQL). */
  private static BigDecimal sum(Connection c, String currency, SupplyKind kind)
      throws SQLException {
    return Jdbc.queryOne(c,
            "SELECT SUM(amount_minor) FROM supply_order WHERE currency = ? AND kind = ?",
            rs -> rs.getBigDecimal(1), currency, kind.name())
        .orElse(BigDecimal.ZERO);
  }

  private static String label(SupplyKind kind) {
    return switch (kind) {
      case ISSUE -> "issued";
      case DESTROY -> "destroyed";
    };
  }

  private static long exact(BigDecimal total, String currency, SupplyKind kind)
      throws ArtcashException {
    try {
      return total.longValueExact();
    } catch (ArithmeticException e) {
      throw new ArtcashException(Reason.AMOUNT_OVERFLOW, "the total " + label(kind) + " of "
          + currency + " (" + total
          + " minor units) does not fit in 64 bits");
    }
  }
}
