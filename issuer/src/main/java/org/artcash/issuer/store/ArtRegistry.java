package org.artcash.issuer.store;

import static org.artcash.issuer.store.Jdbc.bytes;
import static org.artcash.issuer.store.Jdbc.instant;
import static org.artcash.issuer.store.Jdbc.optionalInstant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;

/**
 * The ART factory's register of aggregating receipt tokens: each token issued, and the logs
 * returned for it after use (to be forwarded to e-cash inspection).
 */
public final class ArtRegistry {
  private static final String COLUMNS =
      "art_id, pseudonym, kind, issued_at, not_after, config, returned_at, full_art, used_up_at";

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

  /**
   * How many ARTs of {@code pseudonym} are valid after {@code now} and not shown used up by a
   * returned log. An ART returned early still counts: payments could follow its return.
   */
  public int countLive(Bytes pseudonym, Instant now) {
    Jdbc.id(pseudonym, "pseudonym");
    Jdbc.time(now, "now");
    long count = db.transact(c -> Jdbc.queryOne(c,
        "SELECT COUNT(*) FROM issued_art"
            + " WHERE pseudonym = ? AND used_up_at IS NULL AND not_after > ?",
        rs -> rs.getLong(1), pseudonym, now).orElse(0L));
    return Math.toIntExact(count);
  }

  /**
   * What the ART factory decides about a returned log, given the ART's current log.
   *
   * @param keep store the log as evidence (not needed when the current log holds all of it)
   * @param becomesCurrent the log replaces the current one; implies {@code keep}
   * @param usedUp the ART's current log, after this return, shows no payment can follow
   */
  public record ReturnDecision(boolean keep, boolean becomesCurrent, boolean usedUp) {
    public ReturnDecision {
      if (becomesCurrent && !keep) {
        throw new IllegalArgumentException("a log that becomes current is kept");
      }
    }
  }

  /** Decides about a returned log; runs while the ART's row is locked. */
  @FunctionalInterface
  public interface ReturnJudge {
    /** @param current the ART's current log, empty when it was never returned */
    ReturnDecision decide(Optional<byte[]> current) throws ArtcashException;
  }

  /**
   * Records that a log of an ART came back, in one transaction with the ART's row locked, so that
   * concurrent returns are judged one after the other: {@code judge} sees the current log and
   * decides whether the returned one is kept as evidence, replaces it, and leaves the ART used up.
   * The first return time and the time it was first seen used up are never changed.
   *
   * @param logHash identifies the log by its records' signed bodies; an evidence log is kept once
   * @throws ArtcashException {@link Reason#UNKNOWN_ART} when {@code artId} was never issued here;
   *     whatever {@code judge} throws (then nothing changes)
   */
  public ReturnDecision recordReturn(Bytes artId, Instant at, Bytes logHash, int recordCount,
      byte[] fullArt, ReturnJudge judge) throws ArtcashException {
    Jdbc.id(artId, "artId");
    Jdbc.time(at, "at");
    Jdbc.id(logHash, "logHash");
    if (recordCount < 0) {
      throw new IllegalArgumentException("a log cannot have " + recordCount + " records");
    }
    byte[] content = Jdbc.blob(fullArt, "fullArt");
    Objects.requireNonNull(judge, "judge");
    return db.inTransaction(c -> {
      Optional<Optional<byte[]>> row = Jdbc.queryOne(c,
          "SELECT full_art FROM issued_art WHERE art_id = ? FOR UPDATE",
          rs -> Optional.ofNullable(rs.getBytes("full_art")), artId);
      if (row.isEmpty()) {
        throw new ArtcashException(Reason.UNKNOWN_ART,
            "ART " + artId.hex() + " was not issued by this factory");
      }
      ReturnDecision decision = judge.decide(row.get());
      if (decision.keep()) {
        Jdbc.insertUnlessDuplicate(c, "INSERT INTO returned_art_log"
                + " (art_id, log_hash, record_count, received_at, full_art)"
                + " VALUES (?, ?, ?, ?, ?)",
            artId, logHash, recordCount, at, content);
      }
      if (decision.becomesCurrent()) {
        Jdbc.update(c, "UPDATE issued_art SET full_art = ?,"
            + " returned_at = COALESCE(returned_at, ?) WHERE art_id = ?", content, at, artId);
      }
      if (decision.usedUp()) {
        Jdbc.update(c, "UPDATE issued_art SET used_up_at = ?"
            + " WHERE art_id = ? AND used_up_at IS NULL AND full_art IS NOT NULL", at, artId);
      }
      return decision;
    });
  }

  /**
   * Every distinct log kept for {@code artId} as evidence, oldest first (by the second it came,
   * then the shorter first).
   */
  public List<byte[]> returnedLogs(Bytes artId) {
    Jdbc.id(artId, "artId");
    return db.transact(c -> Jdbc.queryList(c,
        "SELECT full_art FROM returned_art_log WHERE art_id = ?"
            + " ORDER BY received_at, record_count, log_hash",
        rs -> rs.getBytes(1), artId));
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
        Optional.ofNullable(rs.getBytes("full_art")),
        optionalInstant(rs, "used_up_at"));
  }
}
