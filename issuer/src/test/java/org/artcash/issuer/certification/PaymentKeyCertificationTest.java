package org.artcash.issuer.certification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.credential.CertificationRequest;
import org.artcash.core.credential.CertificationResponse;
import org.artcash.core.credential.CredentialService.CertifierOffer;
import org.artcash.core.pki.Certificate;
import org.artcash.issuer.testing.PaymentKey;
import org.artcash.issuer.testing.TestDevice;
import org.artcash.issuer.testing.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PaymentKeyCertificationTest {
  private final TestIssuer issuer = TestIssuer.onH2();
  private final PaymentKeyCertification certification = issuer.system.certification();

  @AfterEach
  void close() {
    issuer.close();
  }

  private Certificate everyday() {
    return issuer.certifier("everyday").certificate();
  }

  private ArtcashException refused(CertificationRequest request) {
    return assertThrows(ArtcashException.class,
        () -> certification.certify(request, issuer.now()));
  }

  @Test
  void certify_genuineActiveDevice_getsABlindSignatureThatUnblindsToAValidCertificate()
      throws ArtcashException {
    TestDevice device = issuer.device(0);
    CertificationRequest request = device.certificationRequest(everyday(), issuer.now());

    CertificationResponse response = certification.certify(request, issuer.now());
    PaymentKey key = device.install(response);

    assertEquals(request.requestHash(), response.requestHash());
    assertEquals(everyday().subjectKeyId(), response.certifierKeyId());
    assertTrue(key.certificate().verify(everyday().rsaPublicKey()));
    assertEquals(1, issuer.db.certifications().used(device.deviceId(),
        everyday().subjectKeyId(), certification.periodStart(issuer.now())));
  }

  @Test
  void certify_retriedRequest_getsTheSameAnswerAndUsesNoMoreQuota() throws ArtcashException {
    TestDevice device = issuer.device(0);
    CertificationRequest request = device.certificationRequest(everyday(), issuer.now());

    CertificationResponse first = certification.certify(request, issuer.now());
    issuer.clock.advance(Duration.ofMinutes(5));
    CertificationResponse retry = certification.certify(
        CertificationRequest.decode(request.encode()), issuer.now());

    assertArrayEquals(first.blindSignature(), retry.blindSignature());
    assertEquals(1, issuer.db.certifications().used(device.deviceId(),
        everyday().subjectKeyId(), certification.periodStart(issuer.now())));
  }

  @Test
  void certify_requestSealedWithAnotherKey_isBadSignature() throws ArtcashException {
    TestDevice device = issuer.device(0);

    ArtcashException e = refused(device.certificationRequest(everyday(), issuer.now(),
        TestDevice.softwareKey(issuer.random)));

    assertEquals(Reason.BAD_SIGNATURE, e.reason());
  }

  @Test
  void certify_deviceUnknownToTheIssuer_isNotGenuine() throws ArtcashException {
    TestDevice counterfeit = TestDevice.counterfeit(2, issuer.now(), issuer.random);

    ArtcashException e = refused(counterfeit.certificationRequest(everyday(), issuer.now()));

    assertEquals(Reason.NOT_GENUINE_DEVICE, e.reason());
  }

  @Test
  void certify_suspendedDevice_isNotActive() throws ArtcashException {
    TestDevice device = issuer.device(0);
    issuer.system.monEboxManagement().suspend(device.deviceId(), "reported stolen",
        issuer.now());

    ArtcashException e = refused(device.certificationRequest(everyday(), issuer.now()));

    assertEquals(Reason.DEVICE_NOT_ACTIVE, e.reason());
  }

  @Test
  void certify_deviceClassBelowTheKeyClass_isWrongDeviceClass() throws ArtcashException {
    TestDevice basic = issuer.device(0);
    Certificate large = issuer.certifier("large").certificate();

    ArtcashException e = refused(basic.certificationRequest(large, issuer.now()));

    assertEquals(Reason.WRONG_DEVICE_CLASS, e.reason());
    assertTrue(e.getMessage().contains("class 1"), e.getMessage());
    assertEquals(0, issuer.db.certifications().used(basic.deviceId(), large.subjectKeyId(),
        certification.periodStart(issuer.now())));
  }

  @Test
  void certify_strongEnoughDevice_getsTheHigherClass() throws ArtcashException {
    TestDevice strong = issuer.device(2);
    Certificate wholesale = issuer.certifier("wholesale").certificate();

    PaymentKey key = strong.install(certification.certify(
        strong.certificationRequest(wholesale, issuer.now()), issuer.now()));

    assertTrue(key.certificate().verify(wholesale.rsaPublicKey()));
  }

  @Test
  void certify_deviceOverQuota_isRateLimited_untilTheNextPeriod() throws ArtcashException {
    TestDevice device = issuer.device(0);
    int quota = issuer.certifier("everyday").maxPerDevicePerPeriod();
    for (int i = 0; i < quota; i++) {
      certification.certify(device.certificationRequest(everyday(), issuer.now()), issuer.now());
    }

    ArtcashException e = refused(device.certificationRequest(everyday(), issuer.now()));
    assertEquals(Reason.RATE_LIMITED, e.reason());
    assertTrue(e.getMessage().contains(certification.periodEnd(issuer.now()).toString()),
        e.getMessage());

    issuer.clock.set(certification.periodEnd(issuer.now()));
    CertificationRequest next = device.certificationRequest(everyday(), issuer.now());
    assertTrue(device.install(certification.certify(next, issuer.now())).certificate()
        .verify(everyday().rsaPublicKey()));
  }

  @Test
  void certify_quotaIsPerDevice_soAnotherDeviceIsServed() throws ArtcashException {
    TestDevice busy = issuer.device(0);
    TestDevice other = issuer.device(0);
    for (int i = 0; i < issuer.certifier("everyday").maxPerDevicePerPeriod(); i++) {
      certification.certify(busy.certificationRequest(everyday(), issuer.now()), issuer.now());
    }

    CertificationRequest request = other.certificationRequest(everyday(), issuer.now());

    assertEquals(request.requestHash(),
        certification.certify(request, issuer.now()).requestHash());
  }

  @Test
  void certify_certifierKeyNotKnownHere_isUnknownIssuer() throws ArtcashException {
    TestDevice device = issuer.device(0);
    try (TestIssuer other = TestIssuer.onH2()) {
      Certificate foreign = other.certifier("everyday").certificate();

      ArtcashException e = refused(device.certificationRequest(foreign, issuer.now()));

      assertEquals(Reason.UNKNOWN_ISSUER, e.reason());
    }
  }

  @Test
  void certify_revokedCertifier_isRevokedAndNoLongerOffered() throws ArtcashException {
    TestDevice device = issuer.device(0);
    issuer.system.certificateAuthority().revoke(everyday().subjectKeyId(),
        "certification key compromised", issuer.now());

    ArtcashException e = refused(device.certificationRequest(everyday(), issuer.now()));

    assertEquals(Reason.REVOKED, e.reason());
    assertFalse(certification.offers(issuer.now()).stream()
        .anyMatch(o -> o.certificate().equals(everyday())));
  }

  @Test
  void certify_expiredCertifier_isExpired() throws ArtcashException {
    TestDevice device = issuer.device(0);
    issuer.clock.set(everyday().notAfter().plusSeconds(1));

    ArtcashException e = refused(device.certificationRequest(everyday(), issuer.now()));

    assertEquals(Reason.EXPIRED, e.reason());
    assertTrue(certification.offers(issuer.now()).isEmpty());
  }

  @Test
  void certify_blindedMessageOfTheWrongSize_isMalformedAndUsesNoQuota()
      throws ArtcashException {
    TestDevice device = issuer.device(0);
    CertificationRequest wrongSize = CertificationRequest.seal(device.certificate(),
        everyday().subjectKeyId(), new byte[300], issuer.now(),
        TestDevice.randomBytes(issuer.random), device.key());

    ArtcashException e = refused(wrongSize);

    assertEquals(Reason.MALFORMED, e.reason());
    assertEquals(0, issuer.db.certifications().used(device.deviceId(),
        everyday().subjectKeyId(), certification.periodStart(issuer.now())));
  }

  @Test
  void offers_listEveryValidClassWithTheCaCertificateAsChain() {
    List<CertifierOffer> offers = certification.offers(issuer.now());

    assertEquals(3, offers.size());
    for (CertifierOffer offer : offers) {
      assertEquals(List.of(issuer.system.caCertificate()), offer.chain());
    }
  }

  @Test
  void periodStart_isAlignedToTheEpochInWholePeriods() {
    Instant now = Instant.parse("2026-01-03T10:15:00Z");
    long period = issuer.system.config().certificationQuotaPeriod().getSeconds();

    Instant start = certification.periodStart(now);

    assertEquals(0, start.getEpochSecond() % period);
    assertTrue(!start.isAfter(now) && certification.periodEnd(now).isAfter(now));
  }
}
