package org.artcash.issuer.store;

import static org.artcash.issuer.store.Jdbc.bytes;
import static org.artcash.issuer.store.Jdbc.instant;
import static org.artcash.issuer.store.Jdbc.optionalInstant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;

/**
 * The ART factory's register of aggregating receipt tokens: each token issued, and each token
 * returned after use (to be forwarded to e-cash inspection).
 */
public final class ArtRegistry {
  private static final String COLUMNS =
      "art_id, pseudonym, kind, issued_at, not_after, config, returned_at, full_art";

  private final IssuerDatabase db;

  ArtRegistry(IssuerDatabase db) {
    this.db = db;
  }

  /**
   * Records a newly issued ART.
   *
   * @throws ArtcashException {@link Reason#WRONG_STATE} when {@code artId} is recorded already
   */
  public void recordIssued(Bytes artId, Bytes pseudonym, int kind, Instant issuedAt,
      Instant notAfter, byte[] config) throws ArtcashException {
    Jdbc.id(artId, "artId");
    Jdbc.id(pseudonym, "pseudonym");
    Jdbc.time(issuedAt, "issuedAt");
    Jdbc.time(notAfter, "notAfter");
    if (notAfter.getEpochSecond() <= issuedAt.getEpochSecond()) {
      throw new IllegalArgumentException(
          "an ART must expire at least a second after it is issued: " + issuedAt + " .. " + notAfter);
    }
    byte[] configCopy = Jdbc.blob(config, "config");
    db.inTransaction(c -> {
      if (!Jdbc.insertUnlessDuplicate(c,
          "INSERT INTO issued_art (art_id, pseudonym, kind, issued_at, not_after, config)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          artId, pseudonym, kind, issuedAt, notAfter, configCopy)) {
        throw new ArtcashException(Reason.WRONG_STATE,
            "ART " + artId.hex() + " is already recorded as issued");
      }
      return null;
    });
  }

  public Optional<IssuedArt> find(Bytes artId) {
    Jdbc.id(artId, "artId");
    return db.transact(c -> Jdbc.queryOne(c,
        "SELECT " + COLUMNS + " FROM issued_art WHERE art_id = ?", ArtRegistry::read, artId));
  }

  /** How many ARTs of {@code pseudonym} are issued, not returned, and valid after {@code now}. */
  public int countLive(Bytes pseudonym, Instant now) {
    Jdbc.id(pseudonym, "pseudonym");
    Jdbc.time(now, "now");
    long count = db.transact(c -> Jdbc.queryOne(c,
        "SELECT COUNT(*) FROM issued_art"
            + " WHERE pseudonym = ? AND returned_at IS NULL AND not_after > ?",
        rs -> rs.getLong(1), pseudonym, now).orElse(0L));
    return Math.toIntExact(count);
  }

  /**
   * Records that an ART came back, with its full content. Idempotent: true the first time, false
   * when it was returned already (the content stored first is kept).
   *
   * @throws ArtcashException {@link Reason#UNKNOWN_ART} when {@code artId} was never issued here
   */
  public boolean markReturned(Bytes artId, Instant at, byte[] fullArt) throws ArtcashException {
    Jdbc.id(artId, "artId");
    Jdbc.time(at, "at");
    byte[] content = Jdbc.blob(fullArt, "fullArt");
    return db.inTransaction(c -> {
      int updated = Jdbc.update(c, "UPDATE issued_art SET returned_at = ?, full_art = ?"
          + " WHERE art_id = ? AND returned_at IS NULL", at, content, artId);
      if (updated == 1) {
        return true;
      }
      boolean known = Jdbc.queryOne(c, "SELECT 1 FROM issued_art WHERE art_id = ?",
          rs -> true, artId).isPresent();
      if (!known) {
        throw new ArtcashException(Reason.UNKNOWN_ART,
            "ART " + artId.hex() + " was not issued by this factory");
      }
      return false;
    });
  }

  private static IssuedArt read(ResultSet rs) throws SQLException {
    return new IssuedArt(
        bytes(rs, "art_id"),
        bytes(rs, "pseudonym"),
        rs.getInt("kind"),
        instant(rs, "issued_at"),
        instant(rs, "not_after"),
        rs.getBytes("config"),
        optionalInstant(rs, "returned_at"),
        Optional.ofNullable(rs.getBytes("full_art")));
  }
}
