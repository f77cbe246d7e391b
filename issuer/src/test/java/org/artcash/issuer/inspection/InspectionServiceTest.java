package org.artcash.issuer.inspection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.artcash.core.ArtcashException;
import org.artcash.core.art.Art;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentKeyCertificate;
import org.artcash.core.art.PaymentRecord;
import org.artcash.core.crypto.BlindRsa;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.issuer.certification.Certifier;
import org.artcash.issuer.inspection.InspectionService.Report;
import org.artcash.issuer.inspection.InspectionService.Summary;
import org.artcash.issuer.store.Anomaly;
import org.artcash.issuer.testing.PaymentKey;
import org.artcash.issuer.testing.TestDevice;
import org.artcash.issuer.testing.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InspectionServiceTest {
  private final TestIssuer issuer = TestIssuer.onH2();
  private final InspectionService inspection = issuer.system.inspection();
  private TestDevice payee;
  private PaymentKey payer;

  @BeforeEach
  void provision() throws ArtcashException {
    payee = issuer.device(0);
    payer = issuer.paymentKey(issuer.device(0), "everyday");
  }

  @AfterEach
  void close() {
    issuer.close();
  }

  private Instant later(int hours) {
    return issuer.now().plus(Duration.ofHours(hours));
  }

  private static List<String> codes(Report report) {
    return report.anomalies().stream().map(Anomaly::code).toList();
  }

  @Test
  void inspect_validArt_hasNoAnomalies() throws ArtcashException {
    Art art = issuer.paid(issuer.freshArt(payee), payer, 1_000, 2_500, 4_999);

    Report report = inspection.inspect(art, later(48));

    assertTrue(report.clean(), report.anomalies().toString());
    assertEquals(3, report.payments());
    assertEquals(art.config().artId(), report.artId());
  }

  @Test
  void inspect_recordAlteredAfterItWasSigned_reportsABadSignature() throws ArtcashException {
    ArtConfig config = issuer.freshArt(payee);
    PaymentRecord signed = payer.pay(ArtState.fresh(config), 1_000, later(1));
    PaymentRecord.Fields f = signed.fields();
    PaymentRecord altered = PaymentRecord.of(new PaymentRecord.Fields(f.artId(), f.seq(),
        f.amount(), f.aggregate(), f.time().plusSeconds(60), f.prevHash(), f.keyUse(),
        f.keyCertificate()), signed.signature());

    Report report = inspection.inspect(
        new Art(config, List.of(altered), issuer.chainOf(payer)), later(48));

    assertEquals(List.of("BAD_SIGNATURE"), codes(report));
    assertTrue(report.anomalies().get(0).detail().startsWith("payment #1: "),
        report.anomalies().get(0).detail());
  }

  @Test
  void inspect_aggregateThatDoesNotAddUp_reportsABrokenValueStep() throws ArtcashException {
    ArtConfig config = issuer.freshArt(payee);
    PaymentRecord first = payer.pay(ArtState.fresh(config), 1_000, later(1));
    PaymentRecord inflated = PaymentRecord.sign(new PaymentRecord.Fields(config.artId(), 2,
        1_000, 9_000, later(2), first.stateHash(), 2, payer.certificate()), payer.signer());

    Report report = inspection.inspect(
        new Art(config, List.of(first, inflated), issuer.chainOf(payer)), later(48));

    assertEquals(List.of("ART_STATE_INVALID"), codes(report));
    assertTrue(report.anomalies().get(0).detail().startsWith("payment #2: "));
  }

  @Test
  void inspect_paymentKeyWithAForgedCertificate_reportsABadSignature()
      throws ArtcashException {
    ArtConfig config = issuer.freshArt(payee);
    EcSigner forgedKey = TestDevice.softwareKey(issuer.random);
    byte[] junk = new byte[256];
    issuer.random.nextBytes(junk);
    byte[] prefix = new byte[BlindRsa.PREFIX_LENGTH];
    PaymentKey forged = new PaymentKey(forgedKey, PaymentKeyCertificate.of(
        payer.certificate().certifierKeyId(), forgedKey.publicKey(), prefix, junk));

    Report report = inspection.inspect(issuer.paid(config, forged, 700), later(48));

    assertEquals(List.of("BAD_SIGNATURE"), codes(report));
    assertTrue(report.anomalies().get(0).detail().contains("certifier did not sign"));
  }

  @Test
  void inspect_keyUsedMoreOftenThanItsClassAllows_reportsTheKeyLimit() throws ArtcashException {
    ArtConfig config = issuer.freshArt(payee);
    long classMaximum = issuer.certifier("everyday").keyClass().maxPayments();
    PaymentRecord overused = payer.payAsUse(ArtState.fresh(config), 800, later(1),
        classMaximum + 1);

    Report report = inspection.inspect(
        new Art(config, List.of(overused), issuer.chainOf(payer)), later(48));

    assertEquals(List.of("PAYMENT_KEY_LIMIT"), codes(report));
  }

  @Test
  void inspect_sameKeyUseInTwoArts_reportsAClonedKeyOnTheSecond() throws ArtcashException {
    ArtConfig a = issuer.freshArt(payee);
    ArtConfig b = issuer.freshArt(payee);
    PaymentRecord original = payer.payAsUse(ArtState.fresh(a), 1_500, later(1), 7);
    PaymentRecord clone = payer.payAsUse(ArtState.fresh(b), 2_500, later(2), 7);

    Report first = inspection.inspect(new Art(a, List.of(original), issuer.chainOf(payer)),
        later(48));
    Report second = inspection.inspect(new Art(b, List.of(clone), issuer.chainOf(payer)),
        later(48));

    assertTrue(first.clean());
    assertEquals(List.of(InspectionService.KEY_USE_REPEATED), codes(second));
    String detail = second.anomalies().get(0).detail();
    assertTrue(detail.contains(a.artId().hex()), detail);
    assertTrue(detail.contains("cloned payment key"), detail);
  }

  @Test
  void inspect_artConfigurationAltered_reportsTheFactorySignatureBroken()
      throws ArtcashException {
    ArtConfig genuine = issuer.freshArt(payee);
    byte[] encoded = genuine.encode();
    byte[] name = "Test payee".getBytes(StandardCharsets.UTF_8);
    int at = indexOf(encoded, name);
    encoded[at] = 'B'; // "Best payee": someone else's name on the ART
    ArtConfig altered = ArtConfig.decode(encoded);

    Report report = inspection.inspect(new Art(altered, List.of(), issuer.chainOf(payer)),
        later(48));

    assertEquals(List.of("BAD_SIGNATURE"), codes(report));
    assertTrue(report.anomalies().get(0).detail().startsWith("the ART itself: "));
  }

  @Test
  void inspect_severalProblemsInOneArt_reportsEachOfThem() throws ArtcashException {
    ArtConfig config = issuer.freshArt(payee);
    long classMaximum = issuer.certifier("everyday").keyClass().maxPayments();
    List<PaymentRecord> records = new ArrayList<>();
    PaymentRecord ok = payer.pay(ArtState.fresh(config), 1_000, later(1));
    records.add(ok);
    PaymentRecord signed = payer.pay(ArtState.after(config, ok), 2_000, later(2));
    PaymentRecord.Fields f = signed.fields();
    PaymentRecord altered = PaymentRecord.of(new PaymentRecord.Fields(f.artId(), f.seq(),
        f.amount(), f.aggregate(), f.time().plusSeconds(1), f.prevHash(), f.keyUse(),
        f.keyCertificate()), signed.signature());
    records.add(altered);
    records.add(payer.payAsUse(ArtState.after(config, altered), 500, later(3),
        classMaximum + 5));

    Report report = inspection.inspect(new Art(config, records, issuer.chainOf(payer)),
        later(48));

    assertEquals(List.of("BAD_SIGNATURE", "PAYMENT_KEY_LIMIT"), codes(report));
    assertTrue(report.anomalies().get(0).detail().startsWith("payment #2: "));
    assertTrue(report.anomalies().get(1).detail().startsWith("payment #3: "));
    assertEquals(List.of(1, 2), report.anomalies().stream().map(Anomaly::seq).toList());
  }

  @Test
  void inspect_paymentKeyCertifiedOutsideTheLedger_reportsTheCertifierOverissued()
      throws ArtcashException {
    // The everyday certifier has issued exactly one certificate through its ledger (the payer's).
    Art legitimate = issuer.paid(issuer.freshArt(payee), payer, 1_000);
    assertTrue(inspection.inspect(legitimate, later(48)).clean());
    PaymentKey rogue = certifiedBehindTheLedgersBack(issuer.certifier("everyday"));

    Report report = inspection.inspect(issuer.paid(issuer.freshArt(payee), rogue, 2_000),
        later(48));

    assertEquals(List.of(InspectionService.CERTIFIER_OVERISSUED), codes(report));
    assertTrue(report.anomalies().get(0).detail().contains("2 payment keys"),
        report.anomalies().get(0).detail());
  }

  @Test
  void inspect_sameArtTwice_isInspectedOnceAndGivesTheSameReport() throws ArtcashException {
    ArtConfig a = issuer.freshArt(payee);
    Art art = new Art(a, List.of(payer.payAsUse(ArtState.fresh(a), 900, later(1),
        issuer.certifier("everyday").keyClass().maxPayments() + 1)), issuer.chainOf(payer));

    Report first = inspection.inspect(art, later(48));
    Report again = inspection.inspect(art, later(96));

    assertEquals(first, again);
    assertEquals(1, inspection.summary().artsInspected());
    assertEquals(1, inspection.anomalies().size());
  }

  @Test
  void summary_countsArtsPaymentsValueAndAnomalies() throws ArtcashException {
    inspection.inspect(issuer.paid(issuer.freshArt(payee), payer, 1_000, 2_000), later(48));
    ArtConfig c = issuer.freshArt(payee);
    inspection.inspect(new Art(c, List.of(payer.payAsUse(ArtState.fresh(c), 300, later(1),
        500)), issuer.chainOf(payer)), later(48));

    Summary summary = inspection.summary();

    // the payment beyond its key's limit is an anomaly, not a payment counted in the figures
    assertEquals(2, summary.artsInspected());
    assertEquals(2, summary.payments());
    assertEquals(List.of(Amount.of(Currency.of("EUR"), 3_000)), summary.value());
    assertEquals(1, summary.anomalies());
    assertEquals(1, inspection.anomalies().size());
  }

  @Test
  void inspect_forgedRecordWithACopiedKeyCertificate_doesNotMakeTheHonestKeyLookCloned()
      throws ArtcashException {
    ArtConfig a = issuer.freshArt(payee);
    ArtConfig b = issuer.freshArt(payee);
    PaymentRecord forged = issuer.impostorOf(payer).payAsUse(ArtState.fresh(b), 700, later(1), 7);
    PaymentRecord honest = payer.payAsUse(ArtState.fresh(a), 1_500, later(2), 7);

    Report planted = inspection.inspect(new Art(b, List.of(forged), issuer.chainOf(payer)),
        later(48));
    Report real = inspection.inspect(new Art(a, List.of(honest), issuer.chainOf(payer)),
        later(48));

    assertEquals(List.of("BAD_SIGNATURE"), codes(planted));
    assertTrue(real.clean(), real.anomalies().toString());
  }

  @Test
  void inspect_forgedRecordRepeatingAnHonestKeyUse_isOnlyABadSignature_inAnotherArtOrTheSame()
      throws ArtcashException {
    ArtConfig a = issuer.freshArt(payee);
    ArtConfig b = issuer.freshArt(payee);
    PaymentKey impostor = issuer.impostorOf(payer);
    PaymentRecord honest = payer.payAsUse(ArtState.fresh(a), 1_500, later(1), 7);
    PaymentRecord sameArt = impostor.payAsUse(ArtState.after(a, honest), 800, later(2), 7);
    PaymentRecord otherArt = impostor.payAsUse(ArtState.fresh(b), 700, later(3), 7);

    Report first = inspection.inspect(
        new Art(a, List.of(honest, sameArt), issuer.chainOf(payer)), later(48));
    Report second = inspection.inspect(
        new Art(b, List.of(otherArt), issuer.chainOf(payer)), later(48));

    assertEquals(List.of("BAD_SIGNATURE"), codes(first));
    assertTrue(first.anomalies().get(0).detail().startsWith("payment #2: "));
    assertEquals(List.of("BAD_SIGNATURE"), codes(second));
  }

  @Test
  void inspect_twoValidlySignedRecordsWithTheSameKeyUseInOneArt_reportAClonedKey()
      throws ArtcashException {
    ArtConfig a = issuer.freshArt(payee);
    PaymentRecord original = payer.payAsUse(ArtState.fresh(a), 1_500, later(1), 7);
    PaymentRecord clone = payer.payAsUse(ArtState.after(a, original), 2_500, later(2), 7);

    Report report = inspection.inspect(
        new Art(a, List.of(original, clone), issuer.chainOf(payer)), later(48));

    assertEquals(List.of(InspectionService.KEY_USE_REPEATED), codes(report));
    assertTrue(report.anomalies().get(0).detail().startsWith("payment #2: "));
  }

  @Test
  void inspect_longerLogOfAnInspectedArt_inspectsItsNewPayments() throws ArtcashException {
    Art full = issuer.paid(issuer.freshArt(payee), payer, 1_000, 2_000);
    Art first = new Art(full.config(), full.records().subList(0, 1), full.chain());

    Report once = inspection.inspect(first, later(48));
    Report longer = inspection.inspect(full, later(72));
    Report again = inspection.inspect(full, later(96));

    assertEquals(1, once.payments());
    assertEquals(2, longer.payments());
    assertEquals(longer, again);
    assertEquals(later(48), longer.inspectedAt());
    assertEquals(1, inspection.summary().artsInspected());
    assertEquals(List.of(Amount.of(Currency.of("EUR"), 3_000)), inspection.summary().value());
  }

  @Test
  void inspect_twoLogsOfOneArtWithDifferentPaymentsAtOneNumber_reportAFork()
      throws ArtcashException {
    ArtConfig a = issuer.freshArt(payee);
    PaymentKey other = issuer.paymentKey(issuer.device(0), "everyday");
    Art one = issuer.paid(a, payer, 1_000);
    Art another = issuer.paid(a, other, 2_000);

    assertTrue(inspection.inspect(one, later(48)).clean());
    Report forked = inspection.inspect(another, later(48));

    assertEquals(List.of("FORK"), codes(forked));
    assertTrue(forked.anomalies().get(0).detail().startsWith("payment #1: "),
        forked.anomalies().get(0).detail());
  }

  @Test
  void inspect_genuinePaymentSeenFirstBehindAForgedOne_countsWhenItsRealLogArrives()
      throws ArtcashException {
    ArtConfig a = issuer.freshArt(payee);
    Art real = issuer.paid(a, payer, 1_000, 2_000);
    PaymentRecord forged = issuer.impostorOf(payer).payAsUse(ArtState.fresh(a), 900, later(1), 1);
    PaymentRecord genuineSecond = real.records().get(1);

    Report planted = inspection.inspect(
        new Art(a, List.of(forged, genuineSecond), issuer.chainOf(payer)), later(48));
    Report report = inspection.inspect(real, later(48));

    assertEquals(List.of("BAD_SIGNATURE", "ART_STATE_INVALID"), codes(planted));
    assertEquals(2, report.payments());
    assertEquals(List.of(Amount.of(Currency.of("EUR"), 3_000)), inspection.summary().value());
    // the second payment's key use was recorded once its place in the log was verified
    ArtConfig c = issuer.freshArt(payee);
    Report clone = inspection.inspect(new Art(c, List.of(payer.payAsUse(ArtState.fresh(c), 100,
        later(3), genuineSecond.keyUse())), issuer.chainOf(payer)), later(48));
    assertEquals(List.of(InspectionService.KEY_USE_REPEATED), codes(clone));
  }

  /** A rogue use of the certification key: a blind signature that is not in the ledger. */
  private PaymentKey certifiedBehindTheLedgersBack(Certifier certifier) throws ArtcashException {
    SecureRandom random = issuer.random;
    EcSigner key = TestDevice.softwareKey(random);
    byte[] message = PaymentKeyCertificate.messageToSign(certifier.keyId(), key.publicKey());
    BlindRsa.Blinding blinding = BlindRsa.blind(certifier.key().publicKey(), message, random);
    byte[] signature = BlindRsa.finalizeSignature(certifier.key().publicKey(), message, blinding,
        certifier.key().blindSign(blinding.blindedMessage()));
    return new PaymentKey(key, PaymentKeyCertificate.of(certifier.keyId(), key.publicKey(),
        blinding.prefix(), signature));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new IllegalArgumentException("not found");
  }
}
