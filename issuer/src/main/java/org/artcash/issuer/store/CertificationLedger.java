package org.artcash.issuer.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;

/**
 * Payment-key certification (blind signatures): how many certificates each device got from each
 * certifier key (one per payment key class) in each period, and the response given to each
 * request, so that a retried request gets the same answer.
 */
public final class CertificationLedger {
  private final IssuerDatabase db;

  CertificationLedger(IssuerDatabase db) {
    this.db = db;
  }

  /** Makes the response to a certification request: the blind signature, for example. */
  @FunctionalInterface
  public interface SignWork {
    byte[] sign() throws ArtcashException;
  }

  /**
   * Answers a certification request at most once, in one transaction:
   *
   * <ol>
   *   <li>if a response is stored for {@code requestHash}, returns it (a retried request gets the
   *       same answer and uses no quota);
   *   <li>otherwise, when the device has had fewer than {@code maxPerPeriod} certificates from
   *       {@code certifierKeyId} in the period starting at {@code periodStart}, counts one more,
   *       calls {@code work}, stores its response and commits.
   * </ol>
   *
   * <p>Concurrent calls for one device, key and period are serialised by a lock on their quota
   * row, so the quota is never exceeded and concurrent copies of one request are signed once.
   * {@code work} runs while that lock is held: keep it short. If {@code work} throws, nothing is
   * counted or stored.
   *
   * @throws ArtcashException {@link Reason#RATE_LIMITED} when the quota is used up; {@link
   *     Reason#CONFLICTING_RETRY} when {@code requestHash} was answered for another device or
   *     certifier key; whatever {@code work} throws
   */
  public byte[] issueOnce(Bytes requestHash, Bytes deviceId, Bytes certifierKeyId,
      Instant periodStart, int maxPerPeriod, SignWork work) throws ArtcashException {
    Jdbc.id(requestHash, "requestHash");
    Jdbc.id(deviceId, "deviceId");
    Jdbc.id(certifierKeyId, "certifierKeyId");
    Jdbc.time(periodStart, "periodStart");
    Objects.requireNonNull(work, "work");
    if (maxPerPeriod < 1) {
      throw new IllegalArgumentException("maxPerPeriod must be at least 1, not " + maxPerPeriod);
    }
    return db.inTransaction(c -> {
      Optional<byte[]> earlier = storedResponse(c, requestHash, deviceId, certifierKeyId);
      if (earlier.isPresent()) {
        return earlier.get();
      }
      int used = lockQuota(c, deviceId, certifierKeyId, periodStart);
      // A copy of this request may have been answered while this transaction waited for the lock.
      earlier = storedResponse(c, requestHash, deviceId, certifierKeyId);
      if (earlier.isPresent()) {
        return earlier.get();
      }
      if (used >= maxPerPeriod) {
        throw new ArtcashException(Reason.RATE_LIMITED, "device " + deviceId.hex()
            + " has used its " + maxPerPeriod + " certificates of this class for this period");
      }
      Jdbc.update(c, "UPDATE cert_quota SET issued_count = ?"
              + " WHERE device_id = ? AND certifier_key_id = ? AND period_start = ?",
          used + 1, deviceId, certifierKeyId, periodStart);
      byte[] response = Objects.requireNonNull(work.sign(), "SignWork returned null").clone();
      if (!Jdbc.insertUnlessDuplicate(c, "INSERT INTO cert_response"
              + " (request_hash, device_id, certifier_key_id, period_start, response)"
              + " VALUES (?, ?, ?, ?, ?)",
          requestHash, deviceId, certifierKeyId, periodStart, response)) {
        // Only possible when the same request hash arrives for two devices or keys at once.
        throw conflicting(requestHash);
      }
      return response;
    });
  }

  /** Certificates counted for a device, certifier key and period so far. */
  public int used(Bytes deviceId, Bytes certifierKeyId, Instant periodStart) {
    Jdbc.id(deviceId, "deviceId");
    Jdbc.id(certifierKeyId, "certifierKeyId");
    Jdbc.time(periodStart, "periodStart");
    return db.transact(c -> Jdbc.queryOne(c, "SELECT issued_count FROM cert_quota"
                + " WHERE device_id = ? AND certifier_key_id = ? AND period_start = ?",
            rs -> rs.getInt(1), deviceId, certifierKeyId, periodStart)
        .orElse(0));
  }

  private static Optional<byte[]> storedResponse(Connection c, Bytes requestHash, Bytes deviceId,
      Bytes certifierKeyId) throws SQLException, ArtcashException {
    Optional<Stored> stored = Jdbc.queryOne(c,
        "SELECT device_id, certifier_key_id, response FROM cert_response WHERE request_hash = ?",
        rs -> new Stored(Jdbc.bytes(rs, "device_id"), Jdbc.bytes(rs, "certifier_key_id"),
            rs.getBytes("response")),
        requestHash);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    Stored s = stored.get();
    if (!s.deviceId.equals(deviceId) || !s.certifierKeyId.equals(certifierKeyId)) {
      throw conflicting(requestHash);
    }
    return Optional.of(s.response);
  }

  /**
   * Locks this device's quota row for the period, creating it if needed, and returns its count.
   * Both databases make a concurrent transaction wait on the row lock (or, for a row being
   * created, on the primary key) until this one ends.
   */
  private static int lockQuota(Connection c, Bytes deviceId, Bytes certifierKeyId,
      Instant periodStart) throws SQLException {
    String select = "SELECT issued_count FROM cert_quota"
        + " WHERE device_id = ? AND certifier_key_id = ? AND period_start = ? FOR UPDATE";
    Optional<Integer> used = Jdbc.queryOne(c, select, rs -> rs.getInt(1),
        deviceId, certifierKeyId, periodStart);
    if (used.isPresent()) {
      return used.get();
    }
    if (Jdbc.insertUnlessDuplicate(c, "INSERT INTO cert_quota"
            + " (device_id, certifier_key_id, period_start, issued_count) VALUES (?, ?, ?, 0)",
        deviceId, certifierKeyId, periodStart)) {
      return 0;
    }
    // Another transaction created the row first and has committed: lock it now.
    return Jdbc.queryOne(c, select, rs -> rs.getInt(1), deviceId, certifierKeyId, periodStart)
        .orElseThrow(() -> new IllegalStateException("quota row vanished"));
  }

  private static ArtcashException conflicting(Bytes requestHash) {
    return new ArtcashException(Reason.CONFLICTING_RETRY, "certification request "
        + requestHash.hex() + " was already made for another device or certifier key");
  }

  private record Stored(Bytes deviceId, Bytes certifierKeyId, byte[] response) {}
}
