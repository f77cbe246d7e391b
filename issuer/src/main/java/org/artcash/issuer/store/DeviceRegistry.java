package org.artcash.issuer.store;

import static org.artcash.issuer.store.Jdbc.bytes;
import static org.artcash.issuer.store.Jdbc.instant;

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
 * The MonEbox management component's register (paper sec. 6): each provisioned device, its class,
 * its public key and its status.
 */
public final class DeviceRegistry {
  static final int MAX_REASON_LENGTH = 1000;
  static final String REGISTERED = "registered";

  private static final String COLUMNS = "device_id, device_class, public_key, status, registered_at,"
      + " status_changed_at, status_reason";

  private final IssuerDatabase db;

  DeviceRegistry(IssuerDatabase db) {
    this.db = db;
  }

  /**
   * Registers a new device as {@link DeviceStatus#ACTIVE}.
   *
   * @throws ArtcashException {@link Reason#WRONG_STATE} when the id is already registered
   */
  public void register(Bytes deviceId, int deviceClass, byte[] devicePublicKey, Instant at)
      throws ArtcashException {
    Jdbc.id(deviceId, "deviceId");
    byte[] key = Jdbc.blob(devicePublicKey, "devicePublicKey");
    if (key.length == 0) {
      throw new IllegalArgumentException("devicePublicKey is empty");
    }
    Jdbc.time(at, "at");
    db.inTransaction(c -> {
      boolean inserted = Jdbc.insertUnlessDuplicate(c,
          "INSERT INTO device (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
          deviceId, deviceClass, key, DeviceStatus.ACTIVE.name(), at, at, REGISTERED);
      if (!inserted) {
        throw new ArtcashException(Reason.WRONG_STATE,
            "device " + deviceId.hex() + " is already registered");
      }
      return null;
    });
  }

  public Optional<DeviceRecord> find(Bytes deviceId) {
    Jdbc.id(deviceId, "deviceId");
    return db.transact(c -> Jdbc.queryOne(c,
        "SELECT " + COLUMNS + " FROM device WHERE device_id = ?", DeviceRegistry::read, deviceId));
  }

  /**
   * Changes a device's status and records why and when. Setting the status it already has again
   * records the new reason and time, except for a retired device, which is left as it is.
   *
   * @throws ArtcashException {@link Reason#NOT_FOUND} for an unknown device; {@link
   *     Reason#WRONG_STATE} to bring a retired device back into another status
   */
  public void setStatus(Bytes deviceId, DeviceStatus status, String why, Instant at)
      throws ArtcashException {
    Jdbc.id(deviceId, "deviceId");
    Objects.requireNonNull(status, "status");
    Jdbc.text(why, MAX_REASON_LENGTH, "why");
    Jdbc.time(at, "at");
    db.inTransaction(c -> {
      DeviceStatus current = Jdbc.queryOne(c,
              "SELECT status FROM device WHERE device_id = ? FOR UPDATE",
              rs -> DeviceStatus.valueOf(rs.getString("status")), deviceId)
          .orElseThrow(() -> new ArtcashException(Reason.NOT_FOUND,
              "device " + deviceId.hex() + " is not registered"));
      if (current == DeviceStatus.RETIRED) {
        if (status == DeviceStatus.RETIRED) {
          return null;
        }
        throw new ArtcashException(Reason.WRONG_STATE, "device " + deviceId.hex()
            + " is retired and cannot become " + status);
      }
      Jdbc.update(c, "UPDATE device SET status = ?, status_changed_at = ?, status_reason = ?"
          + " WHERE device_id = ?", status.name(), at, why, deviceId);
      return null;
    });
  }

  /** Every registered device, oldest registration first. */
  public List<DeviceRecord> list() {
    return db.transact(c -> Jdbc.queryList(c,
        "SELECT " + COLUMNS + " FROM device ORDER BY registered_at, device_id",
        DeviceRegistry::read));
  }

  private static DeviceRecord read(ResultSet rs) throws SQLException {
    return new DeviceRecord(
        bytes(rs, "device_id"),
        rs.getInt("device_class"),
        rs.getBytes("public_key"),
        DeviceStatus.valueOf(rs.getString("status")),
        instant(rs, "registered_at"),
        instant(rs, "status_changed_at"),
        rs.getString("status_reason"));
  }
}
