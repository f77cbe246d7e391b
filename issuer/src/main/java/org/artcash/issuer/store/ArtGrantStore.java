package org.artcash.issuer.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.codec.Bytes;

/**
 * The ART factory's answers, by request hash: a retried ART request gets the ARTs granted the first
 * time instead of new ones. The first answer stored for a request is kept.
 */
public final class ArtGrantStore {
  private final IssuerDatabase db;

  public ArtGrantStore(IssuerDatabase db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * Stores the encoded grant for {@code requestHash} unless one is stored already.
   *
   * @return true when stored; false when an earlier grant for the request was kept
   */
  public boolean saveIfAbsent(Bytes requestHash, Bytes pseudonym, byte[] grant, Instant at) {
    Jdbc.id(requestHash, "requestHash");
    Jdbc.id(pseudonym, "pseudonym");
    byte[] encoded = Jdbc.blob(grant, "grant");
    Jdbc.time(at, "at");
    return db.transact(c -> Jdbc.insertUnlessDuplicate(c,
        "INSERT INTO art_grant (request_hash, pseudonym, granted_at, grant_bytes)"
            + " VALUES (?, ?, ?, ?)",
        requestHash, pseudonym, at, encoded));
  }

  /** The encoded grant given for {@code requestHash}, if any. */
  public Optional<byte[]> find(Bytes requestHash) {
    Jdbc.id(requestHash, "requestHash");
    return db.transact(c -> Jdbc.queryOne(c,
        "SELECT grant_bytes FROM art_grant WHERE request_hash = ?",
        rs -> rs.getBytes(1), requestHash));
  }
}
