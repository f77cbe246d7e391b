package org.artcash.issuer.store;

import java.time.Instant;
import java.util.List;
import org.artcash.core.codec.Bytes;

/**
 * The keys the issuer has revoked, from which signed revocation lists are made, and the sequence
 * numbers of those lists.
 */
public final class RevocationStore {
  static final int MAX_REASON_LENGTH = 1000;
  private static final String LIST_COUNTER = "revocation_list";

  private final IssuerDatabase db;

  RevocationStore(IssuerDatabase db) {
    this.db = db;
  }

  /**
   * Revokes a key. Idempotent: true the first time; false when it was revoked already, in which
   * case the first reason and time are kept.
   */
  public boolean revoke(Bytes keyId, String reason, Instant at) {
    Jdbc.id(keyId, "keyId");
    Jdbc.text(reason, MAX_REASON_LENGTH, "reason");
    Jdbc.time(at, "at");
    return db.transact(c -> Jdbc.insertUnlessDuplicate(c,
        "INSERT INTO revocation (key_id, reason, revoked_at) VALUES (?, ?, ?)",
        keyId, reason, at));
  }

  /** Every revocation, oldest first. */
  public List<Revocation> list() {
    return db.transact(c -> Jdbc.queryList(c,
        "SELECT key_id, reason, revoked_at FROM revocation ORDER BY revoked_at, key_id",
        rs -> new Revocation(Jdbc.bytes(rs, "key_id"), rs.getString("reason"),
            Jdbc.instant(rs, "revoked_at"))));
  }

  /**
   * The sequence number for the next signed revocation list: 1, 2, 3, ... without gaps or
   * repeats, also under concurrent calls (the counter row is locked by the update).
   */
  public long nextListSequence() {
    return db.transact(c -> {
      int updated = Jdbc.update(c,
          "UPDATE issuer_counter SET current_seq = current_seq + 1 WHERE name = ?", LIST_COUNTER);
      if (updated != 1) {
        throw new IllegalStateException("the issuer_counter row '" + LIST_COUNTER
            + "' is missing: the schema was not migrated by Flyway");
      }
      return Jdbc.queryOne(c, "SELECT current_seq FROM issuer_counter WHERE name = ?",
          rs -> rs.getLong(1), LIST_COUNTER).orElseThrow();
    });
  }
}
