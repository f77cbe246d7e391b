package org.artcash.issuer.device;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.KeyAlgorithm;
import org.artcash.core.crypto.KeyId;
import org.artcash.core.crypto.P256;
import org.artcash.core.pki.CertRole;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.DeviceAttributes;
import org.artcash.core.pki.TrustStore;
import org.artcash.issuer.store.DeviceRecord;
import org.artcash.issuer.store.DeviceRegistry;
import org.artcash.issuer.store.DeviceStatus;

/**
 * The MonEbox management component of the issuer core (de Jong 2024, sec. 6): certifies the
 * device key of each MonEbox being provisioned, keeps the register of devices and their status,
 * and tells agents whether a requesting device is genuine and active.
 */
public final class MonEboxManagement {
  private final EcSigner attestationKey;
  private final Certificate attestationCertificate;
  private final DeviceRegistry registry;
  private final Duration deviceValidity;
  private final SecureRandom random;

  /**
   * @param attestationKey the device attestation key, certified by the CA in {@code
   *     attestationCertificate}
   * @param deviceValidity how long a device certificate is valid (cut at the attestation
   *     certificate's end)
   */
  public MonEboxManagement(EcSigner attestationKey, Certificate attestationCertificate,
      DeviceRegistry registry, Duration deviceValidity, SecureRandom random) {
    this.attestationKey = Objects.requireNonNull(attestationKey, "attestationKey");
    this.attestationCertificate =
        Objects.requireNonNull(attestationCertificate, "attestationCertificate");
    if (attestationCertificate.role() != CertRole.DEVICE_ATTESTATION
        || !attestationCertificate.subjectKeyId()
            .equals(KeyId.of(KeyAlgorithm.EC_P256, attestationKey.publicKey()))) {
      throw new IllegalArgumentException("the attestation certificate must be a DEVICE_ATTESTATION"
          + " certificate for the attestation key");
    }
    this.registry = Objects.requireNonNull(registry, "registry");
    if (deviceValidity.isNegative() || deviceValidity.isZero()) {
      throw new IllegalArgumentException("deviceValidity must be positive: " + deviceValidity);
    }
    this.deviceValidity = deviceValidity;
    this.random = Objects.requireNonNull(random, "random");
  }

  public Certificate attestationCertificate() {
    return attestationCertificate;
  }

  /**
   * Registers a MonEbox being provisioned as ACTIVE under a fresh random 16-byte device id and
   * issues its DEVICE certificate.
   *
   * @param devicePublicKey the 65-byte P-256 key the MonEbox generated inside
   * @throws ArtcashException {@link Reason#MALFORMED} when the key is not a P-256 point
   */
  public Certificate certifyDevice(byte[] devicePublicKey, int deviceClass, boolean issuerDevice,
      Instant now) throws ArtcashException {
    P256.decode(devicePublicKey);
    Instant from = now.truncatedTo(ChronoUnit.SECONDS);
    if (from.isBefore(attestationCertificate.notBefore())
        || !from.isBefore(attestationCertificate.notAfter())) {
      throw new ArtcashException(Reason.EXPIRED, "the device attestation key is valid from "
          + attestationCertificate.notBefore() + " to " + attestationCertificate.notAfter()
          + ", not at " + from + "; the CA must certify a new one before devices are provisioned");
    }
    byte[] id = new byte[DeviceAttributes.DEVICE_ID_LENGTH];
    random.nextBytes(id);
    DeviceAttributes attributes = new DeviceAttributes(Bytes.copyOf(id), deviceClass, issuerDevice);
    Instant until = from.plus(deviceValidity);
    if (until.isAfter(attestationCertificate.notAfter())) {
      until = attestationCertificate.notAfter();
    }
    registry.register(attributes.deviceId(), deviceClass, devicePublicKey, from);
    return Certificate.issue(attestationKey, Bytes.copyOf(randomSerial()), CertRole.DEVICE,
        KeyAlgorithm.EC_P256, devicePublicKey, attributes.encode(), from, until);
  }

  /** Temporarily stops serving a device (for example reported lost); {@link #reinstate} undoes it. */
  public void suspend(Bytes deviceId, String why, Instant now) throws ArtcashException {
    registry.setStatus(deviceId, DeviceStatus.SUSPENDED, why, now);
  }

  /** Switches a device off after abuse was detected; it is not served again. */
  public void disable(Bytes deviceId, String why, Instant now) throws ArtcashException {
    registry.setStatus(deviceId, DeviceStatus.DISABLED, why, now);
  }

  /**
   * Makes a suspended device ACTIVE again.
   *
   * @throws ArtcashException {@link Reason#WRONG_STATE} when the device is not SUSPENDED
   */
  public void reinstate(Bytes deviceId, String why, Instant now) throws ArtcashException {
    DeviceRecord d = record(deviceId);
    if (d.status() != DeviceStatus.SUSPENDED) {
      throw new ArtcashException(Reason.WRONG_STATE, "MonEbox " + deviceId.hex() + " is "
          + d.status() + ", not SUSPENDED; only a suspended device can be reinstated");
    }
    registry.setStatus(deviceId, DeviceStatus.ACTIVE, why, now);
  }

  public DeviceRecord record(Bytes deviceId) throws ArtcashException {
    return registry.find(deviceId).orElseThrow(() -> new ArtcashException(Reason.NOT_FOUND,
        "MonEbox " + deviceId.hex() + " is not in the issuer's device register"));
  }

  /**
   * What an agent asks before serving a request (sec. 3.3: "queries the issuer core ... to
   * determine it is genuine"): the certificate chains to the root with role DEVICE, and the device
   * is registered with this key and ACTIVE. Returns the device's attributes (its class).
   *
   * @throws ArtcashException {@link Reason#NOT_GENUINE_DEVICE} or {@link Reason#DEVICE_NOT_ACTIVE}
   */
  public DeviceAttributes requireActive(Certificate deviceCertificate, TrustStore trust,
      Instant now) throws ArtcashException {
    try {
      trust.validate(deviceCertificate, CertRole.DEVICE, now,
          List.of(attestationCertificate));
    } catch (ArtcashException e) {
      throw new ArtcashException(Reason.NOT_GENUINE_DEVICE, "the requesting device's certificate "
          + deviceCertificate.serial().shortHex() + " is not that of a genuine MonEbox: "
          + e.getMessage(), e);
    }
    DeviceAttributes attributes;
    try {
      attributes = DeviceAttributes.decode(deviceCertificate.attributes());
    } catch (ArtcashException e) {
      throw new ArtcashException(Reason.NOT_GENUINE_DEVICE, "the device certificate "
          + deviceCertificate.serial().shortHex() + " carries unreadable device attributes: "
          + e.getMessage(), e);
    }
    DeviceRecord d = registry.find(attributes.deviceId()).orElseThrow(() -> new ArtcashException(
        Reason.NOT_GENUINE_DEVICE, "MonEbox " + attributes.deviceId().hex()
            + " has a certificate but is not in the issuer's device register"));
    if (!Arrays.equals(d.publicKey(), deviceCertificate.publicKey())) {
      throw new ArtcashException(Reason.NOT_GENUINE_DEVICE, "MonEbox "
          + attributes.deviceId().hex() + " presents a key other than the one registered for it");
    }
    if (d.status() != DeviceStatus.ACTIVE) {
      throw new ArtcashException(Reason.DEVICE_NOT_ACTIVE, "MonEbox " + d.deviceId().hex() + " is "
          + d.status() + " since " + d.statusChangedAt() + " (" + d.statusReason()
          + "); its requests are not served. The owner can contact the issuer's service desk.");
    }
    return attributes;
  }

  private byte[] randomSerial() {
    byte[] serial = new byte[16];
    random.nextBytes(serial);
    return serial;
  }
}
