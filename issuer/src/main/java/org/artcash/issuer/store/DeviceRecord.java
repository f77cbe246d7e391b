package org.artcash.issuer.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.artcash.core.codec.Bytes;

/**
 * A registered MonEbox. Times are whole seconds. {@code statusReason} is why the status last
 * changed ("registered" for a new device).
 */
public record DeviceRecord(
    Bytes deviceId,
    int deviceClass,
    byte[] publicKey,
    DeviceStatus status,
    Instant registeredAt,
    Instant statusChangedAt,
    String statusReason) {

  public DeviceRecord {
    Objects.requireNonNull(deviceId, "deviceId");
    publicKey = Objects.requireNonNull(publicKey, "publicKey").clone();
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(registeredAt, "registeredAt");
    Objects.requireNonNull(statusChangedAt, "statusChangedAt");
    Objects.requireNonNull(statusReason, "statusReason");
  }

  /** A copy: the record stays immutable. */
  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeviceRecord r
        && deviceId.equals(r.deviceId)
        && deviceClass == r.deviceClass
        && Arrays.equals(publicKey, r.publicKey)
        && status == r.status
        && registeredAt.equals(r.registeredAt)
        && statusChangedAt.equals(r.statusChangedAt)
        && statusReason.equals(r.statusReason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(deviceId, deviceClass, Arrays.hashCode(publicKey), status, registeredAt,
        statusChangedAt, statusReason);
  }

  @Override
  public String toString() {
    return "DeviceRecord[" + deviceId.shortHex() + ", class " + deviceClass + ", " + status
        + " since " + statusChangedAt + " (" + statusReason + "), registered " + registeredAt + "]";
  }
}
