package org.artcash.issuer.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;

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
   * Writes a signed order under its sequence number. Writing the same bytes again does nothing.
   *
   * @throws ArtcashException {@link Reason#CONFLICTING_RETRY} when a different order is written
   *     under {@code orderSeq} already
   */
  public void write(long orderSeq, byte[] order, Instant at) throws ArtcashException {
    requireSeq(orderSeq);
    byte[] bytes = Jdbc.blob(order, "order");
    Jdbc.time(at, "at");
    db.inTransaction(c -> {
      if (Jdbc.insertUnlessDuplicate(c, "INSERT INTO issuance_journal"
          + " (order_seq, order_bytes, written_at) VALUES (?, ?, ?)", orderSeq, bytes, at)) {
        return null;
      }
      byte[] stored = Jdbc.queryOne(c,
          "SELECT order_bytes FROM issuance_journal WHERE order_seq = ?",
          rs -> rs.getBytes(1), orderSeq).orElseThrow();
      if (!Arrays.equals(stored, bytes)) {
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

  /** Removes the order under {@code orderSeq} if it has exactly these bytes; true when removed. */
  public boolean discard(long orderSeq, byte[] order) {
    requireSeq(orderSeq);
    byte[] bytes = Jdbc.blob(order, "order");
    return db.transact(c -> {
      Optional<byte[]> stored = Jdbc.queryOne(c,
          "SELECT order_bytes FROM issuance_journal WHERE order_seq = ? FOR UPDATE",
          rs -> rs.getBytes(1), orderSeq);
      if (stored.isEmpty() || !Arrays.equals(stored.get(), bytes)) {
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

  private static void requireSeq(long orderSeq) {
    if (orderSeq < 1) {
      throw new IllegalArgumentException("an order sequence number is 1 or more, not " + orderSeq);
    }
  }
}
