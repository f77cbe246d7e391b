package org.artcash.purse;

import static org.artcash.purse.PurseWorld.eur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtKind;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.Ecdsa;
import org.artcash.core.crypto.P256;
import org.artcash.purse.PurseWorld.Party;
import org.artcash.purse.store.PaymentIntent;
import org.artcash.purse.store.HistoryEntry.Direction;
import org.artcash.testkit.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The payer's side: pre-flight, approval, idempotent payment, redemption when short. */
class ControlPaymentTest {
  private PurseWorld world;
  private Party payee;
  private Party payer;

  @BeforeEach
  void setUp() throws Exception {
    world = new PurseWorld();
    payee = world.newParty();
    payer = world.newParty();
    world.fund(payer, eur(100_00));
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void preview_showsPayeeAmountLimitAndExpiry_andRecognisesARequestPaidBefore()
      throws Exception {
    PaymentRequest request = payee.purse().requestPayment(Optional.of(eur(40_00)));

    PaymentPreview before = payer.purse().preview(request);
    assertEquals("test payee", before.payeeInfo());
    assertEquals(Optional.of(eur(40_00)), before.requestedAmount());
    assertEquals(eur(500_00), before.maxAmount());
    assertEquals(request.state().config().notAfter(), before.artExpires());
    assertEquals(eur(100_00), before.balance());
    assertTrue(before.coveredByBalance(eur(40_00)));
    assertFalse(before.isRetry());

    TransferToken token = payer.purse().pay(request, eur(40_00));
    PaymentPreview after = payer.purse().preview(request);
    assertTrue(after.isRetry());
    assertEquals(token, after.earlier().orElseThrow().token());
  }

  @Test
  void pay_theSameRequestAgain_returnsTheStoredTokenWithoutAskingTheMonEbox() throws Exception {
    PaymentRequest request = payee.purse().requestPayment(Optional.of(eur(20_00)));
    TransferToken first = payer.purse().pay(request, eur(20_00));
    int payCalls = payer.box().payCalls();

    world.issuer.advance(Duration.ofMinutes(3));
    TransferToken again = payer.purse().pay(PaymentRequest.decode(request.encode()), eur(20_00));

    assertEquals(first, again);
    assertEquals(payCalls, payer.box().payCalls(), "the MonEbox was not asked again");
    assertEquals(eur(80_00), payer.purse().balance(), "debited once");
    assertEquals(1, payer.purse().history().stream()
        .filter(h -> h.direction() == Direction.PAID)
        .count());
  }

  @Test
  void pay_theSameRequestAgainWithAnotherAmount_isRefusedAsAConflictingRetry() throws Exception {
    PaymentRequest request = payee.purse().requestPayment(Optional.empty());
    payer.purse().pay(request, eur(20_00));

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> payer.purse().pay(request, eur(25_00)));

    assertEquals(Reason.CONFLICTING_RETRY, e.reason());
    assertEquals(eur(80_00), payer.purse().balance());
  }

  @Test
  void pay_whenTheMonEboxReplyWasLost_aRetryGetsTheMonEboxsStoredTokenAndDebitsOnce()
      throws Exception {
    PaymentRequest request = payee.purse().requestPayment(Optional.of(eur(30_00)));
    payer.box().loseNextPayReply();

    assertThrows(UncheckedIOException.class, () -> payer.purse().pay(request, eur(30_00)));
    assertEquals(eur(70_00), payer.purse().balance(), "the MonEbox did pay");
    assertTrue(payer.purse().preview(request).isRetry(),
        "the preview settled the earlier approval: the MonEbox's token is stored now");

    TransferToken token = payer.purse().pay(request, eur(30_00));

    assertEquals(eur(70_00), payer.purse().balance(), "debited once");
    assertEquals(eur(30_00), payee.purse().accept(token).amount());
    assertTrue(payer.purse().preview(request).isRetry());
  }

  @Test
  void pay_retriedAfterALostReplyAndFortyOtherPayments_deliversTheFirstTokenAndDebitsOnce()
      throws Exception {
    // The MonEbox keeps only its last 32 paid states; the stored approval, settled before the
    // next payment, is what keeps the first payment from being made twice.
    PaymentRequest first = payee.purse().requestPayment(Optional.of(eur(30_00)));
    payer.box().loseNextPayReply();
    assertThrows(UncheckedIOException.class, () -> payer.purse().pay(first, eur(30_00)));
    for (int i = 0; i < 40; i++) {
      PaymentRequest other = payee.purse().requestPayment(Optional.of(eur(1_00)));
      payee.purse().accept(payer.purse().pay(other, eur(1_00)));
    }
    int payCalls = payer.box().payCalls();

    TransferToken token = payer.purse().pay(first, eur(30_00));

    assertEquals(payCalls, payer.box().payCalls(), "its token was stored before the others");
    assertEquals(eur(30_00), payer.purse().balance(), "100.00 - 30.00 once - 40 x 1.00");
    assertEquals(eur(30_00), payee.purse().accept(token).amount());
    assertEquals(41, payer.purse().history().stream()
        .filter(h -> h.direction() == Direction.PAID)
        .count());
    assertTrue(payer.purse().unsettledPayments().isEmpty());
  }

  @Test
  void open_afterACrashBetweenTheMonEboxPaymentAndStoringItsToken_storesThatToken()
      throws Exception {
    PaymentRequest request = payee.purse().requestPayment(Optional.of(eur(30_00)));
    payer.box().loseNextPayReply();
    assertThrows(UncheckedIOException.class, () -> payer.purse().pay(request, eur(30_00)));
    int payCalls = payer.box().payCalls();

    // the host software stops here; the MonEbox and the database keep what they stored
    EPurse restarted = EPurse.open(payer.box(), payer.store(), world.clock, new SecureRandom());

    assertEquals(payCalls + 1, payer.box().payCalls(), "opening sent the stored approval again");
    PaymentPreview preview = restarted.preview(request);
    assertTrue(preview.isRetry(), "the token is stored");
    TransferToken token = restarted.pay(request, eur(30_00));
    assertEquals(preview.earlier().orElseThrow().token(), token);
    assertEquals(payCalls + 1, payer.box().payCalls());
    assertEquals(eur(70_00), restarted.balance(), "debited once");
    assertEquals(eur(30_00), payee.purse().accept(token).amount());
  }

  @Test
  void pay_retriedWhenTheMonEboxNoLongerHoldsTheToken_isRefusedAsUnresolvedAndNeverPaysTwice()
      throws Exception {
    PaymentRequest first = payee.purse().requestPayment(Optional.of(eur(30_00)));
    payer.box().loseNextPayReply();
    assertThrows(UncheckedIOException.class, () -> payer.purse().pay(first, eur(30_00)));
    // A second host bound to the same MonEbox makes 33 payments meanwhile: the MonEbox's log of
    // its last 32 paid states no longer holds the first payment.
    payer.box().pressButton();
    EPurse otherHost = EPurse.open(new ForwardingMonEbox(payer.box()), world.newStore(),
        world.clock, new SecureRandom());
    otherHost.bind(world.issuer.deviceChain());
    for (int i = 0; i < 33; i++) {
      PaymentRequest other = payee.purse().requestPayment(Optional.of(eur(1_00)));
      payee.purse().accept(otherHost.pay(other, eur(1_00)));
    }
    assertEquals(eur(37_00), payer.purse().balance());
    int payCalls = payer.box().payCalls();

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> payer.purse().pay(first, eur(30_00)));

    assertEquals(Reason.APPROVAL_REPLAYED, e.reason());
    assertTrue(e.getMessage().startsWith("the payment of EUR 30.00 to 'test payee'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("was made, and this MonEbox was debited"), e.getMessage());
    assertTrue(e.getMessage().contains("recover the token via the issuer"), e.getMessage());
    assertEquals(eur(37_00), payer.purse().balance(), "debited once");
    PaymentIntent unresolved = payer.purse().unsettledPayments().get(0);
    assertEquals(PaymentIntent.Status.UNRESOLVED, unresolved.status());
    assertEquals(eur(30_00), unresolved.amount());

    assertEquals(Reason.APPROVAL_REPLAYED, assertThrows(ArtcashException.class,
        () -> payer.purse().pay(first, eur(30_00))).reason());
    assertEquals(payCalls + 1, payer.box().payCalls(), "never sent again, never re-approved");
    PaymentRequest next = payee.purse().requestPayment(Optional.of(eur(2_00)));
    payee.purse().accept(payer.purse().pay(next, eur(2_00)));
    assertEquals(eur(35_00), payer.purse().balance(), "other payments go on");
  }

  @Test
  void pay_retriedAfterALostReplyOnceThePayeesArtHasExpired_stillGetsTheToken()
      throws Exception {
    PaymentRequest request = payee.purse().requestPayment(Optional.of(eur(30_00)));
    payer.box().loseNextPayReply();
    assertThrows(UncheckedIOException.class, () -> payer.purse().pay(request, eur(30_00)));
    world.issuer.advance(TestIssuer.ArtSpec.standard().validity().plusSeconds(1));

    TransferToken token = payer.purse().pay(request, eur(30_00));

    assertEquals(eur(70_00), payer.purse().balance(), "debited once");
    assertEquals(eur(30_00), token.amount());
    assertTrue(payer.purse().preview(request).isRetry());
  }

  @Test
  void pay_whenTheMonEboxReturnsATokenThePayeeWouldRefuse_keepsItAsTheRecordAndReportsIt()
      throws Exception {
    PaymentRequest request = payee.purse().requestPayment(Optional.of(eur(30_00)));
    payer.box().damageNextPayReply();

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> payer.purse().pay(request, eur(30_00)));

    assertEquals(Reason.BAD_SIGNATURE, e.reason());
    assertTrue(e.getMessage().contains("that the payee would refuse"), e.getMessage());
    assertEquals(eur(70_00), payer.purse().balance());
    assertTrue(payer.purse().preview(request).isRetry(), "kept: it is the record of the debit");
    int payCalls = payer.box().payCalls();
    assertEquals(Reason.BAD_SIGNATURE, assertThrows(ArtcashException.class,
        () -> payer.purse().pay(request, eur(30_00))).reason(), "reported again on a retry");
    assertEquals(payCalls, payer.box().payCalls());
    assertEquals(eur(70_00), payer.purse().balance());
  }

  @Test
  void pay_whileAnEarlierApprovalsOutcomeIsUnknown_approvesNothingNewUntilItIsSettled()
      throws Exception {
    PaymentRequest lost = payee.purse().requestPayment(Optional.of(eur(30_00)));
    payer.box().loseNextPayReply();
    assertThrows(UncheckedIOException.class, () -> payer.purse().pay(lost, eur(30_00)));
    payer.box().failPayments(true);
    PaymentRequest next = payee.purse().requestPayment(Optional.of(eur(5_00)));
    long counter = payer.store().binding().find().orElseThrow().lastCounter();

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> payer.purse().pay(next, eur(5_00)));

    assertEquals(Reason.STORAGE_FAILURE, e.reason());
    assertTrue(e.getMessage().startsWith("the payment of EUR 30.00 to 'test payee'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("No other payment is made until it is settled"),
        e.getMessage());
    assertEquals(counter, payer.store().binding().find().orElseThrow().lastCounter(),
        "nothing new was approved");
    assertEquals(1, payer.purse().unsettledPayments().size());

    payer.box().failPayments(false);
    TransferToken paidNext = payer.purse().pay(next, eur(5_00));

    assertTrue(payer.purse().preview(lost).isRetry(), "the earlier payment was settled first");
    assertEquals(eur(65_00), payer.purse().balance());
    assertEquals(eur(5_00), payee.purse().accept(paidNext).amount());
    assertEquals(eur(30_00), payee.purse().accept(payer.purse().pay(lost, eur(30_00))).amount());
    assertEquals(eur(65_00), payer.purse().balance());
  }

  @Test
  void pay_whenTheBalanceIsShort_redeemsReceivedPaymentsFirst() throws Exception {
    Party customer = world.newParty();
    world.fund(customer, eur(60_00));
    PaymentRequest sale = payer.purse().requestPayment(Optional.of(eur(45_00)));
    payer.purse().accept(customer.purse().pay(sale, eur(45_00)));
    assertEquals(eur(100_00), payer.purse().balance());
    assertEquals(eur(45_00), payer.purse().status().unredeemed());

    PaymentRequest bill = payee.purse().requestPayment(Optional.of(eur(120_00)));
    payer.box().pressButton(); // above the MonEbox's button threshold of EUR 100.00
    payee.purse().accept(payer.purse().pay(bill, eur(120_00)));

    assertEquals(eur(25_00), payer.purse().balance());
    assertEquals(eur(0), payer.purse().status().unredeemed());
  }

  @Test
  void pay_moreThanTheBalanceAndEveryReceiptTogether_isRefusedAsInsufficientFunds()
      throws Exception {
    Party customer = world.newParty();
    world.fund(customer, eur(20_00));
    payer.purse().accept(
        customer.purse().pay(payer.purse().requestPayment(Optional.empty()), eur(20_00)));
    PaymentRequest big = payee.purse().requestPayment(Optional.of(eur(150_00)));
    payer.box().pressButton();

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> payer.purse().pay(big, eur(150_00)));

    assertEquals(Reason.INSUFFICIENT_FUNDS, e.reason());
    assertTrue(e.getMessage().contains("after redeeming"), e.getMessage());
    assertEquals(eur(120_00), payer.purse().balance(), "received money redeemed, nothing paid");
    assertFalse(payer.purse().preview(big).isRetry());
  }

  @Test
  void pay_anAmountOtherThanTheRequested_isRefusedBeforeTheMonEboxIsAsked() throws Exception {
    PaymentRequest request = payee.purse().requestPayment(Optional.of(eur(10_00)));
    int payCalls = payer.box().payCalls();

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> payer.purse().pay(request, eur(1_00)));

    assertEquals(Reason.AMOUNT_MISMATCH, e.reason());
    assertEquals(payCalls, payer.box().payCalls());
  }

  @Test
  void pay_aboveTheButtonThreshold_needsTheButton_thenGoesThrough() throws Exception {
    world.fund(payer, eur(100_00));
    PaymentRequest request = payee.purse().requestPayment(Optional.of(eur(150_00)));

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> payer.purse().pay(request, eur(150_00)));
    assertEquals(Reason.BUTTON_REQUIRED, e.reason());

    payer.box().pressButton();
    payee.purse().accept(payer.purse().pay(request, eur(150_00)));
    assertEquals(eur(50_00), payer.purse().balance());
  }

  @Test
  void pay_onAnExpiredArt_isRefusedInThePreflightWithAdvice() throws Exception {
    PaymentRequest request = payee.purse().requestPayment(Optional.of(eur(10_00)));
    world.issuer.advance(TestIssuer.ArtSpec.standard().validity().plusSeconds(1));

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> payer.purse().pay(request, eur(10_00)));

    assertEquals(Reason.EXPIRED, e.reason());
    assertTrue(e.getMessage().contains("ask the payee for a fresh one"), e.getMessage());
    assertEquals(eur(100_00), payer.purse().balance());
  }

  @Test
  void pay_onAnArtSignedByAFactoryOutsideTheRootOfTrust_isRefusedInThePreflight()
      throws Exception {
    KeyPair keys = P256.generate(new SecureRandom());
    EcSigner strangeFactory = Ecdsa.softwareSigner((ECPrivateKey) keys.getPrivate(),
        (ECPublicKey) keys.getPublic(), new SecureRandom());
    Instant now = world.issuer.now();
    ArtConfig forged = ArtConfig.sign(new ArtConfig.Terms(
        Bytes.fromHex("0f0e0d0c0b0a09080706050403020100"), payee.device().pseudonym(),
        ArtKind.PAYMENT, TestIssuer.EUR, now, now.plus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(2)), 10, 50_00, 100_00, "not a real payee", ""),
        strangeFactory);
    PaymentRequest request = new PaymentRequest(ArtState.fresh(forged), OptionalLong.of(5_00),
        List.of());
    int payCalls = payer.box().payCalls();

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> payer.purse().pay(request, eur(5_00)));

    assertEquals(Reason.UNKNOWN_ISSUER, e.reason());
    assertEquals(payCalls, payer.box().payCalls());
  }

  @Test
  void pay_beforeTheEPurseIsBound_isRefusedAsNotBound() throws Exception {
    Party unbound = world.unbound(PursePolicy.defaults(), false);
    PaymentRequest request = payee.purse().requestPayment(Optional.of(eur(1_00)));

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> unbound.purse().pay(request, eur(1_00)));

    assertEquals(Reason.NOT_BOUND, e.reason());
  }
}
