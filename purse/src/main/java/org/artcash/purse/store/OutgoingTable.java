package org.artcash.purse.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;

/** The payer's stored results (table {@code purse_outgoing}), keyed by the paid ART state's hash. */
public final class OutgoingTable {
  private static final String COLUMNS = "state_hash, token, approval_counter, paid_at";

  private final PurseStore store;

  OutgoingTable(PurseStore store) {
    this.store = store;
  }

  public Optional<OutgoingPayment> find(Bytes stateHash) {
    return store.transact(c -> Jdbc.queryOne(c, "SELECT " + COLUMNS
        + " FROM purse_outgoing WHERE state_hash = ?", OutgoingTable::read, stateHash));
  }

  /**
   * Stores a payment made, unless one is stored for the same ART state already; returns the one
   * that is stored afterwards (the earlier one, if there was one).
   */
  public OutgoingPayment saveIfAbsent(OutgoingPayment p) {
    return store.transact(c -> saveIfAbsent(c, p));
  }

  /** {@link #saveIfAbsent(OutgoingPayment)} inside the caller's transaction. */
  static OutgoingPayment saveIfAbsent(Connection c, OutgoingPayment p) throws SQLException {
    TransferToken t = p.token();
    boolean inserted = Jdbc.insertUnlessDuplicate(c, "INSERT INTO purse_outgoing (state_hash,"
            + " art_id, seq, currency, amount, payee_info, payee_account, token,"
            + " approval_counter, paid_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        p.stateHash(), t.config().artId(), t.record().seq(), t.config().currency().code(),
        t.record().amount(), t.config().payeeInfo(), t.config().account(), t.encode(),
        p.approvalCounter(), p.paidAt());
    if (inserted) {
      return p;
    }
    return Jdbc.queryOne(c, "SELECT " + COLUMNS + " FROM purse_outgoing WHERE state_hash = ?",
        OutgoingTable::read, p.stateHash()).orElseThrow();
  }

  private static OutgoingPayment read(ResultSet rs) throws SQLException {
    try {
      return new OutgoingPayment(Jdbc.bytes(rs, "state_hash"),
          TransferToken.decode(rs.getBytes("token")), rs.getLong("approval_counter"),
          Jdbc.instant(rs, "paid_at"));
    } catch (ArtcashException e) {
      throw Jdbc.corrupt("a stored outgoing token", e);
    }
  }
}
