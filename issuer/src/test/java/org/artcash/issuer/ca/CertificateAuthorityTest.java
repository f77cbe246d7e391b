package org.artcash.issuer.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.core.crypto.BlindRsa;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.KeyAlgorithm;
import org.artcash.core.crypto.KeyId;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.CertRole;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.PaymentKeyClass;
import org.artcash.core.pki.RevocationList;
import org.artcash.core.pki.TrustStore;
import org.artcash.issuer.keys.BlindSigner;
import org.artcash.issuer.keys.SoftwareKeyVault;
import org.artcash.issuer.store.IssuerDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration LIST_PERIOD = Duration.ofDays(1);
  private static final PaymentKeyClass EVERYDAY =
      new PaymentKeyClass(1, Amount.of(Currency.of("EUR"), 5_000), 100, 0);

  private final SecureRandom random = new SecureRandom();
  private final SoftwareKeyVault vault = new SoftwareKeyVault(random);
  private final IssuerDatabase db = IssuerDatabase.inMemoryH2("ca-" + UUID.randomUUID());
  private final CertificateAuthority ca = CertificateAuthority.create(vault, db.revocations(),
      Duration.ofDays(7305), Duration.ofDays(3652), LIST_PERIOD, T0, random);

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void create_rootIsSelfSignedAndTheCaChainsToIt() throws ArtcashException {
    TrustStore purse = TrustStore.anchoredAt(ca.root());

    assertEquals(CertRole.ROOT, ca.root().role());
    assertTrue(ca.root().isSelfSigned());
    assertSame(ca.caCertificate(), purse.validate(ca.caCertificate(), CertRole.CA, T0, List.of()));
    assertEquals(ca.root().subjectKeyId(), ca.caCertificate().issuerKeyId());
  }

  @Test
  void certifyPaymentKeyCertifier_carriesTheClassAndValidatesUnderTheRoot()
      throws ArtcashException {
    BlindSigner key = vault.createBlindSigningKey("certifier", 2048);

    Certificate cert = ca.certifyPaymentKeyCertifier(key.publicKey(), EVERYDAY, T0,
        Duration.ofDays(90));

    assertEquals(EVERYDAY, PaymentKeyClass.decode(cert.attributes()));
    assertEquals(key.publicKey(), cert.rsaPublicKey());
    assertEquals(T0.plus(Duration.ofDays(90)), cert.notAfter());
    TrustStore purse = TrustStore.anchoredAt(ca.root());
    purse.validate(cert, CertRole.PAYMENT_KEY_CERTIFIER, T0.plusSeconds(60),
        ca.chainFor(cert));
    assertEquals(List.of(cert, ca.caCertificate()), ca.chainFor(cert));
  }

  @Test
  void certify_windowLongerThanTheCa_isCutAtTheCaEnd() throws ArtcashException {
    EcSigner key = vault.createSigningKey("attestation");

    Certificate cert = ca.certifyDeviceAttestation(key.publicKey(), T0, Duration.ofDays(20_000));

    assertEquals(ca.caCertificate().notAfter(), cert.notAfter());
    assertEquals(CertRole.DEVICE_ATTESTATION, cert.role());
  }

  @Test
  void certifyArtFactory_notAP256Key_isMalformed() {
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> ca.certifyArtFactory(new byte[65], T0, Duration.ofDays(365)));

    assertEquals(Reason.MALFORMED, e.reason());
  }

  @Test
  void revoke_certifierKey_aPurseWithTheNewListNoLongerAcceptsIt() throws ArtcashException {
    BlindSigner key = vault.createBlindSigningKey("certifier", 2048);
    Certificate certifier = ca.certifyPaymentKeyCertifier(key.publicKey(), EVERYDAY, T0,
        Duration.ofDays(90));
    TrustStore purse = TrustStore.anchoredAt(ca.root());
    purse.addAll(List.of(ca.caCertificate()));
    purse.validate(certifier, CertRole.PAYMENT_KEY_CERTIFIER, T0, List.of());

    assertTrue(ca.revoke(certifier.subjectKeyId(), "certification key leaked", T0));
    RevocationList list = ca.revocationList(T0.plusSeconds(1));
    assertTrue(purse.updateRevocationList(list));

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> purse.validate(certifier, CertRole.PAYMENT_KEY_CERTIFIER, T0.plusSeconds(2),
            List.of()));
    assertEquals(Reason.REVOKED, e.reason());
    ArtcashException own = assertThrows(ArtcashException.class,
        () -> ca.trustStore().validate(certifier, CertRole.PAYMENT_KEY_CERTIFIER,
            T0.plusSeconds(2), List.of()));
    assertEquals(Reason.REVOKED, own.reason());
  }

  @Test
  void revoke_sameKeyTwice_isRecordedOnce() {
    Bytes keyId = keyId(vault.createSigningKey("device"));

    assertTrue(ca.revoke(keyId, "tampered MonEbox", T0));
    assertFalse(ca.revoke(keyId, "again", T0.plusSeconds(5)));

    assertEquals(1, db.revocations().list().size());
    assertEquals("tampered MonEbox", db.revocations().list().get(0).reason());
    assertTrue(ca.revocationList(T0.plusSeconds(6)).isRevoked(keyId));
  }

  @Test
  void revocationList_isSignedByTheCaWithNextUpdateOnePeriodLater() {
    RevocationList list = ca.revocationList(T0);

    assertTrue(list.verifySignature(ca.caCertificate().publicKey()));
    assertEquals(T0, list.issuedAt());
    assertEquals(T0.plus(LIST_PERIOD), list.nextUpdate());
    assertTrue(list.revoked().isEmpty());
  }

  @Test
  void revocationList_isReissuedOnlyWhenHalfItsPeriodHasPassedOrAKeyWasRevoked() {
    RevocationList first = ca.revocationList(T0);

    assertSame(first, ca.revocationList(T0.plus(Duration.ofHours(11))));
    RevocationList second = ca.revocationList(T0.plus(Duration.ofHours(12)));
    assertEquals(first.sequence() + 1, second.sequence());

    ca.revoke(keyId(vault.createSigningKey("leaked")), "leaked", T0.plus(Duration.ofHours(13)));
    RevocationList third = ca.revocationList(T0.plus(Duration.ofHours(13)));
    assertNotEquals(second.sequence(), third.sequence());
    assertEquals(1, third.revoked().size());
  }

  @Test
  void certify_startingBeforeTheCa_isAProgrammingError() {
    EcSigner key = vault.createSigningKey("factory");

    assertThrows(IllegalArgumentException.class,
        () -> ca.certifyArtFactory(key.publicKey(), T0.minusSeconds(1), Duration.ofDays(1)));
  }

  @Test
  void revocationList_keysAreTheOnesRevoked() {
    BlindSigner rsa = vault.createBlindSigningKey("certifier", 2048);
    Bytes id = KeyId.of(KeyAlgorithm.RSA_BSSA_SHA384_PSS_RANDOMIZED,
        BlindRsa.encodePublicKey(rsa.publicKey()));

    ca.revoke(id, "retired early", T0);

    assertEquals(Set.of(id), ca.revocationList(T0).revoked());
  }

  private static Bytes keyId(EcSigner key) {
    return KeyId.of(KeyAlgorithm.EC_P256, key.publicKey());
  }
}
