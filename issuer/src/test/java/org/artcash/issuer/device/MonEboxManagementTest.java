package org.artcash.issuer.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.pki.CertRole;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.DeviceAttributes;
import org.artcash.issuer.store.DeviceRecord;
import org.artcash.issuer.store.DeviceStatus;
import org.artcash.issuer.store.IssuerDatabase;
import org.artcash.issuer.testing.TestDevice;
import org.artcash.issuer.testing.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MonEboxManagementTest {
  private final TestIssuer issuer = TestIssuer.onH2();
  private final MonEboxManagement devices = issuer.system.monEboxManagement();

  @AfterEach
  void close() {
    issuer.close();
  }

  @Test
  void certifyDevice_registersItActiveAndCertifiesItsKeyWithItsAttributes()
      throws ArtcashException {
    EcSigner key = TestDevice.softwareKey(issuer.random);

    Certificate cert = devices.certifyDevice(key.publicKey(), 1, false, issuer.now());

    DeviceAttributes attributes = DeviceAttributes.decode(cert.attributes());
    assertEquals(1, attributes.deviceClass());
    assertFalse(attributes.issuerDevice());
    assertArrayEquals(key.publicKey(), cert.publicKey());
    assertEquals(CertRole.DEVICE, cert.role());
    DeviceRecord record = devices.record(attributes.deviceId());
    assertEquals(DeviceStatus.ACTIVE, record.status());
    assertEquals(1, record.deviceClass());
    assertArrayEquals(key.publicKey(), record.publicKey());
    issuer.system.trustStore().validate(cert, CertRole.DEVICE, issuer.now(),
        List.of(devices.attestationCertificate()));
  }

  @Test
  void certifyDevice_twoDevices_getDifferentRandomIds() throws ArtcashException {
    Certificate a = devices.certifyDevice(TestDevice.softwareKey(issuer.random).publicKey(), 0,
        false, issuer.now());
    Certificate b = devices.certifyDevice(TestDevice.softwareKey(issuer.random).publicKey(), 0,
        true, issuer.now());

    assertNotEquals(DeviceAttributes.decode(a.attributes()).deviceId(),
        DeviceAttributes.decode(b.attributes()).deviceId());
    assertTrue(DeviceAttributes.decode(b.attributes()).issuerDevice());
  }

  @Test
  void certifyDevice_keyNotOnTheCurve_isMalformedAndNothingIsRegistered() {
    byte[] notAPoint = new byte[65];
    notAPoint[0] = 0x04;

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> devices.certifyDevice(notAPoint, 0, false, issuer.now()));

    assertEquals(Reason.MALFORMED, e.reason());
    assertTrue(issuer.db.devices().list().isEmpty());
  }

  @Test
  void certifyDevice_afterTheAttestationKeyExpired_isExpiredAndNothingIsRegistered() {
    issuer.clock.set(devices.attestationCertificate().notAfter());

    ArtcashException e = assertThrows(ArtcashException.class, () -> devices.certifyDevice(
        TestDevice.softwareKey(issuer.random).publicKey(), 0, false, issuer.now()));

    assertEquals(Reason.EXPIRED, e.reason());
    assertTrue(issuer.db.devices().list().isEmpty());
  }

  @Test
  void requireActive_genuineActiveDevice_returnsItsAttributes() throws ArtcashException {
    TestDevice device = issuer.device(2);

    DeviceAttributes attributes = devices.requireActive(device.certificate(),
        issuer.system.trustStore(), issuer.now());

    assertEquals(device.deviceId(), attributes.deviceId());
    assertEquals(2, attributes.deviceClass());
  }

  @Test
  void requireActive_certificateNotFromThisIssuer_isNotGenuine() {
    TestDevice counterfeit = TestDevice.counterfeit(2, issuer.now(), issuer.random);

    ArtcashException e = assertThrows(ArtcashException.class, () -> devices.requireActive(
        counterfeit.certificate(), issuer.system.trustStore(), issuer.now()));

    assertEquals(Reason.NOT_GENUINE_DEVICE, e.reason());
    assertTrue(e.getMessage().contains("not that of a genuine MonEbox"), e.getMessage());
  }

  @Test
  void requireActive_validCertificateOfADeviceNotInTheRegister_isNotGenuine()
      throws ArtcashException {
    // A second attestation key, certified by this issuer's CA, registering into another database:
    // its devices chain to the right root but are unknown to this register.
    EcSigner otherKey = TestDevice.softwareKey(issuer.random);
    Certificate otherAttestation = issuer.system.certificateAuthority()
        .certifyDeviceAttestation(otherKey.publicKey(), issuer.now(), Duration.ofDays(365));
    try (IssuerDatabase other = IssuerDatabase.inMemoryH2("other-" + UUID.randomUUID())) {
      MonEboxManagement elsewhere = new MonEboxManagement(otherKey, otherAttestation,
          other.devices(), Duration.ofDays(365), issuer.random);
      Certificate cert = elsewhere.certifyDevice(
          TestDevice.softwareKey(issuer.random).publicKey(), 0, false, issuer.now());

      ArtcashException e = assertThrows(ArtcashException.class, () -> devices.requireActive(
          cert, issuer.system.trustStore(), issuer.now()));

      assertEquals(Reason.NOT_GENUINE_DEVICE, e.reason());
      assertTrue(e.getMessage().contains("not in the issuer's device register"), e.getMessage());
    }
  }

  @Test
  void requireActive_suspendedDevice_isNotActive_untilReinstated() throws ArtcashException {
    TestDevice device = issuer.device(0);
    devices.suspend(device.deviceId(), "reported lost by its owner", issuer.now());

    ArtcashException e = assertThrows(ArtcashException.class, () -> devices.requireActive(
        device.certificate(), issuer.system.trustStore(), issuer.now()));
    assertEquals(Reason.DEVICE_NOT_ACTIVE, e.reason());
    assertTrue(e.getMessage().contains("SUSPENDED"), e.getMessage());
    assertTrue(e.getMessage().contains("reported lost by its owner"), e.getMessage());

    devices.reinstate(device.deviceId(), "found again", issuer.now());
    assertEquals(device.deviceId(), devices.requireActive(device.certificate(),
        issuer.system.trustStore(), issuer.now()).deviceId());
  }

  @Test
  void requireActive_disabledDevice_isNotActive_andCannotBeReinstated()
      throws ArtcashException {
    TestDevice device = issuer.device(0);
    devices.disable(device.deviceId(), "tamper evidence at inspection", issuer.now());

    ArtcashException e = assertThrows(ArtcashException.class, () -> devices.requireActive(
        device.certificate(), issuer.system.trustStore(), issuer.now()));
    assertEquals(Reason.DEVICE_NOT_ACTIVE, e.reason());

    ArtcashException reinstate = assertThrows(ArtcashException.class,
        () -> devices.reinstate(device.deviceId(), "mistake?", issuer.now()));
    assertEquals(Reason.WRONG_STATE, reinstate.reason());
  }

  @Test
  void requireActive_revokedDeviceKey_isNotGenuine() throws ArtcashException {
    TestDevice device = issuer.device(0);
    issuer.system.certificateAuthority().revoke(device.certificate().subjectKeyId(),
        "device key extracted", issuer.now());

    ArtcashException e = assertThrows(ArtcashException.class, () -> devices.requireActive(
        device.certificate(), issuer.system.trustStore(), issuer.now()));

    assertEquals(Reason.NOT_GENUINE_DEVICE, e.reason());
    assertTrue(e.getMessage().contains("revoked"), e.getMessage());
  }

  @Test
  void record_unknownDevice_isNotFound() {
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> devices.record(TestDevice.randomBytes(issuer.random)));

    assertEquals(Reason.NOT_FOUND, e.reason());
  }
}
