package org.artcash.issuer.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;

/**
 * The identity register: sealed user records, kept for an authority with a legal reason to unseal
 * one. Sealing and unsealing happen elsewhere; this stores the sealed bytes, and never replaces
 * them (that would destroy what an investigation may need).
 */
public final class IdentityRegister {
  private final IssuerDatabase db;

  IdentityRegister(IssuerDatabase db) {
    this.db = db;
  }

  /**
   * Stores a sealed record. Storing the same bytes again under the same reference does nothing.
   *
   * @throws ArtcashException {@link Reason#WRONG_STATE} when different bytes are stored under
   *     {@code identityRef} already
   */
  public void store(Bytes identityRef, byte[] sealedRecord, Instant at) throws ArtcashException {
    Jdbc.id(identityRef, "identityRef");
    byte[] sealed = Jdbc.blob(sealedRecord, "sealedRecord");
    if (sealed.length == 0) {
      throw new IllegalArgumentException("sealedRecord is empty");
    }
    Jdbc.time(at, "at");
    db.inTransaction(c -> {
      if (Jdbc.insertUnlessDuplicate(c,
          "INSERT INTO identity_record (identity_ref, sealed_record, stored_at) VALUES (?, ?, ?)",
          identityRef, sealed, at)) {
        return null;
      }
      byte[] stored = Jdbc.queryOne(c,
          "SELECT sealed_record FROM identity_record WHERE identity_ref = ?",
          rs -> rs.getBytes(1), identityRef).orElseThrow();
      if (!Arrays.equals(stored, sealed)) {
        throw new ArtcashException(Reason.WRONG_STATE, "identity record " + identityRef.hex()
            + " is already stored with different content; a sealed record is never replaced");
      }
      return null;
    });
  }

  /** The sealed bytes stored under {@code identityRef}. */
  public Optional<byte[]> find(Bytes identityRef) {
    Jdbc.id(identityRef, "identityRef");
    return db.transact(c -> Jdbc.queryOne(c,
        "SELECT sealed_record FROM identity_record WHERE identity_ref = ?",
        rs -> rs.getBytes(1), identityRef));
  }
}
