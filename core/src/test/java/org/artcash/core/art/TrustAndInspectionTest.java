package org.artcash.core.art;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.core.credential.ArtGrant;
import org.artcash.core.credential.ArtRequest;
import org.artcash.core.credential.CertificationRequest;
import org.artcash.core.credential.CertificationResponse;
import org.artcash.core.crypto.KeyAlgorithm;
import org.artcash.core.issuance.IssuanceOrder;
import org.artcash.core.money.Amount;
import org.artcash.core.pki.CertRole;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.DeviceAttributes;
import org.artcash.core.pki.RevocationList;
import org.artcash.core.pki.TrustStore;
import org.junit.jupiter.api.Test;

class TrustAndInspectionTest {
  private final CoreFixture fx = CoreFixture.shared();
  private static final Instant NOW = CoreFixture.T0.plus(Duration.ofHours(2));

  @Test
  void chain_fromCertifierToRoot_validates_andIsCached() throws Exception {
    TrustStore t = fx.trust();
    assertEquals(fx.certifierCert,
        t.validate(fx.certifierCert, CertRole.PAYMENT_KEY_CERTIFIER, NOW, List.of()));
    assertEquals(fx.certifierCert,
        t.validateKey(fx.certifierCert.subjectKeyId(), CertRole.PAYMENT_KEY_CERTIFIER, NOW));
  }

  @Test
  void chain_checkedOutsideItsValidity_isExpiredOrNotYetValid() {
    TrustStore t = fx.trust();
    assertEquals(Reason.EXPIRED, assertThrows(ArtcashException.class, () -> t.validate(
        fx.certifierCert, CertRole.PAYMENT_KEY_CERTIFIER, NOW.plus(Duration.ofDays(91)),
        List.of())).reason());
    assertEquals(Reason.NOT_YET_VALID, assertThrows(ArtcashException.class, () -> t.validate(
        fx.certifierCert, CertRole.PAYMENT_KEY_CERTIFIER, NOW.minus(Duration.ofDays(5)),
        List.of())).reason());
  }

  @Test
  void certificate_presentedForAnotherRole_isRefused() {
    assertEquals(Reason.WRONG_ROLE, assertThrows(ArtcashException.class, () -> fx.trust()
        .validate(fx.factoryCert, CertRole.PAYMENT_KEY_CERTIFIER, NOW, List.of())).reason());
  }

  @Test
  void certificate_signedByTheWrongKindOfKey_breaksTheChain() {
    // a factory key pretending to be a CA: signs a certifier certificate
    Certificate rogue = Certificate.issue(fx.factory, CoreFixture.serial(),
        CertRole.PAYMENT_KEY_CERTIFIER, fx.certifierCert.keyAlgorithm(),
        fx.certifierCert.publicKey(), fx.certifierCert.attributes(), CoreFixture.T0,
        CoreFixture.T0.plus(Duration.ofDays(10)));
    TrustStore t = fx.trust();
    t.addAll(List.of(fx.factoryCert));
    assertEquals(Reason.CHAIN_INVALID, assertThrows(ArtcashException.class,
        () -> t.validate(rogue, CertRole.PAYMENT_KEY_CERTIFIER, NOW, List.of())).reason());
  }

  @Test
  void certificate_fromAnotherSystemsRoot_isUnknown() {
    CoreFixture other = new CoreFixture();
    assertEquals(Reason.UNKNOWN_ISSUER, assertThrows(ArtcashException.class, () -> fx.trust()
        .validate(other.certifierCert, CertRole.PAYMENT_KEY_CERTIFIER, NOW,
            List.of(other.caCert))).reason());
  }

  @Test
  void revocationList_revokesTheCertifier_andAnOlderListCannotUndoIt() throws Exception {
    TrustStore t = fx.trust();
    TransferToken token = fx.pay(ArtState.fresh(fx.art("Shop", 5, 5000, 9000)), 100);
    ArtRules.accept(ArtState.fresh(token.config()), token, Optional.empty(), t); // cached now
    RevocationList empty = RevocationList.issue(fx.ca, 1, NOW, NOW.plus(Duration.ofDays(1)), Set.of());
    RevocationList revoking = RevocationList.issue(fx.ca, 2, NOW, NOW.plus(Duration.ofDays(1)),
        Set.of(fx.certifierCert.subjectKeyId()));
    assertTrue(t.updateRevocationList(RevocationList.decode(revoking.encode())));
    assertFalse(t.updateRevocationList(empty));
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> ArtRules.accept(ArtState.fresh(token.config()), token, Optional.empty(), t));
    assertEquals(Reason.REVOKED, e.reason());
  }

  @Test
  void revocationList_notSignedByTheCa_isRefused() {
    RevocationList forged = RevocationList.issue(fx.factory, 9, NOW, NOW.plusSeconds(60), Set.of());
    assertEquals(Reason.UNKNOWN_ISSUER, assertThrows(ArtcashException.class,
        () -> fx.trust().updateRevocationList(forged)).reason());
  }

  @Test
  void revokedPaymentKey_isRefused() throws Exception {
    TrustStore t = fx.trust();
    CoreFixture.Payer p = fx.newPayer();
    ArtConfig art = fx.art("Shop", 5, 5000, 9000);
    TransferToken token = fx.pay(ArtState.fresh(art), 100, NOW, p, 1);
    t.updateRevocationList(RevocationList.issue(fx.ca, 5, NOW, NOW.plusSeconds(600),
        Set.of(p.certificate().paymentKeyId())));
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> ArtRules.accept(ArtState.fresh(art), token, Optional.empty(), t));
    assertEquals(Reason.REVOKED, e.reason());
    assertTrue(e.getMessage().contains("payment key"));
  }

  @Test
  void offeredCertificate_thatFailsValidation_doesNotShadowTheGenuineOneLater() throws Exception {
    TrustStore t = fx.trust();
    byte[] junk = fx.certifierCert.encode();
    junk[junk.length - 2] ^= 0x01; // same key, broken CA signature
    Certificate broken = Certificate.decode(junk);
    ArtConfig art = fx.art("Shop", 5, 5000, 9000);
    TransferToken genuine = fx.pay(ArtState.fresh(art), 100);
    TransferToken withJunk = new TransferToken(art, genuine.record(), List.of(broken, fx.caCert));
    assertEquals(Reason.BAD_SIGNATURE, assertThrows(ArtcashException.class,
        () -> ArtRules.accept(ArtState.fresh(art), withJunk, Optional.empty(), t)).reason());
    assertEquals(1, ArtRules.accept(ArtState.fresh(art), genuine, Optional.empty(), t).seq());
  }

  @Test
  void stateWhoseLastPaymentIsDatedOutsideTheArt_isRefusedByThePayer() {
    ArtConfig art = fx.art("Shop", 5, 5000, 9000);
    TransferToken late = fx.pay(ArtState.fresh(art), 100, art.notAfter().plusSeconds(1),
        fx.payer, 1);
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> ArtRules.verifyState(late.state(), fx.trust(),
            List.of(fx.factoryCert, fx.caCert, fx.certifierCert)));
    assertEquals(Reason.ART_STATE_INVALID, e.reason());
    assertTrue(e.getMessage().contains("outside the ART's validity"));
  }

  @Test
  void root_thatIsNotSelfSigned_cannotAnchorTrust() {
    assertEquals(Reason.WRONG_ROLE, assertThrows(ArtcashException.class,
        () -> TrustStore.anchoredAt(fx.caCert)).reason());
  }

  @Test
  void art_signedByAnUncertifiedFactory_isRefused() {
    ArtConfig forged = ArtConfig.sign(new ArtConfig.Terms(CoreFixture.random16(),
        CoreFixture.random16(), ArtKind.PAYMENT, CoreFixture.EUR, CoreFixture.T0,
        CoreFixture.T0.plusSeconds(3600), CoreFixture.T0.plusSeconds(7200), 3, 100, 300, "x", ""),
        CoreFixture.signer());
    assertEquals(Reason.UNKNOWN_ISSUER, assertThrows(ArtcashException.class,
        () -> ArtRules.verifyConfig(forged, fx.trust(), fx.factoryChain())).reason());
  }

  private Art log(ArtConfig art, long... amounts) {
    List<PaymentRecord> records = new ArrayList<>();
    ArtState s = ArtState.fresh(art);
    for (long a : amounts) {
      TransferToken t = fx.pay(s, a, NOW, fx.newPayer(), 1);
      records.add(t.record());
      s = t.state();
    }
    List<Certificate> chain = new ArrayList<>(fx.factoryChain());
    chain.add(fx.certifierCert);
    return new Art(art, records, chain);
  }

  @Test
  void inspection_ofAnHonestLog_findsNothing() throws Exception {
    Art art = log(fx.art("Market stall", 5, 5000, 20000), 100, 250, 4000);
    Art decoded = Art.decode(art.encode());
    assertEquals(List.of(), Inspection.inspect(decoded, fx.trust()));
    assertEquals(3, Inspection.keyUses(decoded).size());
    assertEquals(4350, decoded.latest().aggregate());
  }

  @Test
  void inspection_reportsEachAnomaly_paymentByPayment() {
    ArtConfig config = fx.art("Market stall", 5, 5000, 20000);
    Art honest = log(config, 100, 250, 4000);
    List<PaymentRecord> records = new ArrayList<>(honest.records());
    PaymentRecord second = records.get(1);
    PaymentRecord.Fields f = second.fields();
    // a forged value step in payment 2 (signature no longer matches, aggregate wrong)
    records.set(1, PaymentRecord.of(new PaymentRecord.Fields(f.artId(), f.seq(), f.amount(),
        f.aggregate() + 1000, f.time(), f.prevHash(), f.keyUse(), f.keyCertificate()),
        second.signature()));
    List<Inspection.Finding> findings =
        Inspection.inspect(new Art(config, records, honest.chain()), fx.trust());
    assertTrue(findings.stream().anyMatch(x -> x.seq() == 2 && x.code().equals("ART_STATE_INVALID")),
        findings.toString());
    assertTrue(findings.stream().anyMatch(x -> x.seq() == 2 && x.code().equals("BAD_SIGNATURE")),
        findings.toString());
    assertTrue(findings.stream().anyMatch(x -> x.seq() == 3 && x.code().equals("ART_STATE_INVALID")),
        findings.toString());
    assertTrue(findings.stream().noneMatch(x -> x.seq() == 1), findings.toString());
  }

  @Test
  void inspection_flagsAPaymentKeyUseCountSeenTwice() {
    ArtConfig config = fx.art("Market stall", 5, 5000, 20000);
    CoreFixture.Payer p = fx.newPayer();
    ArtState s = ArtState.fresh(config);
    TransferToken t1 = fx.pay(s, 100, NOW, p, 1);
    TransferToken t2 = fx.pay(t1.state(), 100, NOW, p, 1); // a cloned key restarts its counter
    List<Inspection.Finding> findings = Inspection.inspect(
        new Art(config, List.of(t1.record(), t2.record()), fx.certifierChain()), fx.trust());
    assertTrue(findings.stream().anyMatch(x -> x.code().equals("KEY_USE_REPEATED")),
        findings.toString());
  }

  @Test
  void everySignedObject_decodesToTheSameBytes() throws Exception {
    ArtConfig art = fx.art("Caf\u00e9 \u00e0 la gare", 5, 5000, 20000);
    TransferToken token = fx.pay(ArtState.fresh(art), 4200);
    PaymentRequest req = new PaymentRequest(ArtState.fresh(art), java.util.OptionalLong.of(4200),
        fx.factoryChain());
    PaymentRequest req2 = new PaymentRequest(token.state(), java.util.OptionalLong.empty(),
        List.of());
    Certificate device = Certificate.issue(fx.ca, CoreFixture.serial(), CertRole.DEVICE,
        KeyAlgorithm.EC_P256, fx.factory.publicKey(),
        new DeviceAttributes(CoreFixture.random16(), 1, false).encode(), NOW, NOW.plusSeconds(99));
    CertificationRequest cr = CertificationRequest.seal(device, fx.certifierCert.subjectKeyId(),
        new byte[256], NOW, CoreFixture.random16(), fx.factory);
    ArtRequest ar = ArtRequest.seal(device, CoreFixture.random16(),
        new ArtRequest.Wish(ArtKind.PAYMENT, 3, 10, 100, 1000), NOW, CoreFixture.random16(),
        fx.factory);
    IssuanceOrder order = IssuanceOrder.draft(CoreFixture.random16(), 1, IssuanceOrder.Kind.ISSUE,
        Amount.of(CoreFixture.EUR, 1_000_000), NOW).signedBy(0, fx.root).signedBy(2, fx.ca);
    List<byte[]> encodings = List.of(art.encode(), token.encode(), token.record().encode(),
        req.encode(), req2.encode(), fx.certifierCert.encode(), cr.encode(), ar.encode(),
        order.encode(), new ArtGrant(List.of(art), fx.factoryChain()).encode(),
        new CertificationResponse(Bytes.copyOf(new byte[32]), fx.certifierCert.subjectKeyId(),
            new byte[256]).encode(),
        RevocationList.issue(fx.ca, 3, NOW, NOW.plusSeconds(60),
            Set.of(CoreFixture.random16(), CoreFixture.random16())).encode(),
        log(art, 100, 200).encode());
    assertArrayEquals(encodings.get(0), ArtConfig.decode(encodings.get(0)).encode());
    assertArrayEquals(encodings.get(1), TransferToken.decode(encodings.get(1)).encode());
    assertArrayEquals(encodings.get(2), PaymentRecord.decode(encodings.get(2)).encode());
    assertArrayEquals(encodings.get(3), PaymentRequest.decode(encodings.get(3)).encode());
    assertArrayEquals(encodings.get(4), PaymentRequest.decode(encodings.get(4)).encode());
    assertArrayEquals(encodings.get(5), Certificate.decode(encodings.get(5)).encode());
    assertArrayEquals(encodings.get(6), CertificationRequest.decode(encodings.get(6)).encode());
    assertArrayEquals(encodings.get(7), ArtRequest.decode(encodings.get(7)).encode());
    assertArrayEquals(encodings.get(8), IssuanceOrder.decode(encodings.get(8)).encode());
    assertArrayEquals(encodings.get(9), ArtGrant.decode(encodings.get(9)).encode());
    assertArrayEquals(encodings.get(10), CertificationResponse.decode(encodings.get(10)).encode());
    assertArrayEquals(encodings.get(11), RevocationList.decode(encodings.get(11)).encode());
    assertArrayEquals(encodings.get(12), Art.decode(encodings.get(12)).encode());
    assertEquals(2, IssuanceOrder.decode(encodings.get(8)).validSignatures(
        List.of(fx.root.publicKey(), fx.factory.publicKey(), fx.ca.publicKey())));
    assertTrue(cr.verifySeal());
    assertTrue(ar.verifySeal());
  }

  @Test
  void everyDecoder_rejectsTruncationAndTrailingBytes() throws Exception {
    ArtConfig art = fx.art("Shop", 5, 5000, 20000);
    TransferToken token = fx.pay(ArtState.fresh(art), 4200);
    List<Decode> decoders = List.of(ArtConfig::decode, TransferToken::decode,
        PaymentRecord::decode, Certificate::decode, PaymentRequest::decode);
    List<byte[]> inputs = List.of(art.encode(), token.encode(), token.record().encode(),
        fx.caCert.encode(), new PaymentRequest(token.state(), java.util.OptionalLong.of(5),
            fx.factoryChain()).encode());
    for (int i = 0; i < decoders.size(); i++) {
      byte[] in = inputs.get(i);
      Decode d = decoders.get(i);
      assertEquals(Reason.TRUNCATED, assertThrows(ArtcashException.class,
          () -> d.decode(java.util.Arrays.copyOf(in, in.length - 1))).reason());
      assertEquals(Reason.TRAILING_BYTES, assertThrows(ArtcashException.class,
          () -> d.decode(java.util.Arrays.copyOf(in, in.length + 1))).reason());
      byte[] v2 = in.clone();
      v2[1] = 2;
      assertEquals(Reason.UNSUPPORTED_VERSION, assertThrows(ArtcashException.class,
          () -> d.decode(v2)).reason());
      byte[] other = in.clone();
      other[0] = 0x7F;
      assertEquals(Reason.WRONG_TYPE, assertThrows(ArtcashException.class,
          () -> d.decode(other)).reason());
    }
  }

  @FunctionalInterface
  private interface Decode {
    Object decode(byte[] b) throws ArtcashException;
  }
}
