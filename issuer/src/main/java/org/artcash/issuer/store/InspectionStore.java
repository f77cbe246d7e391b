package org.artcash.issuer.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.codec.Bytes;

/**
 * E-cash inspection (paper sec. 6): one report per returned ART that was inspected, with the
 * anomalies found in it (none for most), and each of its payment records inspected, so that a
 * longer or another log of the same ART is inspected for what is new in it.
 */
public final class InspectionStore {
  private final IssuerDatabase db;

  InspectionStore(IssuerDatabase db) {
    this.db = db;
  }

  /**
   * A payment record of an ART as inspection saw it: its number, the hash of its signed body, and
   * whether it verified where it stood in the log that brought it.
   */
  public record SeenRecord(int seq, Bytes recordHash, boolean verified) {
    public SeenRecord {
      Jdbc.id(recordHash, "recordHash");
    }
  }

  /**
   * An anomaly to add: about the record at index {@code record} of the records given with it, or
   * about the ART as a whole when {@code record} is {@link #ART_ITSELF}.
   */
  public record Finding(int record, String code, String detail) {
    public static final int ART_ITSELF = -1;

    public Finding {
      if (record < ART_ITSELF) {
        throw new IllegalArgumentException("a finding is about a record (index 0 or more) or the"
            + " ART itself (-1), not " + record);
      }
    }
  }

  /** The records of {@code artId} inspected so far, in no particular order. */
  public List<SeenRecord> records(Bytes artId) {
    Jdbc.id(artId, "artId");
    return db.transact(c -> Jdbc.queryList(c,
        "SELECT seq, record_hash, verified FROM inspected_record WHERE art_id = ?",
        rs -> new SeenRecord(rs.getInt("seq"), Jdbc.bytes(rs, "record_hash"),
            rs.getBoolean("verified")),
        artId));
  }

  /**
   * Adds one inspection of an ART, atomically, with the ART's report row locked so that
   * inspections of one ART follow each other. The report is created at the ART's first inspection
   * ({@code at} is then its inspection time). Each record is claimed: one not inspected before, or
   * one inspected before without verifying that verifies now. The findings about records this
   * call claimed (an inspection running alongside may have claimed some first) are added,
   * numbered after the ART's earlier anomalies, in the order given; findings about the ART itself
   * only when this call created the report.
   *
   * @return the anomalies added
   * @throws IllegalArgumentException when a finding points at no given record, or its code or
   *     detail does not fit an {@link Anomaly}
   */
  public List<Anomaly> addInspection(Bytes artId, Instant at, List<SeenRecord> records,
      List<Finding> findings) {
    Jdbc.id(artId, "artId");
    Jdbc.time(at, "at");
    List<SeenRecord> seen = List.copyOf(Objects.requireNonNull(records, "records"));
    List<Finding> found = List.copyOf(Objects.requireNonNull(findings, "findings"));
    for (Finding f : found) {
      if (f.record() >= seen.size()) {
        throw new IllegalArgumentException("finding " + f.code() + " is about record "
            + f.record() + " but only " + seen.size() + " records are given");
      }
      new Anomaly(artId, 1, f.code(), f.detail()); // checks code and detail before anything is written
    }
    return db.transact(c -> {
      boolean created = Jdbc.insertUnlessDuplicate(c,
          "INSERT INTO inspection_report (art_id, inspected_at, anomaly_count) VALUES (?, ?, 0)",
          artId, at);
      Jdbc.queryOne(c, "SELECT anomaly_count FROM inspection_report WHERE art_id = ? FOR UPDATE",
          rs -> rs.getInt(1), artId).orElseThrow();
      boolean[] claimed = new boolean[seen.size()];
      for (int i = 0; i < seen.size(); i++) {
        SeenRecord r = seen.get(i);
        claimed[i] = Jdbc.insertUnlessDuplicate(c, "INSERT INTO inspected_record"
                + " (art_id, seq, record_hash, verified, inspected_at) VALUES (?, ?, ?, ?, ?)",
            artId, r.seq(), r.recordHash(), r.verified(), at)
            || r.verified() && Jdbc.update(c, "UPDATE inspected_record SET verified = ?,"
                + " inspected_at = ? WHERE art_id = ? AND seq = ? AND record_hash = ?"
                + " AND verified = ?", true, at, artId, r.seq(), r.recordHash(), false) == 1;
      }
      int next = Jdbc.queryOne(c,
          "SELECT MAX(seq) FROM inspection_anomaly WHERE art_id = ?",
          rs -> rs.getObject(1) == null ? null : rs.getInt(1), artId).orElse(0) + 1;
      List<Anomaly> added = new ArrayList<>();
      for (Finding f : found) {
        boolean ours = f.record() == Finding.ART_ITSELF ? created : claimed[f.record()];
        if (ours) {
          Anomaly a = new Anomaly(artId, next++, f.code(), f.detail());
          Jdbc.update(c,
              "INSERT INTO inspection_anomaly (art_id, seq, code, detail) VALUES (?, ?, ?, ?)",
              artId, a.seq(), a.code(), a.detail());
          added.add(a);
        }
      }
      Jdbc.update(c, "UPDATE inspection_report SET anomaly_count = anomaly_count + ?"
          + " WHERE art_id = ?", added.size(), artId);
      return List.copyOf(added);
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
