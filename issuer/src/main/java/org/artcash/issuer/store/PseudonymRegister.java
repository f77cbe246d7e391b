package org.artcash.issuer.store;

import static org.artcash.issuer.store.Jdbc.bytes;
import static org.artcash.issuer.store.Jdbc.instant;
import static org.artcash.issuer.store.Jdbc.optionalBytes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;

/**
 * The user pseudonym component (paper sec. 3.3): the pseudonymous identifier installed in an
 * e-purse, one per device, optionally linked to a sealed identity record.
 */
public final class PseudonymRegister {
  private static final String COLUMNS = "pseudonym, device_id, identity_ref, created_at";

  private final IssuerDatabase db;

  PseudonymRegister(IssuerDatabase db) {
    this.db = db;
  }

  /**
   * Records a new pseudonym for a device. {@code identityRef} is empty for an anonymous user.
   *
   * @throws ArtcashException {@link Reason#WRONG_STATE} when the pseudonym exists already or the
   *     device already has one
   */
  public void create(Bytes pseudonym, Bytes deviceId, Optional<Bytes> identityRef, Instant at)
      throws ArtcashException {
    Jdbc.id(pseudonym, "pseudonym");
    Jdbc.id(deviceId, "deviceId");
    Objects.requireNonNull(identityRef, "identityRef");
    identityRef.ifPresent(ref -> Jdbc.id(ref, "identityRef"));
    Jdbc.time(at, "at");
    db.inTransaction(c -> {
      if (Jdbc.insertUnlessDuplicate(c,
          "INSERT INTO pseudonym (" + COLUMNS + ") VALUES (?, ?, ?, ?)",
          pseudonym, deviceId, identityRef, at)) {
        return null;
      }
      boolean taken = Jdbc.queryOne(c, "SELECT 1 FROM pseudonym WHERE pseudonym = ?",
          rs -> true, pseudonym).isPresent();
      throw new ArtcashException(Reason.WRONG_STATE, taken
          ? "pseudonym " + pseudonym.hex() + " already exists"
          : "device " + deviceId.hex() + " already has a pseudonym");
    });
  }

  public Optional<PseudonymRecord> find(Bytes pseudonym) {
    Jdbc.id(pseudonym, "pseudonym");
    return db.transact(c -> Jdbc.queryOne(c,
        "SELECT " + COLUMNS + " FROM pseudonym WHERE pseudonym = ?",
        PseudonymRegister::read, pseudonym));
  }

  public Optional<PseudonymRecord> findByDevice(Bytes deviceId) {
    Jdbc.id(deviceId, "deviceId");
    return db.transact(c -> Jdbc.queryOne(c,
        "SELECT " + COLUMNS + " FROM pseudonym WHERE device_id = ?",
        PseudonymRegister::read, deviceId));
  }

  private static PseudonymRecord read(ResultSet rs) throws SQLException {
    return new PseudonymRecord(bytes(rs, "pseudonym"), bytes(rs, "device_id"),
        optionalBytes(rs, "identity_ref"), instant(rs, "created_at"));
  }
}
