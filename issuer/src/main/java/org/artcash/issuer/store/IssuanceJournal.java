package org.artcash.issuer.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.issuance.IssuanceOrder;

/**
 * The issuance component's write-ahead journal (paper sec. 6): each signed issuance order is
 * written here before it goes to the issuer's MonEbox, so that an order the MonEbox executed can
 * be entered in the {@link SupplyLedger} after a crash in between.
 */
public final class IssuanceJournal {
  private final IssuerDatabase db;

  public IssuanceJournal(IssuerDatabase db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * Writes a signed order under its sequence number. Writing the same order again does nothing,
   * also when it is signed by another set of committee members: an order is its signed body
   * ({@link IssuanceOrder#body()}), as for the issuer's MonEbox; the first signatures are kept.
   *
   * @param order an encoded {@link IssuanceOrder} numbered {@code orderSeq}
   * @throws ArtcashException {@link Reason#CONFLICTING_RETRY} when a different order is written
   *     under {@code orderSeq} already
   */
  public void write(long orderSeq, byte[] order, Instant at) throws ArtcashException {
    requireSeq(orderSeq);
    byte[] bytes = Jdbc.blob(order, "order");
    IssuanceOrder given = given(orderSeq, bytes);
    Jdbc.time(at, "at");
    db.inTransaction(c -> {
      if (Jdbc.insertUnlessDuplicate(c, "INSERT INTO issuance_journal"
          + " (order_seq, order_bytes, written_at) VALUES (?, ?, ?)", orderSeq, bytes, at)) {
        return null;
      }
      byte[] stored = Jdbc.queryOne(c,
          "SELECT order_bytes FROM issuance_journal WHERE order_seq = ?",
          rs -> rs.getBytes(1), orderSeq).orElseThrow();
      if (!stored(stored).equals(given)) {
        throw new ArtcashException(Reason.CONFLICTING_RETRY, "issuance order " + orderSeq
            + " was already submitted with different content; reconcile the supply ledger with"
            + " the issuer's MonEbox before drafting a new order");
      }
      return null;
    });
  }

  public Optional<byte[]> find(long orderSeq) {
    requireSeq(orderSeq);
    return db.transact(c -> Jdbc.queryOne(c,
        "SELECT order_bytes FROM issuance_journal WHERE order_seq = ?",
        rs -> rs.getBytes(1), orderSeq));
  }

  /**
   * Removes the order under {@code orderSeq} if it is this order (the same signed body, whoever
   * signed it); true when removed.
   */
  public boolean discard(long orderSeq, byte[] order) {
    requireSeq(orderSeq);
    IssuanceOrder given = given(orderSeq, Jdbc.blob(order, "order"));
    return db.transact(c -> {
      Optional<byte[]> stored = Jdbc.queryOne(c,
          "SELECT order_bytes FROM issuance_journal WHERE order_seq = ? FOR UPDATE",
          rs -> rs.getBytes(1), orderSeq);
      if (stored.isEmpty() || !stored(stored.get()).equals(given)) {
        return false;
      }
      return Jdbc.update(c, "DELETE FROM issuance_journal WHERE order_seq = ?", orderSeq) == 1;
    });
  }

  /** Removes every order numbered above {@code orderSeq}; returns how many. */
  public int discardAbove(long orderSeq) {
    if (orderSeq < 0) {
      throw new IllegalArgumentException("an order sequence number is not negative: " + orderSeq);
    }
    return db.transact(c -> Jdbc.update(c,
        "DELETE FROM issuance_journal WHERE order_seq > ?", orderSeq));
  }

  /** {@code order} decoded; it must be an issuance order numbered {@code orderSeq}. */
  static IssuanceOrder given(long orderSeq, byte[] order) {
    IssuanceOrder decoded;
    try {
      decoded = IssuanceOrder.decode(order);
    } catch (ArtcashException e) {
      throw new IllegalArgumentException("not an encoded issuance order: " + e.describe(), e);
    }
    if (decoded.sequence() != orderSeq) {
      throw new IllegalArgumentException("issuance order " + decoded.sequence()
          + " cannot be kept under number " + orderSeq);
    }
    return decoded;
  }

  /** An order this store wrote itself; failing to decode it is a broken store, not bad input. */
  static IssuanceOrder stored(byte[] order) {
    try {
      return IssuanceOrder.decode(order);
    } catch (ArtcashException e) {
      throw new IllegalStateException("a stored issuance order does not decode: "
          + e.describe(), e);
    }
  }

  private static void requireSeq(long orderSeq) {
    if (orderSeq < 1) {
      throw new IllegalArgumentException("an order sequence number is 1 or more, not " + orderSeq);
    }
  }
}
