package org.artcash.issuer.factory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.Art;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtKind;
import org.artcash.core.art.ArtRules;
import org.artcash.core.art.PaymentRecord;
import org.artcash.core.credential.ArtGrant;
import org.artcash.core.credential.ArtRequest;
import org.artcash.core.credential.ArtRequest.Wish;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.TrustStore;
import org.artcash.issuer.IssuerConfig;
import org.artcash.issuer.inspection.InspectionService;
import org.artcash.issuer.pseudonym.IdentityDetails;
import org.artcash.issuer.store.Anomaly;
import org.artcash.issuer.store.IssuedArt;
import org.artcash.issuer.testing.PaymentKey;
import org.artcash.issuer.testing.TestDevice;
import org.artcash.issuer.testing.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ArtFactoryTest {
  private static final Currency EUR = Currency.of("EUR");
  private static final Duration DAY = Duration.ofDays(1);
  private static final IdentityDetails BAKER = new IdentityDetails("Anna Jansen",
      LocalDate.of(1980, 5, 17), "NL", "Oudegracht 1, Utrecht", "NL passport NX1234567");
  /** Small limits so that the tests can reach them. */
  private static final ArtPolicy POLICY = new ArtPolicy(EUR,
      Map.of(ArtKind.PAYMENT, new ArtPolicy.Limits(500, Amount.of(EUR, 100_000),
          Amount.of(EUR, 1_000_000), Duration.ofDays(30), Duration.ofDays(10))),
      Map.of(ArtKind.PAYMENT, new ArtPolicy.Limits(50, Amount.of(EUR, 10_000),
          Amount.of(EUR, 50_000), Duration.ofDays(30), Duration.ofDays(10))),
      4);

  private final TestIssuer issuer = TestIssuer.onH2(IssuerConfig.defaults().withArtPolicy(POLICY));
  private final ArtFactory factory = issuer.system.artFactory();

  @AfterEach
  void close() {
    issuer.close();
  }

  private TestDevice identifiedBaker() throws ArtcashException {
    return TestDevice.provision(issuer.system, 1, Optional.of(BAKER), "Bakery Jansen, Utrecht",
        issuer.random);
  }

  private ArtcashException refused(ArtRequest request) {
    return assertThrows(ArtcashException.class, () -> factory.issue(request, issuer.now()));
  }

  private static Wish payment(int count) {
    return new Wish(ArtKind.PAYMENT, count, 100, 5_000, 200_000);
  }

  @Test
  void issue_validRequest_grantsZeroValueArtsSignedForThePseudonym() throws ArtcashException {
    TestDevice baker = identifiedBaker();

    ArtGrant grant = factory.issue(baker.artRequest(payment(2), issuer.now()), issuer.now());

    assertEquals(2, grant.arts().size());
    assertEquals(List.of(factory.chain().get(0), issuer.system.caCertificate()), grant.chain());
    TrustStore payer = TrustStore.anchoredAt(issuer.system.root());
    for (ArtConfig art : grant.arts()) {
      ArtRules.verifyConfig(art, payer, grant.chain());
      assertEquals(baker.pseudonym(), art.owner());
      assertEquals("Bakery Jansen, Utrecht", art.payeeInfo());
      assertEquals(ArtKind.PAYMENT, art.kind());
      assertEquals(issuer.now(), art.issuedAt());
      assertEquals(issuer.now().plus(Duration.ofDays(30)), art.notAfter());
      assertEquals(art.notAfter().plus(Duration.ofDays(10)), art.redeemUntil());
      IssuedArt registered = issuer.db.arts().find(art.artId()).orElseThrow();
      assertEquals(baker.pseudonym(), registered.pseudonym());
      assertTrue(registered.liveAt(issuer.now()));
    }
    assertFalse(grant.arts().get(0).artId().equals(grant.arts().get(1).artId()));
  }

  @Test
  void issue_wishAboveThePolicy_isCutToThePolicy_andBelowItIsKept() throws ArtcashException {
    TestDevice baker = identifiedBaker();

    ArtConfig art = factory.issue(baker.artRequest(
        new Wish(ArtKind.PAYMENT, 1, 65_000, 9_000_000, 90_000_000), issuer.now()),
        issuer.now()).arts().get(0);

    assertEquals(500, art.maxPayments());
    assertEquals(Amount.of(EUR, 100_000), art.maxSingleAmount());
    assertEquals(Amount.of(EUR, 1_000_000), art.maxAggregateAmount());

    ArtConfig modest = factory.issue(baker.artRequest(
        new Wish(ArtKind.PAYMENT, 1, 10, 2_000, 20_000), issuer.now()), issuer.now())
        .arts().get(0);
    assertEquals(10, modest.maxPayments());
    assertEquals(Amount.of(EUR, 2_000), modest.maxSingleAmount());
    assertEquals(Amount.of(EUR, 20_000), modest.maxAggregateAmount());
  }

  @Test
  void issue_anonymousPayee_getsTheLowerAnonymousLimits() throws ArtcashException {
    TestDevice anonymous = issuer.device(0);

    ArtConfig art = factory.issue(anonymous.artRequest(
        new Wish(ArtKind.PAYMENT, 1, 1000, 1_000_000, 10_000_000), issuer.now()), issuer.now())
        .arts().get(0);

    assertEquals(50, art.maxPayments());
    assertEquals(Amount.of(EUR, 10_000), art.maxSingleAmount());
    assertEquals(Amount.of(EUR, 50_000), art.maxAggregateAmount());
  }

  @Test
  void issue_retriedRequest_returnsTheSameArtsAndUsesNoMoreRoom() throws ArtcashException {
    TestDevice baker = identifiedBaker();
    ArtRequest request = baker.artRequest(payment(2), issuer.now());

    ArtGrant first = factory.issue(request, issuer.now());
    issuer.clock.advance(Duration.ofMinutes(3));
    ArtGrant retry = factory.issue(ArtRequest.decode(request.encode()), issuer.now());

    assertEquals(first.arts(), retry.arts());
    assertEquals(2, issuer.db.arts().countLive(baker.pseudonym(), issuer.now()));
  }

  @Test
  void issue_requestSealedWithAnotherKey_isBadSignature() throws ArtcashException {
    TestDevice baker = identifiedBaker();

    ArtcashException e = refused(baker.artRequest(payment(1), issuer.now(), baker.pseudonym(),
        TestDevice.softwareKey(issuer.random)));

    assertEquals(Reason.BAD_SIGNATURE, e.reason());
  }

  @Test
  void issue_deviceUnknownToTheIssuer_isNotGenuine() {
    TestDevice counterfeit = TestDevice.counterfeit(1, issuer.now(), issuer.random);

    ArtcashException e = refused(counterfeit.artRequest(payment(1), issuer.now()));

    assertEquals(Reason.NOT_GENUINE_DEVICE, e.reason());
  }

  @Test
  void issue_suspendedDevice_isNotActive_evenForARetry() throws ArtcashException {
    TestDevice baker = identifiedBaker();
    ArtRequest request = baker.artRequest(payment(1), issuer.now());
    factory.issue(request, issuer.now());
    issuer.system.monEboxManagement().suspend(baker.deviceId(), "reported stolen",
        issuer.now());

    assertEquals(Reason.DEVICE_NOT_ACTIVE, refused(request).reason());
    assertEquals(Reason.DEVICE_NOT_ACTIVE,
        refused(baker.artRequest(payment(1), issuer.now())).reason());
  }

  @Test
  void issue_pseudonymOfAnotherDevice_isUnknownPseudonym() throws ArtcashException {
    TestDevice baker = identifiedBaker();
    TestDevice thief = issuer.device(1);

    ArtcashException e = refused(thief.artRequest(payment(1), issuer.now(), baker.pseudonym(),
        thief.key()));

    assertEquals(Reason.UNKNOWN_PSEUDONYM, e.reason());
    assertEquals(0, issuer.db.arts().countLive(baker.pseudonym(), issuer.now()));
  }

  @Test
  void issue_unregisteredPseudonym_isUnknownPseudonym() throws ArtcashException {
    TestDevice baker = identifiedBaker();

    ArtcashException e = refused(baker.artRequest(payment(1), issuer.now(),
        TestDevice.randomBytes(issuer.random), baker.key()));

    assertEquals(Reason.UNKNOWN_PSEUDONYM, e.reason());
  }

  @Test
  void issue_tooManyLiveArts_isCapacityExceeded_untilAUsedUpOneIsReturned()
      throws ArtcashException {
    TestDevice baker = identifiedBaker();
    PaymentKey key = issuer.paymentKey(issuer.device(0), "everyday");
    ArtGrant full = factory.issue(baker.artRequest(
        new Wish(ArtKind.PAYMENT, 4, 1, 5_000, 200_000), issuer.now()), issuer.now());

    ArtcashException e = refused(baker.artRequest(payment(1), issuer.now()));
    assertEquals(Reason.CAPACITY_EXCEEDED, e.reason());
    assertTrue(e.getMessage().contains("holds 4"), e.getMessage());
    assertTrue(e.getMessage().contains("Return used ARTs"), e.getMessage());

    // its one payment made: nothing more can be paid into it, so its log is final
    factory.acceptReturned(List.of(issuer.paid(full.arts().get(0), key, 500)), issuer.now());
    assertEquals(1, factory.issue(baker.artRequest(payment(1), issuer.now()), issuer.now())
        .arts().size());
  }

  @Test
  void acceptReturned_artWhoseTotalIsReached_isUsedUpAndFreesItsPlace()
      throws ArtcashException {
    TestDevice baker = identifiedBaker();
    PaymentKey key = issuer.paymentKey(issuer.device(0), "everyday");
    ArtGrant full = factory.issue(baker.artRequest(
        new Wish(ArtKind.PAYMENT, 4, 100, 5_000, 5_000), issuer.now()), issuer.now());

    factory.acceptReturned(List.of(issuer.paid(full.arts().get(0), key, 2_000, 3_000)),
        issuer.now());

    assertEquals(3, issuer.db.arts().countLive(baker.pseudonym(), issuer.now()));
    assertFalse(issuer.db.arts().find(full.arts().get(0).artId()).orElseThrow()
        .liveAt(issuer.now()));
  }

  @Test
  void acceptReturned_liveArtReturnedBeforeItIsUsedUp_stillCountsAsLiveUntilItExpires()
      throws ArtcashException {
    TestDevice baker = identifiedBaker();
    PaymentKey key = issuer.paymentKey(issuer.device(0), "everyday");
    ArtGrant full = factory.issue(baker.artRequest(payment(4), issuer.now()), issuer.now());
    ArtConfig early = full.arts().get(0);

    factory.acceptReturned(List.of(issuer.paid(early, key, 500)), issuer.now());

    assertTrue(issuer.db.arts().find(early.artId()).orElseThrow().returned());
    assertEquals(1, issuer.system.inspection().summary().payments());
    assertEquals(4, issuer.db.arts().countLive(baker.pseudonym(), issuer.now()));
    assertEquals(Reason.CAPACITY_EXCEEDED,
        refused(baker.artRequest(payment(1), issuer.now())).reason());
    issuer.clock.set(early.notAfter());
    assertEquals(4, factory.issue(baker.artRequest(payment(4), issuer.now()), issuer.now())
        .arts().size());
  }

  @Test
  void acceptReturned_usedUpLogWhosePaymentDoesNotVerify_doesNotFreeThePlace()
      throws ArtcashException {
    TestDevice baker = identifiedBaker();
    PaymentKey key = issuer.paymentKey(issuer.device(0), "everyday");
    ArtGrant full = factory.issue(baker.artRequest(
        new Wish(ArtKind.PAYMENT, 4, 1, 5_000, 200_000), issuer.now()), issuer.now());

    factory.acceptReturned(List.of(issuer.paid(full.arts().get(0), issuer.impostorOf(key),
        500)), issuer.now());

    assertEquals(List.of("BAD_SIGNATURE"), anomalyCodes(full.arts().get(0)));
    assertEquals(4, issuer.db.arts().countLive(baker.pseudonym(), issuer.now()));
  }

  @Test
  void issue_expiredArtsNoLongerCountAsLive() throws ArtcashException {
    TestDevice baker = identifiedBaker();
    factory.issue(baker.artRequest(payment(4), issuer.now()), issuer.now());

    issuer.clock.advance(Duration.ofDays(30).plus(DAY));

    assertEquals(4, factory.issue(baker.artRequest(payment(4), issuer.now()), issuer.now())
        .arts().size());
  }

  @Test
  void issue_moreThanTheRoomLeft_isCutToTheRoom() throws ArtcashException {
    TestDevice baker = identifiedBaker();
    factory.issue(baker.artRequest(payment(3), issuer.now()), issuer.now());

    ArtGrant grant = factory.issue(baker.artRequest(payment(5), issuer.now()), issuer.now());

    assertEquals(1, grant.arts().size());
  }

  @Test
  void issue_kindTheFactoryDoesNotOffer_isNotFound() throws ArtcashException {
    TestDevice baker = identifiedBaker();

    ArtcashException e = refused(baker.artRequest(
        new Wish(ArtKind.DEPOSIT, 1, 10, 100, 1_000), issuer.now()));

    assertEquals(Reason.NOT_FOUND, e.reason());
    assertTrue(e.getMessage().contains("DEPOSIT"), e.getMessage());
  }

  @Test
  void issue_afterTheFactoryKeyExpired_isExpired() throws ArtcashException {
    TestDevice baker = identifiedBaker();
    issuer.clock.set(factory.chain().get(0).notAfter().plusSeconds(1));

    assertEquals(Reason.EXPIRED, refused(baker.artRequest(payment(1), issuer.now())).reason());
  }

  @Test
  void acceptReturned_marksTheArtReturnedAndHasItInspected() throws ArtcashException {
    TestDevice baker = identifiedBaker();
    TestDevice payer = issuer.device(0);
    PaymentKey key = issuer.paymentKey(payer, "everyday");
    ArtConfig art = factory.issue(baker.artRequest(payment(1), issuer.now()), issuer.now())
        .arts().get(0);
    Art used = issuer.paid(art, key, 1_250, 3_000);
    issuer.clock.advance(DAY);

    factory.acceptReturned(List.of(used), issuer.now());

    IssuedArt registered = issuer.db.arts().find(art.artId()).orElseThrow();
    assertTrue(registered.returned());
    // returned before it expired and not used up: payments could still follow, so it stays live
    assertEquals(1, issuer.db.arts().countLive(baker.pseudonym(), issuer.now()));
    assertEquals(issuer.now(), issuer.db.inspections().inspectedAt(art.artId()).orElseThrow());
    assertTrue(issuer.db.inspections().anomalies(art.artId()).isEmpty());
    assertEquals(2, issuer.system.inspection().summary().payments());
  }

  @Test
  void acceptReturned_sameArtAgain_isTakenOnceAndTheFirstContentIsKept()
      throws ArtcashException {
    TestDevice baker = identifiedBaker();
    PaymentKey key = issuer.paymentKey(issuer.device(0), "everyday");
    ArtConfig art = factory.issue(baker.artRequest(payment(1), issuer.now()), issuer.now())
        .arts().get(0);
    Art once = issuer.paid(art, key, 500);
    factory.acceptReturned(List.of(once), issuer.now());

    issuer.clock.advance(DAY);
    factory.acceptReturned(List.of(once, once), issuer.now());

    assertEquals(1, issuer.system.inspection().summary().artsInspected());
    assertEquals(1, issuer.system.inspection().summary().payments());
    assertEquals(issuer.now().minus(DAY),
        issuer.db.arts().find(art.artId()).orElseThrow().returnedAt().orElseThrow());
  }

  @Test
  void acceptReturned_anArtNotIssuedHere_isUnknownArt_andNoneOfTheBatchIsTaken()
      throws ArtcashException {
    TestDevice baker = identifiedBaker();
    ArtGrant mine = factory.issue(baker.artRequest(payment(1), issuer.now()), issuer.now());
    Art foreign;
    try (TestIssuer other = TestIssuer.onH2()) {
      TestDevice elsewhere = other.device(0);
      foreign = new Art(other.freshArt(elsewhere), List.of(), List.of());
    }

    ArtcashException e = assertThrows(ArtcashException.class, () -> factory.acceptReturned(
        List.of(new Art(mine.arts().get(0), List.of(), mine.chain()), foreign), issuer.now()));

    assertEquals(Reason.UNKNOWN_ART, e.reason());
    assertFalse(issuer.db.arts().find(mine.arts().get(0).artId()).orElseThrow().returned());
  }

  @Test
  void acceptReturned_configurationOtherThanTheOneIssued_isRefusedAndNothingIsTaken()
      throws ArtcashException {
    TestDevice baker = identifiedBaker();
    ArtGrant grant = factory.issue(baker.artRequest(payment(2), issuer.now()), issuer.now());
    ArtConfig genuine = grant.arts().get(1);
    ArtConfig altered = withPayeeInfoAltered(genuine);
    Art good = new Art(grant.arts().get(0), List.of(), grant.chain());

    ArtcashException e = assertThrows(ArtcashException.class, () -> factory.acceptReturned(
        List.of(good, new Art(altered, List.of(), grant.chain())), issuer.now()));

    assertEquals(Reason.ART_STATE_INVALID, e.reason());
    assertTrue(e.getMessage().contains(genuine.artId().hex()), e.getMessage());
    assertFalse(issuer.db.arts().find(good.config().artId()).orElseThrow().returned());
    assertFalse(issuer.db.arts().find(genuine.artId()).orElseThrow().returned());
    assertEquals(List.of(), issuer.db.arts().returnedLogs(genuine.artId()));
    assertEquals(0, issuer.system.inspection().summary().artsInspected());
  }

  @Test
  void acceptReturned_emptyLogReturnedFirstBySomeoneElse_doesNotHideTheOwnersLog()
      throws ArtcashException {
    TestDevice baker = identifiedBaker();
    PaymentKey key = issuer.paymentKey(issuer.device(0), "everyday");
    ArtConfig art = factory.issue(baker.artRequest(payment(1), issuer.now()), issuer.now())
        .arts().get(0);
    Art used = issuer.paid(art, key, 1_250, 3_000);

    // anyone who saw a payment request knows the ART's configuration
    factory.acceptReturned(List.of(new Art(art, List.of(), List.of())), issuer.now());
    issuer.clock.advance(DAY);
    factory.acceptReturned(List.of(used), issuer.now());

    assertEquals(used.records(), returnedLog(art).records());
    assertEquals(2, issuer.db.arts().returnedLogs(art.artId()).size());
    assertEquals(2, issuer.system.inspection().summary().payments());
    assertEquals(List.of(), anomalyCodes(art));
  }

  @Test
  void acceptReturned_longerLogExtendingTheOneReturned_replacesIt_andItsNewPaymentsAreInspected()
      throws ArtcashException {
    TestDevice baker = identifiedBaker();
    PaymentKey key = issuer.paymentKey(issuer.device(0), "everyday");
    ArtConfig art = factory.issue(baker.artRequest(payment(1), issuer.now()), issuer.now())
        .arts().get(0);
    Art full = issuer.paid(art, key, 500, 700);
    Art first = new Art(art, full.records().subList(0, 1), full.chain());

    factory.acceptReturned(List.of(first), issuer.now());
    issuer.clock.advance(DAY);
    factory.acceptReturned(List.of(full), issuer.now());
    factory.acceptReturned(List.of(full, first), issuer.now());

    assertEquals(full.records(), returnedLog(art).records());
    InspectionService.Summary summary = issuer.system.inspection().summary();
    assertEquals(1, summary.artsInspected());
    assertEquals(2, summary.payments());
    assertEquals(List.of(Amount.of(EUR, 1_200)), summary.value());
    assertEquals(List.of(), anomalyCodes(art));
    assertEquals(issuer.now().minus(DAY),
        issuer.db.arts().find(art.artId()).orElseThrow().returnedAt().orElseThrow());
  }

  @Test
  void acceptReturned_forgedLogReturnedFirst_isReplacedByTheOwnersLog_andTheForkIsReported()
      throws ArtcashException {
    TestDevice baker = identifiedBaker();
    PaymentKey key = issuer.paymentKey(issuer.device(0), "everyday");
    ArtConfig art = factory.issue(baker.artRequest(payment(1), issuer.now()), issuer.now())
        .arts().get(0);
    Art forged = issuer.paid(art, issuer.impostorOf(key), 900);
    Art real = issuer.paid(art, key, 1_250, 3_000);

    factory.acceptReturned(List.of(forged), issuer.now());
    factory.acceptReturned(List.of(real), issuer.now());

    assertEquals(real.records(), returnedLog(art).records());
    assertEquals(List.of(forged.records(), real.records()), evidence(art));
    assertEquals(2, issuer.system.inspection().summary().payments());
    assertEquals(List.of(Amount.of(EUR, 4_250)), issuer.system.inspection().summary().value());
    assertEquals(List.of("BAD_SIGNATURE", "FORK"), anomalyCodes(art));
  }

  @Test
  void acceptReturned_conflictingLogAfterTheOwners_isReportedAsAFork_andDoesNotReplaceIt()
      throws ArtcashException {
    TestDevice baker = identifiedBaker();
    PaymentKey key = issuer.paymentKey(issuer.device(0), "everyday");
    ArtConfig art = factory.issue(baker.artRequest(payment(1), issuer.now()), issuer.now())
        .arts().get(0);
    Art real = issuer.paid(art, key, 1_250, 3_000);
    Art forged = issuer.paid(art, issuer.impostorOf(key), 900);

    factory.acceptReturned(List.of(real), issuer.now());
    issuer.clock.advance(DAY);
    factory.acceptReturned(List.of(forged), issuer.now());
    factory.acceptReturned(List.of(forged), issuer.now());

    assertEquals(real.records(), returnedLog(art).records());
    assertEquals(List.of(real.records(), forged.records()), evidence(art));
    assertEquals(2, issuer.system.inspection().summary().payments());
    assertEquals(List.of("FORK", "BAD_SIGNATURE"), anomalyCodes(art));
  }

  @Test
  void acceptReturned_extensionWithAForgedPayment_isInspectedButDoesNotReplaceTheCleanLog()
      throws ArtcashException {
    TestDevice baker = identifiedBaker();
    PaymentKey key = issuer.paymentKey(issuer.device(0), "everyday");
    ArtConfig art = factory.issue(baker.artRequest(payment(1), issuer.now()), issuer.now())
        .arts().get(0);
    Art real = issuer.paid(art, key, 500, 700);
    List<PaymentRecord> padded = new ArrayList<>(real.records());
    padded.add(issuer.impostorOf(key).payAsUse(real.latest(), 800,
        issuer.now().plus(DAY), 3));

    factory.acceptReturned(List.of(real), issuer.now());
    factory.acceptReturned(List.of(new Art(art, padded, real.chain())), issuer.now());

    assertEquals(real.records(), returnedLog(art).records());
    assertEquals(2, issuer.system.inspection().summary().payments());
    assertEquals(List.of("BAD_SIGNATURE"), anomalyCodes(art));
  }

  private Art returnedLog(ArtConfig art) throws ArtcashException {
    return Art.decode(issuer.db.arts().find(art.artId()).orElseThrow().fullArt().orElseThrow());
  }

  /** The records of every log kept for {@code art}, in the order they came. */
  private List<List<PaymentRecord>> evidence(ArtConfig art) throws ArtcashException {
    List<List<PaymentRecord>> logs = new ArrayList<>();
    for (byte[] log : issuer.db.arts().returnedLogs(art.artId())) {
      logs.add(Art.decode(log).records());
    }
    return logs;
  }

  private List<String> anomalyCodes(ArtConfig art) {
    return issuer.db.inspections().anomalies(art.artId()).stream().map(Anomaly::code).toList();
  }

  /** The same ART id and limits with another payee name: no longer what the factory signed. */
  private static ArtConfig withPayeeInfoAltered(ArtConfig genuine) throws ArtcashException {
    byte[] encoded = genuine.encode();
    byte[] name = "Bakery".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + name.length <= encoded.length; i++) {
      if (Arrays.equals(encoded, i, i + name.length, name, 0, name.length)) {
        encoded[i] = 'F'; // "Fakery Jansen"
        return ArtConfig.decode(encoded);
      }
    }
    throw new IllegalArgumentException("the payee name is not in the ART");
  }
}
