package org.artcash.purse.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.pki.Certificate;

/** The binding with the MonEbox and its approval counter (table {@code purse_binding}). */
public final class BindingTable {
  private static final long MAX_COUNTER = 0xFFFF_FFFFL;

  private final PurseStore store;

  BindingTable(PurseStore store) {
    this.store = store;
  }

  public Optional<StoredBinding> find() {
    return store.transact(c -> Jdbc.queryOne(c,
        "SELECT binding_id, binding_key, host_public_key, monebox_public_key, root_certificate,"
            + " device_certificate, last_counter, bound_at FROM purse_binding WHERE singleton = 1",
        BindingTable::read));
  }

  public boolean isBound() {
    return store.transact(c -> Jdbc.queryOne(c, "SELECT 1 FROM purse_binding WHERE singleton = 1",
        rs -> Boolean.TRUE).isPresent());
  }

  /**
   * Stores the binding made on first use.
   *
   * @throws ArtcashException {@link Reason#WRONG_STATE} when this e-purse is bound already
   */
  public void save(StoredBinding b) throws ArtcashException {
    byte[] key = b.bindingKey().toByteArray();
    try {
      store.inTransaction(c -> {
        if (!Jdbc.insertUnlessDuplicate(c,
            "INSERT INTO purse_binding (singleton, binding_id, binding_key, host_public_key,"
                + " monebox_public_key, root_certificate, device_certificate, last_counter,"
                + " bound_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
            b.bindingId(), key, b.hostPublicKey(), b.monEboxPublicKey(), b.root().encode(),
            b.deviceCertificate().encode(), b.lastCounter(), b.boundAt())) {
          throw new ArtcashException(Reason.WRONG_STATE, "this e-purse is bound to a MonEbox"
              + " already; to bind another MonEbox, start with a new e-purse database");
        }
        return null;
      });
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Takes the next approval counter and commits it before returning, so that a counter is never
   * used twice, even when the process stops during the payment that uses it.
   *
   * @throws ArtcashException {@link Reason#NOT_BOUND} before binding; {@link Reason#WRONG_STATE}
   *     when all 2^32-1 counters of this binding are used
   */
  public long nextCounter() throws ArtcashException {
    return store.inTransaction(BindingTable::nextCounter);
  }

  /** {@link #nextCounter()} inside the caller's transaction, which commits it. */
  static long nextCounter(Connection c) throws SQLException, ArtcashException {
    int updated = Jdbc.update(c, "UPDATE purse_binding SET last_counter = last_counter + 1"
        + " WHERE singleton = 1 AND last_counter < ?", MAX_COUNTER);
    if (updated == 0) {
      boolean bound = Jdbc.queryOne(c, "SELECT 1 FROM purse_binding WHERE singleton = 1",
          rs -> Boolean.TRUE).isPresent();
      if (!bound) {
        throw notBound();
      }
      throw new ArtcashException(Reason.WRONG_STATE, "every approval counter of this binding"
          + " has been used; bind this e-purse software to the MonEbox again");
    }
    return Jdbc.queryOne(c, "SELECT last_counter FROM purse_binding WHERE singleton = 1",
        rs -> rs.getLong(1)).orElseThrow();
  }

  static ArtcashException notBound() {
    return new ArtcashException(Reason.NOT_BOUND, "this e-purse is not bound to its MonEbox;"
        + " press the MonEbox's button and bind first");
  }

  private static StoredBinding read(ResultSet rs) throws SQLException {
    byte[] key = rs.getBytes("binding_key");
    try {
      return new StoredBinding(rs.getInt("binding_id"), SecretBytes.copyOf(key),
          Jdbc.bytes(rs, "host_public_key"), Jdbc.bytes(rs, "monebox_public_key"),
          Certificate.decode(rs.getBytes("root_certificate")),
          Certificate.decode(rs.getBytes("device_certificate")), rs.getLong("last_counter"),
          Jdbc.instant(rs, "bound_at"));
    } catch (ArtcashException e) {
      throw Jdbc.corrupt("a binding certificate", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }
}
