package org.artcash.issuer.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.artcash.core.codec.Bytes;

/**
 * E-cash inspection (paper sec. 6): one report per returned ART that was inspected, with the
 * anomalies found in it (none for most).
 */
public final class InspectionStore {
  private final IssuerDatabase db;

  InspectionStore(IssuerDatabase db) {
    this.db = db;
  }

  /**
   * Saves the inspection of one ART and its anomalies, atomically. Idempotent per ART: when a
   * report for {@code artId} exists already, nothing is replaced and the result is false.
   *
   * @throws IllegalArgumentException when an anomaly belongs to another ART or two share a seq
   */
  public boolean saveReport(Bytes artId, Instant at, List<Anomaly> anomalies) {
    Jdbc.id(artId, "artId");
    Jdbc.time(at, "at");
    List<Anomaly> found = List.copyOf(Objects.requireNonNull(anomalies, "anomalies"));
    Set<Integer> seqs = new HashSet<>();
    for (Anomaly a : found) {
      if (!a.artId().equals(artId)) {
        throw new IllegalArgumentException("anomaly " + a.seq() + " is about ART "
            + a.artId().hex() + ", not " + artId.hex());
      }
      if (!seqs.add(a.seq())) {
        throw new IllegalArgumentException("two anomalies of ART " + artId.hex()
            + " have seq " + a.seq());
      }
    }
    return db.transact(c -> {
      if (!Jdbc.insertUnlessDuplicate(c,
          "INSERT INTO inspection_report (art_id, inspected_at, anomaly_count) VALUES (?, ?, ?)",
          artId, at, found.size())) {
        return false;
      }
      for (Anomaly a : found) {
        Jdbc.update(c,
            "INSERT INTO inspection_anomaly (art_id, seq, code, detail) VALUES (?, ?, ?, ?)",
            artId, a.seq(), a.code(), a.detail());
      }
      return true;
    });
  }

  /** When {@code artId} was inspected, if it was. */
  public Optional<Instant> inspectedAt(Bytes artId) {
    Jdbc.id(artId, "artId");
    return db.transact(c -> Jdbc.queryOne(c,
        "SELECT inspected_at FROM inspection_report WHERE art_id = ?",
        rs -> Jdbc.instant(rs, "inspected_at"), artId));
  }

  /** The anomalies found in one ART, by seq; empty when none were found or it was not inspected. */
  public List<Anomaly> anomalies(Bytes artId) {
    Jdbc.id(artId, "artId");
    return db.transact(c -> Jdbc.queryList(c,
        "SELECT art_id, seq, code, detail FROM inspection_anomaly WHERE art_id = ? ORDER BY seq",
        InspectionStore::read, artId));
  }

  /** Every anomaly found, by ART then seq. */
  public List<Anomaly> allAnomalies() {
    return db.transact(c -> Jdbc.queryList(c,
        "SELECT art_id, seq, code, detail FROM inspection_anomaly ORDER BY art_id, seq",
        InspectionStore::read));
  }

  /** How many ARTs have been inspected, with or without anomalies. */
  public long countInspected() {
    return db.transact(c -> Jdbc.queryOne(c, "SELECT COUNT(*) FROM inspection_report",
        rs -> rs.getLong(1)).orElse(0L));
  }

  private static Anomaly read(ResultSet rs) throws SQLException {
    return new Anomaly(Jdbc.bytes(rs, "art_id"), rs.getInt("seq"), rs.getString("code"),
        rs.getString("detail"));
  }
}
