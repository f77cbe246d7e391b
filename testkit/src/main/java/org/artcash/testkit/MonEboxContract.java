package org.artcash.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtKind;
import org.artcash.core.art.ArtRules;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentKeyCertificate;
import org.artcash.core.art.PaymentRecord;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.credential.ArtGrant;
import org.artcash.core.credential.ArtRequest;
import org.artcash.core.credential.CertificationRequest;
import org.artcash.core.credential.CertificationResponse;
import org.artcash.core.credential.CredentialService.CertifierOffer;
import org.artcash.core.crypto.BlindRsa;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.Ecdsa;
import org.artcash.core.crypto.P256;
import org.artcash.core.issuance.IssuanceOrder;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.DeviceAttributes;
import org.artcash.core.pki.RevocationList;
import org.artcash.monebox.Binding;
import org.artcash.monebox.DeviceState;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.MonEboxStatus;
import org.artcash.monebox.PaymentInstruction;
import org.artcash.monebox.Personalisation;
import org.artcash.monebox.RecoveryStatement;
import org.artcash.monebox.RedeemResult;
import org.artcash.testkit.TestIssuer.ArtSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What every MonEbox must do (de Jong 2024, sec. 2.3, 4.1, 4.2 and 6), whatever it is built from:
 * extend this class and return fresh, blank MonEboxes from {@link #newMonEbox()}. Every refusal is
 * checked to leave the status and balance exactly as they were.
 */
public abstract class MonEboxContract {
  private static final Currency USD = Currency.of("USD");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The issuer of every credential in a test; its clock is the test's clock. */
  protected TestIssuer issuer;
  private TestMint mint;

  /** A new, blank MonEbox. */
  protected abstract MonEbox newMonEbox() throws Exception;

  /**
   * The same MonEbox after a restart (power loss, reset), for implementations that keep state
   * across one; the test uses only the returned object afterwards. By default the same object.
   */
  protected MonEbox reopen(MonEbox box) throws Exception {
    return box;
  }

  @BeforeEach
  final void newIssuer() {
    issuer = TestIssuer.create();
    mint = null;
  }

  // --- fixtures

  /** Class 0, bound without a limit, one small payment key, no money. */
  protected TestParty newParty() throws Exception {
    return newParty(0, false);
  }

  /** Bound without a limit, one small payment key, and a large one from device class 1 up. */
  protected TestParty newParty(int deviceClass, boolean issuerDevice) throws Exception {
    return TestParty.create(issuer, newMonEbox(), deviceClass, issuerDevice);
  }

  /** A party holding {@code balance}, paid to it from the issuer's MonEbox and redeemed. */
  protected TestParty payer(long balance) throws Exception {
    TestParty p = newParty();
    fund(p, balance);
    return p;
  }

  /** The issuer's MonEbox (de Jong 2024, sec. 6) creates {@code amount} and pays it to p. */
  protected void fund(TestParty p, long amount) throws Exception {
    if (mint == null) {
      mint = new TestMint(issuer, newMonEbox());
    }
    mint.fund(p, amount);
  }

  protected static Amount eur(long minor) {
    return Amount.of(TestIssuer.EUR, minor);
  }

  protected static Bytes randomId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return Bytes.copyOf(b);
  }

  /** A request for {@code amount} on a fresh standard ART of {@code owner}. */
  protected PaymentRequest requestTo(Bytes owner, long amount) {
    return issuer.paymentRequest(ArtState.fresh(issuer.freshArt(owner)), amount);
  }

  protected TransferToken pay(TestParty payer, PaymentRequest request, long amount)
      throws Exception {
    return payer.pay(issuer, request, amount);
  }

  /** The payee's acceptance (sec. 2.3), with nothing but the root of trust. */
  protected ArtState accept(PaymentRequest request, TransferToken token) throws Exception {
    return ArtRules.accept(request.state(), token, request.requestedAmount(),
        issuer.rootOnlyTrust());
  }

  /**
   * Runs {@code operation}, expects it refused for {@code reason}, and checks that the MonEbox's
   * status (including its balance) is exactly as before.
   */
  protected static ArtcashException assertRefused(Reason reason, MonEbox box, Executable operation)
      throws Exception {
    MonEboxStatus before = box.status();
    ArtcashException e = assertThrows(ArtcashException.class, operation,
        "expected the MonEbox to refuse with " + reason);
    assertEquals(reason, e.reason(), () -> "refused for another reason: " + e.describe());
    assertFalse(e.getMessage().isBlank(), "a refusal says why");
    assertEquals(before, box.status(), "a refused operation changed the MonEbox");
    if (before.balance().isPresent()) {
      assertEquals(before.balance().get(), box.balance());
    }
    return e;
  }

  private static EcSigner hostSigner() {
    KeyPair kp = P256.generate(RANDOM);
    return Ecdsa.softwareSigner((ECPrivateKey) kp.getPrivate(), (ECPublicKey) kp.getPublic(),
        RANDOM);
  }

  /** A payment record made by a host with its own key and a made-up payment-key certificate. */
  private PaymentRecord forgedRecord(ArtState state, long amount) {
    EcSigner hostKey = hostSigner();
    byte[] prefix = new byte[BlindRsa.PREFIX_LENGTH];
    byte[] signature = new byte[256];
    RANDOM.nextBytes(prefix);
    RANDOM.nextBytes(signature);
    PaymentKeyCertificate made = PaymentKeyCertificate.of(
        issuer.smallCertifier().certificate().subjectKeyId(), hostKey.publicKey(), prefix,
        signature);
    return PaymentRecord.sign(new PaymentRecord.Fields(state.config().artId(), state.seq() + 1,
        amount, state.aggregate() + amount, issuer.now(), state.stateHash(), 1, made), hostKey);
  }

  private List<Certificate> chainWithCertifier() {
    List<Certificate> chain = new ArrayList<>(issuer.factoryChain());
    chain.add(issuer.smallCertifier().certificate());
    return chain;
  }

  // --- life cycle (sec. 4.2)

  @Test
  public void generateDeviceKey_blankMonEbox_becomesKeyed() throws Exception {
    MonEbox box = newMonEbox();
    assertEquals(DeviceState.BLANK, box.status().state());
    byte[] key = box.generateDeviceKey();
    P256.decode(key);
    assertEquals(DeviceState.KEYED, box.status().state());
    assertTrue(box.status().balance().isEmpty());
  }

  @Test
  public void generateDeviceKey_repeatedWhileKeyed_returnsTheSameKey() throws Exception {
    MonEbox box = newMonEbox();
    byte[] first = box.generateDeviceKey();
    assertArrayEquals(first, box.generateDeviceKey());
  }

  @Test
  public void personalise_keyedMonEbox_becomesActiveWithZeroBalance() throws Exception {
    MonEbox box = newMonEbox();
    TestIssuer.Device device = issuer.personalise(box, 0, false);
    MonEboxStatus s = box.status();
    assertEquals(DeviceState.ACTIVE, s.state());
    assertEquals(Optional.of(device.deviceId()), s.deviceId());
    assertEquals(Optional.of(device.pseudonym()), s.pseudonym());
    assertEquals(Optional.of(eur(0)), s.balance());
    assertEquals(issuer.now(), s.trustedNow());
    assertEquals(TestIssuer.BUTTON_THRESHOLD, s.buttonThreshold());
    assertEquals(issuer.root(), box.rootOfTrust());
    assertEquals(device.certificate(), box.deviceCertificate());
    assertTrue(s.supply().isEmpty());
  }

  @Test
  public void personalise_certificateForAnotherKey_refused() throws Exception {
    MonEbox box = newMonEbox();
    box.generateDeviceKey();
    Certificate other = issuer.deviceCertificate(hostSigner().publicKey(),
        new DeviceAttributes(randomId(), 0, false));
    assertRefused(Reason.NOT_GENUINE_DEVICE, box, () -> box.personalise(new Personalisation(
        issuer.root(), issuer.deviceChain(), other, randomId(), TestIssuer.EUR,
        TestIssuer.BUTTON_THRESHOLD, 2, Optional.empty(), issuer.now())));
  }

  @Test
  public void personalise_committeeOnAnOrdinaryDevice_refused() throws Exception {
    MonEbox box = newMonEbox();
    byte[] key = box.generateDeviceKey();
    Certificate ordinary =
        issuer.deviceCertificate(key, new DeviceAttributes(randomId(), 1, false));
    Personalisation withCommittee = new Personalisation(issuer.root(), issuer.deviceChain(),
        ordinary, randomId(), TestIssuer.EUR, TestIssuer.BUTTON_THRESHOLD, 2,
        Optional.of(new Personalisation.Committee(issuer.committeeKeys(), 2)), issuer.now());
    assertRefused(Reason.NOT_ISSUER_DEVICE, box, () -> box.personalise(withCommittee));
  }

  @Test
  public void personalise_twice_refused() throws Exception {
    TestParty p = newParty();
    assertRefused(Reason.WRONG_STATE, p.box(), () -> issuer.personalise(p.box(), 0, false));
  }

  @Test
  public void operations_beforePersonalisation_refusedWithWrongState() throws Exception {
    MonEbox box = newMonEbox();
    box.generateDeviceKey();
    assertRefused(Reason.WRONG_STATE, box, box::pressButton);
    assertRefused(Reason.WRONG_STATE, box, box::balance);
    assertRefused(Reason.WRONG_STATE, box, () -> box.requestArts(
        new ArtRequest.Wish(ArtKind.PAYMENT, 1, 10, 100, 1000), issuer.now()));
    PaymentInstruction unbound = new PaymentInstruction(requestTo(randomId(), 1_00), 1_00,
        issuer.now(), 0, 1, new byte[Binding.MAC_LENGTH]);
    assertRefused(Reason.WRONG_STATE, box, () -> box.pay(unbound));
  }

  // --- binding (sec. 4.1)

  @Test
  public void bind_withoutButtonPress_refused() throws Exception {
    MonEbox box = newMonEbox();
    issuer.personalise(box, 0, false);
    assertRefused(Reason.BUTTON_REQUIRED, box, () -> TestHost.bind(box, 0));
  }

  @Test
  public void bind_afterButtonPress_isSignedByTheCertifiedDeviceKey() throws Exception {
    MonEbox box = newMonEbox();
    issuer.personalise(box, 0, false);
    TestHost host = TestHost.pressAndBind(box, 0); // checks the device signature
    assertEquals(1, box.status().bindings());
    assertEquals(0, host.bindingId());
  }

  @Test
  public void bind_oneButtonPress_allowsOneBindingOnly() throws Exception {
    MonEbox box = newMonEbox();
    issuer.personalise(box, 0, false);
    TestHost.pressAndBind(box, 0);
    assertRefused(Reason.BUTTON_REQUIRED, box, () -> TestHost.bind(box, 0));
  }

  @Test
  public void bind_beyondMaxBindings_refused() throws Exception {
    MonEbox box = newMonEbox();
    issuer.personalise(box, 0, false);
    for (int i = 0; i < TestIssuer.MAX_BINDINGS; i++) {
      TestHost.pressAndBind(box, 0);
    }
    box.pressButton();
    assertRefused(Reason.BINDING_LIMIT, box, () -> TestHost.bind(box, 0));
  }

  @Test
  public void bind_hostKeyNotOnTheCurve_refused() throws Exception {
    MonEbox box = newMonEbox();
    issuer.personalise(box, 0, false);
    byte[] notAPoint = new byte[P256.PUBLIC_KEY_LENGTH];
    notAPoint[0] = 0x04;
    notAPoint[64] = 0x01;
    box.pressButton();
    assertRefused(Reason.MALFORMED, box, () -> box.bind(new Binding.Request(notAPoint, 0)));
  }

  /** The press was for that attempt: a refused bind uses it up, so it cannot bind anything else. */
  @Test
  public void bind_refused_usesUpTheButtonPress() throws Exception {
    MonEbox box = newMonEbox();
    issuer.personalise(box, 0, false);
    byte[] notAPoint = new byte[P256.PUBLIC_KEY_LENGTH];
    notAPoint[0] = 0x04;
    box.pressButton();
    assertRefused(Reason.MALFORMED, box, () -> box.bind(new Binding.Request(notAPoint, 0)));
    assertRefused(Reason.BUTTON_REQUIRED, box, () -> TestHost.bind(box, 0));
    TestHost.pressAndBind(box, 0);
    assertEquals(1, box.status().bindings());
  }

  // --- the payment (sec. 2.3, diagram 2)

  @Test
  public void pay_validInstruction_payeeAcceptsWithRootOfTrustOnly() throws Exception {
    TestParty payer = payer(100_00);
    PaymentRequest request = requestTo(randomId(), 12_34);
    TransferToken token = pay(payer, request, 12_34);
    ArtState accepted = accept(request, token);
    assertEquals(1, accepted.seq());
    assertEquals(12_34, accepted.aggregate());
    assertEquals(eur(12_34), token.amount());
  }

  @Test
  public void pay_debitsTheAmountAndCountsTheKeyUse() throws Exception {
    TestParty payer = payer(100_00);
    TransferToken token = pay(payer, requestTo(randomId(), 25_00), 25_00);
    assertEquals(eur(75_00), payer.box().balance());
    assertEquals(1, token.record().keyUse());
    MonEboxStatus.PaymentKeyInfo small = payer.box().status().paymentKeys().stream()
        .filter(k -> k.classId() == TestIssuer.SMALL_CLASS).findFirst().orElseThrow();
    assertEquals(1, small.used());
    assertEquals(99, small.usesLeft());
  }

  @Test
  public void pay_onTheStateAPaymentReturned_extendsTheArt() throws Exception {
    TestParty payer = payer(100_00);
    ArtConfig art = issuer.freshArt(randomId());
    PaymentRequest first = issuer.paymentRequest(ArtState.fresh(art), 10_00);
    ArtState afterFirst = accept(first, pay(payer, first, 10_00));
    PaymentRequest second = issuer.paymentRequest(afterFirst, 5_00);
    ArtState afterSecond = accept(second, pay(payer, second, 5_00));
    assertEquals(2, afterSecond.seq());
    assertEquals(15_00, afterSecond.aggregate());
    assertEquals(eur(85_00), payer.box().balance());
  }

  @Test
  public void pay_sameInstructionTwice_returnsSameToken() throws Exception {
    TestParty payer = payer(100_00);
    PaymentRequest request = requestTo(randomId(), 20_00);
    PaymentInstruction instruction = payer.host().approve(request, 20_00, issuer.now());
    TransferToken first = payer.box().pay(instruction);
    TransferToken again = payer.box().pay(instruction);
    assertEquals(first.record(), again.record());
    assertEquals(first.config(), again.config());
    assertEquals(eur(80_00), payer.box().balance(), "debited once");
    accept(request, again);
  }

  @Test
  public void pay_sameInstructionAfterRestart_returnsSameToken() throws Exception {
    TestParty payer = payer(100_00);
    PaymentRequest request = requestTo(randomId(), 20_00);
    PaymentInstruction instruction = payer.host().approve(request, 20_00, issuer.now());
    TransferToken first = payer.box().pay(instruction);
    MonEbox restarted = reopen(payer.box());
    TransferToken again = restarted.pay(instruction);
    assertEquals(first.record(), again.record());
    assertEquals(eur(80_00), restarted.balance());
  }

  @Test
  public void pay_sameStateWithAFreshApproval_returnsSameToken() throws Exception {
    TestParty payer = payer(100_00);
    PaymentRequest request = requestTo(randomId(), 20_00);
    TransferToken first = pay(payer, request, 20_00);
    TransferToken again = pay(payer, request, 20_00);
    assertEquals(first.record(), again.record());
    assertEquals(eur(80_00), payer.box().balance());
  }

  @Test
  public void pay_differentAmountOnSameState_refusedAsConflictingRetry() throws Exception {
    TestParty payer = payer(100_00);
    PaymentRequest open = issuer.openPaymentRequest(ArtState.fresh(issuer.freshArt(randomId())));
    pay(payer, open, 20_00);
    assertRefused(Reason.CONFLICTING_RETRY, payer.box(), () -> pay(payer, open, 30_00));
  }

  @Test
  public void pay_replayedCounter_refused() throws Exception {
    TestParty payer = payer(100_00);
    pay(payer, requestTo(randomId(), 10_00), 10_00);
    PaymentRequest next = requestTo(randomId(), 10_00);
    PaymentInstruction replay =
        payer.host().approve(next, 10_00, issuer.now(), payer.host().counter());
    assertRefused(Reason.APPROVAL_REPLAYED, payer.box(), () -> payer.box().pay(replay));
  }

  @Test
  public void pay_alteredApprovalMac_refused() throws Exception {
    TestParty payer = payer(100_00);
    PaymentInstruction good = payer.host().approve(requestTo(randomId(), 10_00), 10_00,
        issuer.now());
    byte[] mac = good.approvalMac();
    mac[0] ^= 1;
    PaymentInstruction altered = new PaymentInstruction(good.request(), good.amount(),
        good.hostTime(), good.bindingId(), good.counter(), mac);
    assertRefused(Reason.APPROVAL_INVALID, payer.box(), () -> payer.box().pay(altered));
  }

  @Test
  public void pay_approvalForAnotherAmount_refused() throws Exception {
    TestParty payer = payer(100_00);
    PaymentRequest open = issuer.openPaymentRequest(ArtState.fresh(issuer.freshArt(randomId())));
    PaymentInstruction approved = payer.host().approve(open, 10_00, issuer.now());
    PaymentInstruction raised = new PaymentInstruction(open, 90_00, approved.hostTime(),
        approved.bindingId(), approved.counter(), approved.approvalMac());
    assertRefused(Reason.APPROVAL_INVALID, payer.box(), () -> payer.box().pay(raised));
  }

  @Test
  public void pay_unknownBinding_refused() throws Exception {
    TestParty payer = payer(100_00);
    PaymentInstruction good = payer.host().approve(requestTo(randomId(), 10_00), 10_00,
        issuer.now());
    PaymentInstruction elsewhere = new PaymentInstruction(good.request(), good.amount(),
        good.hostTime(), 7, good.counter(), good.approvalMac());
    assertRefused(Reason.NOT_BOUND, payer.box(), () -> payer.box().pay(elsewhere));
  }

  @Test
  public void pay_aboveButtonThresholdWithoutPress_refused() throws Exception {
    TestParty payer = newParty(1, false);
    fund(payer, 500_00);
    PaymentRequest request = requestTo(randomId(), 150_00);
    ArtcashException e = assertRefused(Reason.BUTTON_REQUIRED, payer.box(),
        () -> pay(payer, request, 150_00));
    assertTrue(e.getMessage().contains("press the MonEbox button"), e.getMessage());
  }

  @Test
  public void pay_aboveButtonThresholdAfterPress_succeedsOncePerPress() throws Exception {
    TestParty payer = newParty(1, false);
    fund(payer, 500_00);
    payer.box().pressButton();
    PaymentRequest first = requestTo(randomId(), 150_00);
    accept(first, pay(payer, first, 150_00));
    assertRefused(Reason.BUTTON_REQUIRED, payer.box(),
        () -> pay(payer, requestTo(randomId(), 150_00), 150_00));
    assertEquals(eur(350_00), payer.box().balance());
  }

  /** A press arms the next payment attempted, not a later one: a refused payment uses it up. */
  @Test
  public void pay_refusedAfterItsApprovalVerified_usesUpTheButtonPress() throws Exception {
    TestParty payer = newParty(1, false);
    fund(payer, 500_00);
    payer.box().pressButton();
    ArtConfig dollars = issuer.freshArt(randomId(), ArtSpec.standard().withCurrency(USD));
    PaymentRequest refused = issuer.paymentRequest(ArtState.fresh(dollars), 150_00);
    assertRefused(Reason.CURRENCY_MISMATCH, payer.box(), () -> pay(payer, refused, 150_00));
    PaymentRequest other = requestTo(randomId(), 150_00);
    assertRefused(Reason.BUTTON_REQUIRED, payer.box(), () -> pay(payer, other, 150_00));
    payer.box().pressButton();
    accept(other, pay(payer, other, 150_00));
    assertEquals(eur(350_00), payer.box().balance());
  }

  @Test
  public void pay_smallPaymentRefused_usesUpTheButtonPress() throws Exception {
    TestParty payer = newParty(1, false);
    fund(payer, 500_00);
    payer.box().pressButton();
    PaymentRequest small = requestTo(randomId(), 10_00);
    assertRefused(Reason.AMOUNT_MISMATCH, payer.box(), () -> pay(payer, small, 12_00));
    assertRefused(Reason.BUTTON_REQUIRED, payer.box(),
        () -> pay(payer, requestTo(randomId(), 150_00), 150_00));
    assertEquals(eur(500_00), payer.box().balance());
  }

  /**
   * An instruction whose approval does not verify (altered, or for a binding the MonEbox does not
   * have) leaves the press armed: whoever has no binding cannot disarm the owner's press with junk.
   */
  @Test
  public void pay_junkApproval_leavesTheButtonPressArmed() throws Exception {
    TestParty payer = newParty(1, false);
    fund(payer, 500_00);
    PaymentRequest request = requestTo(randomId(), 150_00);
    payer.box().pressButton();
    PaymentInstruction good = payer.host().approve(request, 150_00, issuer.now());
    byte[] mac = good.approvalMac();
    mac[0] ^= 1;
    PaymentInstruction altered = new PaymentInstruction(request, 150_00, good.hostTime(),
        good.bindingId(), good.counter(), mac);
    PaymentInstruction unbound = new PaymentInstruction(request, 150_00, good.hostTime(), 7,
        good.counter(), good.approvalMac());
    assertRefused(Reason.APPROVAL_INVALID, payer.box(), () -> payer.box().pay(altered));
    assertRefused(Reason.NOT_BOUND, payer.box(), () -> payer.box().pay(unbound));
    accept(request, payer.box().pay(good));
    assertEquals(eur(350_00), payer.box().balance());
  }

  @Test
  public void setButtonThreshold_refused_usesUpTheButtonPress() throws Exception {
    TestParty p = newParty();
    p.box().setButtonThreshold(10_00);
    p.box().pressButton();
    assertRefused(Reason.WRONG_STATE, p.box(),
        () -> p.box().setButtonThreshold(TestIssuer.BUTTON_THRESHOLD + 1));
    assertRefused(Reason.BUTTON_REQUIRED, p.box(), () -> p.box().setButtonThreshold(50_00));
    assertEquals(10_00, p.box().status().buttonThreshold());
  }

  @Test
  public void setButtonThreshold_lowered_appliesToTheNextPayment() throws Exception {
    TestParty payer = payer(100_00);
    payer.box().setButtonThreshold(10_00);
    assertEquals(10_00, payer.box().status().buttonThreshold());
    assertRefused(Reason.BUTTON_REQUIRED, payer.box(),
        () -> pay(payer, requestTo(randomId(), 20_00), 20_00));
    pay(payer, requestTo(randomId(), 10_00), 10_00);
  }

  @Test
  public void setButtonThreshold_aboveTheIssuersThreshold_refused() throws Exception {
    TestParty p = newParty();
    p.box().pressButton();
    assertRefused(Reason.WRONG_STATE, p.box(),
        () -> p.box().setButtonThreshold(TestIssuer.BUTTON_THRESHOLD + 1));
  }

  @Test
  public void setButtonThreshold_raisedAgain_needsTheButton() throws Exception {
    TestParty p = newParty();
    p.box().setButtonThreshold(10_00);
    assertRefused(Reason.BUTTON_REQUIRED, p.box(), () -> p.box().setButtonThreshold(50_00));
    p.box().pressButton();
    p.box().setButtonThreshold(50_00);
    assertEquals(50_00, p.box().status().buttonThreshold());
  }

  @Test
  public void pay_abovePerBindingLimit_refused() throws Exception {
    TestParty payer = payer(100_00);
    TestHost limited = TestHost.pressAndBind(payer.box(), 10_00);
    PaymentRequest request = requestTo(randomId(), 20_00);
    assertRefused(Reason.USER_LIMIT_EXCEEDED, payer.box(),
        () -> payer.box().pay(limited.approve(request, 20_00, issuer.now())));
    payer.box().pay(limited.approve(requestTo(randomId(), 10_00), 10_00, issuer.now()));
    assertEquals(eur(90_00), payer.box().balance());
  }

  @Test
  public void pay_amountOtherThanRequested_refused() throws Exception {
    TestParty payer = payer(100_00);
    PaymentRequest request = requestTo(randomId(), 20_00);
    assertRefused(Reason.AMOUNT_MISMATCH, payer.box(), () -> pay(payer, request, 25_00));
  }

  @Test
  public void pay_requestWithoutAmount_paysTheApprovedAmount() throws Exception {
    TestParty payer = payer(100_00);
    PaymentRequest open = issuer.openPaymentRequest(ArtState.fresh(issuer.freshArt(randomId())));
    TransferToken token = pay(payer, open, 7_50);
    assertEquals(eur(7_50), token.amount());
    ArtRules.accept(open.state(), token, Optional.of(eur(7_50)), issuer.rootOnlyTrust());
  }

  @Test
  public void pay_expiredArt_refused() throws Exception {
    TestParty payer = payer(100_00);
    ArtConfig art = issuer.freshArt(randomId(),
        ArtSpec.standard().withValidity(Duration.ofDays(1), Duration.ofDays(30)));
    PaymentRequest request = issuer.paymentRequest(ArtState.fresh(art), 10_00);
    Instant later = issuer.now().plus(Duration.ofDays(2));
    ArtcashException e = assertRefused(Reason.EXPIRED, payer.box(),
        () -> payer.box().pay(payer.host().approve(request, 10_00, later)));
    assertTrue(e.getMessage().contains("fresh ART"), e.getMessage());
  }

  @Test
  public void pay_hostClockBehind_recordIsDatedAtTheTrustedTime() throws Exception {
    TestParty payer = payer(100_00);
    issuer.advance(Duration.ofHours(1));
    PaymentRequest request = requestTo(randomId(), 10_00);
    Instant hostTime = issuer.now().minus(Duration.ofDays(3));
    TransferToken token = payer.box().pay(payer.host().approve(request, 10_00, hostTime));
    assertEquals(request.state().config().issuedAt(), token.record().time());
    accept(request, token);
  }

  @Test
  public void pay_hostClockAhead_isNotStoredAsTrustedTime() throws Exception {
    TestParty payer = payer(100_00);
    PaymentRequest request = requestTo(randomId(), 10_00);
    Instant hostTime = issuer.now().plus(Duration.ofDays(3));
    TransferToken token = payer.box().pay(payer.host().approve(request, 10_00, hostTime));
    assertEquals(hostTime, token.record().time());
    assertEquals(request.state().config().issuedAt(), payer.box().status().trustedNow());
  }

  @Test
  public void updateRevocationList_advancesTheTrustedTimeToItsIssueTime() throws Exception {
    TestParty p = newParty();
    issuer.advance(Duration.ofDays(2));
    RevocationList list = issuer.revocationList(1);
    p.box().updateRevocationList(list, List.of(issuer.ca()));
    assertEquals(list.issuedAt(), p.box().status().trustedNow());
  }

  @Test
  public void pay_exhaustedArt_refused() throws Exception {
    TestParty payer = payer(100_00);
    ArtConfig art = issuer.freshArt(randomId(), ArtSpec.standard().withMaxPayments(1));
    PaymentRequest first = issuer.paymentRequest(ArtState.fresh(art), 10_00);
    ArtState used = accept(first, pay(payer, first, 10_00));
    assertRefused(Reason.ART_EXHAUSTED, payer.box(),
        () -> pay(payer, issuer.paymentRequest(used, 10_00), 10_00));
  }

  @Test
  public void pay_aboveTheArtsRemainingTotal_refused() throws Exception {
    TestParty payer = payer(100_00);
    ArtConfig art = issuer.freshArt(randomId(), ArtSpec.standard().withLimits(30_00, 40_00));
    PaymentRequest first = issuer.paymentRequest(ArtState.fresh(art), 30_00);
    ArtState used = accept(first, pay(payer, first, 30_00));
    assertRefused(Reason.ART_LIMIT_EXCEEDED, payer.box(),
        () -> pay(payer, issuer.paymentRequest(used, 20_00), 20_00));
  }

  @Test
  public void pay_artInAnotherCurrency_refused() throws Exception {
    TestParty payer = payer(100_00);
    ArtConfig dollars = issuer.freshArt(randomId(), ArtSpec.standard().withCurrency(USD));
    PaymentRequest request = issuer.paymentRequest(ArtState.fresh(dollars), 10_00);
    assertRefused(Reason.CURRENCY_MISMATCH, payer.box(), () -> pay(payer, request, 10_00));
  }

  @Test
  public void pay_moreThanTheBalance_refused() throws Exception {
    TestParty payer = payer(30_00);
    ArtcashException e = assertRefused(Reason.INSUFFICIENT_FUNDS, payer.box(),
        () -> pay(payer, requestTo(randomId(), 40_00), 40_00));
    assertTrue(e.getMessage().contains("redeem"), e.getMessage());
  }

  @Test
  public void pay_withoutPaymentKey_refused() throws Exception {
    MonEbox box = newMonEbox();
    issuer.personalise(box, 0, false);
    TestHost host = TestHost.pressAndBind(box, 0);
    PaymentRequest request = requestTo(randomId(), 10_00);
    ArtcashException e = assertRefused(Reason.NO_SUITABLE_PAYMENT_KEY, box,
        () -> box.pay(host.approve(request, 10_00, issuer.now())));
    assertTrue(e.getMessage().contains("payment-key certificate"), e.getMessage());
  }

  @Test
  public void pay_aboveEveryKeysLimit_refused() throws Exception {
    TestParty payer = payer(100_00); // a small key only: EUR 50.00 at most
    assertRefused(Reason.NO_SUITABLE_PAYMENT_KEY, payer.box(),
        () -> pay(payer, requestTo(randomId(), 60_00), 60_00));
  }

  @Test
  public void pay_afterTheCertifierExpired_refused() throws Exception {
    TestParty payer = payer(100_00);
    issuer.setNow(TestIssuer.CERTIFIERS_UNTIL.plus(Duration.ofDays(1)));
    PaymentRequest request = requestTo(randomId(), 10_00);
    assertRefused(Reason.NO_SUITABLE_PAYMENT_KEY, payer.box(), () -> pay(payer, request, 10_00));
  }

  @Test
  public void pay_revokedPaymentKey_refused() throws Exception {
    TestParty payer = payer(100_00);
    TransferToken token = pay(payer, requestTo(randomId(), 10_00), 10_00);
    RevocationList list = issuer.revocationList(1, token.record().keyCertificate().paymentKeyId());
    payer.box().updateRevocationList(list, List.of(issuer.ca()));
    assertRefused(Reason.NO_SUITABLE_PAYMENT_KEY, payer.box(),
        () -> pay(payer, requestTo(randomId(), 10_00), 10_00));
  }

  @Test
  public void updateRevocationList_olderSequence_isIgnored() throws Exception {
    TestParty payer = payer(100_00);
    TransferToken token = pay(payer, requestTo(randomId(), 10_00), 10_00);
    payer.box().updateRevocationList(issuer.revocationList(2), List.of(issuer.ca()));
    payer.box().updateRevocationList(
        issuer.revocationList(1, token.record().keyCertificate().paymentKeyId()),
        List.of(issuer.ca()));
    pay(payer, requestTo(randomId(), 10_00), 10_00);
    assertEquals(eur(80_00), payer.box().balance());
  }

  @Test
  public void updateRevocationList_notSignedByTheCa_refused() throws Exception {
    TestParty p = newParty();
    RevocationList forged = RevocationList.issue(hostSigner(), 1, issuer.now(),
        issuer.now().plus(Duration.ofDays(7)), List.of());
    assertRefused(Reason.UNKNOWN_ISSUER, p.box(),
        () -> p.box().updateRevocationList(forged, List.of(issuer.ca())));
  }

  @Test
  public void pay_artNotSignedByTheFactory_refused() throws Exception {
    TestParty payer = payer(100_00);
    ArtConfig forged = ArtConfig.sign(new ArtConfig.Terms(randomId(), randomId(), ArtKind.PAYMENT,
        TestIssuer.EUR, issuer.now(), issuer.now().plus(Duration.ofDays(1)),
        issuer.now().plus(Duration.ofDays(2)), 10, 100_00, 1000_00, "forger", ""), hostSigner());
    PaymentRequest request = issuer.paymentRequest(ArtState.fresh(forged), 10_00);
    assertRefused(Reason.UNKNOWN_ISSUER, payer.box(), () -> pay(payer, request, 10_00));
  }

  @Test
  public void pay_artWhoseLastPaymentIsForged_refused() throws Exception {
    TestParty payer = payer(100_00);
    ArtConfig art = issuer.freshArt(randomId());
    ArtState forgedState = ArtState.after(art, forgedRecord(ArtState.fresh(art), 5_00));
    PaymentRequest request =
        new PaymentRequest(forgedState, OptionalLong.of(10_00), chainWithCertifier());
    assertRefused(Reason.BAD_SIGNATURE, payer.box(), () -> pay(payer, request, 10_00));
  }

  // --- redemption (sec. 2.3, note 9)

  @Test
  public void redeem_ownToken_creditsTheAggregate() throws Exception {
    TestParty payer = payer(100_00);
    TestParty payee = newParty();
    TransferToken token = pay(payer, requestTo(payee.pseudonym(), 30_00), 30_00);
    RedeemResult r = payee.box().redeem(issuer.forRedemption(token));
    assertEquals(eur(30_00), r.credited());
    assertEquals(eur(30_00), r.totalRedeemed());
    assertEquals(eur(30_00), r.balance());
    assertEquals(eur(30_00), payee.box().balance());
  }

  @Test
  public void redeem_sameTokenTwice_creditsOnce() throws Exception {
    TestParty payer = payer(100_00);
    TestParty payee = newParty();
    TransferToken token = pay(payer, requestTo(payee.pseudonym(), 30_00), 30_00);
    payee.box().redeem(issuer.forRedemption(token));
    RedeemResult again = payee.box().redeem(issuer.forRedemption(token));
    assertEquals(eur(0), again.credited());
    assertEquals(eur(30_00), again.totalRedeemed());
    assertEquals(eur(30_00), payee.box().balance());
  }

  @Test
  public void redeem_olderStateAfterNewer_creditsNothing() throws Exception {
    TestParty payer = payer(100_00);
    TestParty payee = newParty();
    ArtConfig art = issuer.freshArt(payee.pseudonym());
    PaymentRequest first = issuer.paymentRequest(ArtState.fresh(art), 10_00);
    TransferToken older = pay(payer, first, 10_00);
    PaymentRequest second = issuer.paymentRequest(accept(first, older), 15_00);
    TransferToken newer = pay(payer, second, 15_00);
    assertEquals(eur(25_00), payee.box().redeem(issuer.forRedemption(newer)).credited());
    assertEquals(eur(0), payee.box().redeem(issuer.forRedemption(older)).credited());
    assertEquals(eur(25_00), payee.box().balance());
  }

  @Test
  public void redeem_newerStateAfterOlder_creditsTheDifference() throws Exception {
    TestParty payer = payer(100_00);
    TestParty payee = newParty();
    ArtConfig art = issuer.freshArt(payee.pseudonym());
    PaymentRequest first = issuer.paymentRequest(ArtState.fresh(art), 10_00);
    TransferToken older = pay(payer, first, 10_00);
    assertEquals(eur(10_00), payee.box().redeem(issuer.forRedemption(older)).credited());
    TransferToken newer = pay(payer, issuer.paymentRequest(accept(first, older), 15_00), 15_00);
    RedeemResult r = payee.box().redeem(issuer.forRedemption(newer));
    assertEquals(eur(15_00), r.credited());
    assertEquals(eur(25_00), r.totalRedeemed());
  }

  @Test
  public void redeem_someoneElsesArt_refused() throws Exception {
    TestParty payer = payer(100_00);
    TestParty payee = newParty();
    TestParty thief = newParty();
    TransferToken token = pay(payer, requestTo(payee.pseudonym(), 30_00), 30_00);
    ArtcashException e = assertRefused(Reason.FOREIGN_ART, thief.box(),
        () -> thief.box().redeem(issuer.forRedemption(token)));
    assertTrue(e.getMessage().contains("belongs to someone else"), e.getMessage());
  }

  @Test
  public void redeem_afterRedeemUntil_refused() throws Exception {
    TestParty payer = payer(100_00);
    TestParty payee = newParty();
    ArtConfig art = issuer.freshArt(payee.pseudonym(),
        ArtSpec.standard().withValidity(Duration.ofDays(1), Duration.ofDays(1)));
    TransferToken token = pay(payer, issuer.paymentRequest(ArtState.fresh(art), 30_00), 30_00);
    issuer.setNow(art.redeemUntil().plus(Duration.ofHours(1)));
    // the MonEbox learns the time from an issuer-signed revocation list
    payee.box().updateRevocationList(issuer.revocationList(1), List.of(issuer.ca()));
    assertRefused(Reason.REDEMPTION_CLOSED, payee.box(),
        () -> payee.box().redeem(issuer.forRedemption(token)));
  }

  @Test
  public void redeem_tokenSignedByAHostMadeKey_refused() throws Exception {
    TestParty payee = newParty();
    ArtConfig art = issuer.freshArt(payee.pseudonym());
    TransferToken forged = new TransferToken(art, forgedRecord(ArtState.fresh(art), 40_00),
        List.of(issuer.smallCertifier().certificate(), issuer.ca()));
    assertRefused(Reason.BAD_SIGNATURE, payee.box(),
        () -> payee.box().redeem(issuer.forRedemption(forged)));
  }

  @Test
  public void redeem_tokenWithInflatedAggregate_refused() throws Exception {
    TestParty payer = payer(100_00);
    TestParty payee = newParty();
    TransferToken token = pay(payer, requestTo(payee.pseudonym(), 10_00), 10_00);
    PaymentRecord.Fields f = token.record().fields();
    PaymentRecord inflated = PaymentRecord.of(new PaymentRecord.Fields(f.artId(), f.seq(),
        f.amount(), f.aggregate() + 90_00, f.time(), f.prevHash(), f.keyUse(),
        f.keyCertificate()), token.record().signature());
    TransferToken altered = new TransferToken(token.config(), inflated, token.chain());
    assertRefused(Reason.BAD_SIGNATURE, payee.box(),
        () -> payee.box().redeem(issuer.forRedemption(altered)));
  }

  // --- credentials (sec. 3.3)

  @Test
  public void requestPaymentKeyCertification_thenInstall_makesTheKeyUsable() throws Exception {
    MonEbox box = newMonEbox();
    issuer.personalise(box, 0, false);
    CertificationRequest request = box.requestPaymentKeyCertification(
        issuer.smallCertifier().certificate(), issuer.smallCertifier().chain(), issuer.now());
    assertTrue(request.verifySeal());
    assertEquals(box.deviceCertificate(), request.deviceCertificate());
    MonEboxStatus.PaymentKeyInfo pending = box.status().paymentKeys().get(0);
    assertFalse(pending.certified());
    MonEboxStatus.PaymentKeyInfo installed =
        box.installPaymentKeyCertificate(issuer.certify(request));
    assertTrue(installed.certified());
    assertEquals(TestIssuer.SMALL_CLASS, installed.classId());
    assertEquals(100, installed.usesLeft());
    assertEquals(List.of(installed), box.status().paymentKeys());
  }

  @Test
  public void requestPaymentKeyCertification_whilePending_returnsTheSameRequest() throws Exception {
    MonEbox box = newMonEbox();
    issuer.personalise(box, 0, false);
    CertificationRequest first = box.requestPaymentKeyCertification(
        issuer.smallCertifier().certificate(), issuer.smallCertifier().chain(), issuer.now());
    CertificationRequest again = box.requestPaymentKeyCertification(
        issuer.smallCertifier().certificate(), issuer.smallCertifier().chain(), issuer.now());
    assertEquals(first.requestHash(), again.requestHash());
    assertEquals(1, box.status().paymentKeys().size());
    box.installPaymentKeyCertificate(issuer.certify(again));
  }

  @Test
  public void installPaymentKeyCertificate_sameAnswerTwice_installsOnce() throws Exception {
    MonEbox box = newMonEbox();
    issuer.personalise(box, 0, false);
    CertificationResponse answer = issuer.certify(box.requestPaymentKeyCertification(
        issuer.smallCertifier().certificate(), issuer.smallCertifier().chain(), issuer.now()));
    MonEboxStatus.PaymentKeyInfo first = box.installPaymentKeyCertificate(answer);
    assertEquals(first, box.installPaymentKeyCertificate(answer));
    assertEquals(1, box.status().paymentKeys().size());
  }

  /**
   * The issuer publishes next period's certifier before it is valid. Offered with a host clock
   * months ahead (no approval is needed to ask), it must not move the MonEbox's trusted time: only
   * times the issuer signed at do, else every ART received but not yet redeemed whose redemption
   * window closes before the certifier's notBefore would be lost.
   */
  @Test
  public void requestPaymentKeyCertification_certifierValidOnlyLater_leavesTheTrustedTime()
      throws Exception {
    TestParty payer = payer(100_00);
    TestParty payee = newParty();
    ArtConfig art = issuer.freshArt(payee.pseudonym());
    TransferToken token = pay(payer, issuer.paymentRequest(ArtState.fresh(art), 30_00), 30_00);
    Instant trusted = payee.box().status().trustedNow();
    Instant from = art.redeemUntil().plus(Duration.ofDays(30));
    CertifierOffer next = issuer.nextSmallCertifier(from, from.plus(Duration.ofDays(365)));

    CertificationRequest request = payee.box().requestPaymentKeyCertification(next.certificate(),
        next.chain(), from.plus(Duration.ofDays(1)));

    assertTrue(request.verifySeal());
    assertEquals(trusted, payee.box().status().trustedNow());
    assertEquals(eur(30_00), payee.box().redeem(issuer.forRedemption(token)).credited());
    PaymentRequest onward = requestTo(randomId(), 10_00);
    accept(onward, pay(payee, onward, 10_00));
    assertEquals(eur(20_00), payee.box().balance());
  }

  @Test
  public void requestPaymentKeyCertification_classAboveTheDeviceClass_refused() throws Exception {
    MonEbox box = newMonEbox();
    issuer.personalise(box, 0, false);
    assertRefused(Reason.WRONG_DEVICE_CLASS, box, () -> box.requestPaymentKeyCertification(
        issuer.largeCertifier().certificate(), issuer.largeCertifier().chain(), issuer.now()));
  }

  @Test
  public void requestPaymentKeyCertification_certificateOfAnotherRole_refused() throws Exception {
    MonEbox box = newMonEbox();
    issuer.personalise(box, 0, false);
    assertRefused(Reason.WRONG_ROLE, box, () -> box.requestPaymentKeyCertification(
        issuer.factoryCertificate(), List.of(issuer.ca()), issuer.now()));
  }

  /** How many payment keys a MonEbox holds is its own design; it must say when it is full. */
  @Test
  public void requestPaymentKeyCertification_allSlotsHoldUsableKeys_refused() throws Exception {
    TestParty p = newParty();
    int keys = p.box().status().paymentKeys().size();
    ArtcashException full = null;
    while (full == null && keys <= 16) {
      try {
        issuer.equipPaymentKey(p.box(), issuer.smallCertifier());
        keys++;
      } catch (ArtcashException e) {
        full = e;
      }
    }
    assertTrue(full != null, "a MonEbox holds a limited number of payment keys");
    assertEquals(Reason.CAPACITY_EXCEEDED, full.reason(), full::describe);
    assertEquals(keys, p.box().status().paymentKeys().size());
    assertRefused(Reason.CAPACITY_EXCEEDED, p.box(), () -> p.box().requestPaymentKeyCertification(
        issuer.smallCertifier().certificate(), issuer.smallCertifier().chain(), issuer.now()));
  }

  @Test
  public void installPaymentKeyCertificate_unknownRequest_refused() throws Exception {
    TestParty p = newParty();
    CertificationResponse stray = new CertificationResponse(randomHash(),
        issuer.smallCertifier().certificate().subjectKeyId(), new byte[256]);
    assertRefused(Reason.NOT_FOUND, p.box(), () -> p.box().installPaymentKeyCertificate(stray));
  }

  @Test
  public void installPaymentKeyCertificate_signatureForAnotherRequest_refused() throws Exception {
    MonEbox a = newMonEbox();
    issuer.personalise(a, 0, false);
    MonEbox b = newMonEbox();
    issuer.personalise(b, 0, false);
    CertificationRequest forA = a.requestPaymentKeyCertification(
        issuer.smallCertifier().certificate(), issuer.smallCertifier().chain(), issuer.now());
    CertificationResponse forB = issuer.certify(b.requestPaymentKeyCertification(
        issuer.smallCertifier().certificate(), issuer.smallCertifier().chain(), issuer.now()));
    CertificationResponse mixed = new CertificationResponse(forA.requestHash(),
        forB.certifierKeyId(), forB.blindSignature());
    assertRefused(Reason.BAD_SIGNATURE, a, () -> a.installPaymentKeyCertificate(mixed));
  }

  /**
   * Requirement (c): the host cannot obtain a certificate for a key of its own. The MonEbox has no
   * operation that seals a blinded message it did not make itself, so the host must seal one on
   * its own, which the certifier refuses because the seal does not verify under the device key.
   */
  @Test
  public void certify_requestSealedByTheHostForItsOwnKey_refusedByTheCertifier() throws Exception {
    TestParty p = newParty();
    EcSigner hostKey = hostSigner();
    Certificate certifier = issuer.smallCertifier().certificate();
    byte[] message = PaymentKeyCertificate.messageToSign(certifier.subjectKeyId(),
        hostKey.publicKey());
    BlindRsa.Blinding blinding = BlindRsa.blind(certifier.rsaPublicKey(), message, RANDOM);
    CertificationRequest selfSealed = CertificationRequest.seal(p.box().deviceCertificate(),
        certifier.subjectKeyId(), blinding.blindedMessage(), issuer.now(), randomId(), hostKey);
    assertFalse(selfSealed.verifySeal());
    ArtcashException e = assertThrows(ArtcashException.class, () -> issuer.certify(selfSealed));
    assertEquals(Reason.BAD_SIGNATURE, e.reason());
  }

  /**
   * Requirement (c), the other way round: the certifier's answer to a genuine device request cannot
   * be unblinded by the host into a certificate for the host's key; the blinding secret never
   * leaves the MonEbox, and the signature is over the device's own payment key.
   */
  @Test
  public void installPaymentKeyCertificate_answerCannotCertifyAHostKey() throws Exception {
    TestParty p = newParty();
    Certificate certifier = issuer.smallCertifier().certificate();
    RSAPublicKey rsa = certifier.rsaPublicKey();
    CertificationResponse answer = issuer.certify(p.box().requestPaymentKeyCertification(
        certifier, issuer.smallCertifier().chain(), issuer.now()));
    EcSigner hostKey = hostSigner();
    byte[] hostMessage =
        PaymentKeyCertificate.messageToSign(certifier.subjectKeyId(), hostKey.publicKey());
    BlindRsa.Blinding hostBlinding = BlindRsa.blind(rsa, hostMessage, RANDOM);
    ArtcashException e = assertThrows(ArtcashException.class, () -> BlindRsa.finalizeSignature(
        rsa, hostMessage, hostBlinding, answer.blindSignature()));
    assertEquals(Reason.BAD_SIGNATURE, e.reason());
    PaymentKeyCertificate raw = PaymentKeyCertificate.of(certifier.subjectKeyId(),
        hostKey.publicKey(), hostBlinding.prefix(), answer.blindSignature());
    assertFalse(raw.verify(rsa));
    assertTrue(p.box().installPaymentKeyCertificate(answer).certified());
  }

  @Test
  public void requestArts_isSealedByTheDeviceForItsPseudonym() throws Exception {
    TestParty p = newParty();
    ArtRequest.Wish wish = new ArtRequest.Wish(ArtKind.PAYMENT, 2, 50, 100_00, 1_000_00);
    ArtRequest request = p.box().requestArts(wish, issuer.now());
    assertTrue(request.verifySeal());
    assertEquals(p.pseudonym(), request.pseudonym());
    assertEquals(wish, request.wish());
    ArtGrant grant = issuer.artsFor(request);
    assertEquals(2, grant.arts().size());
    assertEquals(p.pseudonym(), grant.arts().get(0).owner());
  }

  private static Bytes randomHash() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Bytes.copyOf(b);
  }

  // --- issuance (sec. 6)

  @Test
  public void execute_orderSignedByTheQuorum_issuesMoney() throws Exception {
    TestParty c = newParty(1, true);
    MonEboxStatus.Supply s = c.box().execute(issuer.issuanceOrder(c.device().deviceId(), 1,
        IssuanceOrder.Kind.ISSUE, eur(1_000_00), 0, 2));
    assertEquals(new MonEboxStatus.Supply(eur(1_000_00), eur(0), 1), s);
    assertEquals(eur(1_000_00), c.box().balance());
    assertEquals(Optional.of(s), c.box().status().supply());
  }

  @Test
  public void execute_orderWithOneSignatureTooFew_refused() throws Exception {
    TestParty c = newParty(1, true);
    IssuanceOrder order = issuer.issuanceOrder(c.device().deviceId(), 1, IssuanceOrder.Kind.ISSUE,
        eur(1_000_00), 1);
    ArtcashException e = assertRefused(Reason.QUORUM_NOT_MET, c.box(),
        () -> c.box().execute(order));
    assertTrue(e.getMessage().contains("1 valid"), e.getMessage());
  }

  @Test
  public void execute_sameOrderTwice_issuesOnce() throws Exception {
    TestParty c = newParty(1, true);
    IssuanceOrder order = issuer.issuanceOrder(c.device().deviceId(), 1, IssuanceOrder.Kind.ISSUE,
        eur(1_000_00), 0, 1);
    MonEboxStatus.Supply first = c.box().execute(order);
    assertEquals(first, c.box().execute(order));
    assertEquals(eur(1_000_00), c.box().balance());
  }

  @Test
  public void execute_skippedOrderNumber_refused() throws Exception {
    TestParty c = newParty(1, true);
    IssuanceOrder third = issuer.issuanceOrder(c.device().deviceId(), 3, IssuanceOrder.Kind.ISSUE,
        eur(1_000_00), 0, 1);
    assertRefused(Reason.ORDER_OUT_OF_SEQUENCE, c.box(), () -> c.box().execute(third));
  }

  @Test
  public void execute_executedNumberWithOtherContent_refused() throws Exception {
    TestParty c = newParty(1, true);
    c.box().execute(issuer.issuanceOrder(c.device().deviceId(), 1, IssuanceOrder.Kind.ISSUE,
        eur(1_000_00), 0, 1));
    IssuanceOrder other = issuer.issuanceOrder(c.device().deviceId(), 1, IssuanceOrder.Kind.ISSUE,
        eur(9_000_00), 0, 1);
    assertRefused(Reason.ORDER_OUT_OF_SEQUENCE, c.box(), () -> c.box().execute(other));
  }

  @Test
  public void execute_onAnOrdinaryMonEbox_refused() throws Exception {
    TestParty p = newParty();
    IssuanceOrder order = issuer.issuanceOrder(p.device().deviceId(), 1, IssuanceOrder.Kind.ISSUE,
        eur(1_000_00), 0, 1, 2);
    assertRefused(Reason.NOT_ISSUER_DEVICE, p.box(), () -> p.box().execute(order));
  }

  @Test
  public void execute_orderForAnotherIssuerDevice_refused() throws Exception {
    TestParty c = newParty(1, true);
    IssuanceOrder order = issuer.issuanceOrder(randomId(), 1, IssuanceOrder.Kind.ISSUE,
        eur(1_000_00), 0, 1);
    assertRefused(Reason.NOT_ISSUER_DEVICE, c.box(), () -> c.box().execute(order));
  }

  @Test
  public void execute_destroy_reducesBalanceAndCountsDestroyed() throws Exception {
    TestParty c = newParty(1, true);
    Bytes id = c.device().deviceId();
    c.box().execute(issuer.issuanceOrder(id, 1, IssuanceOrder.Kind.ISSUE, eur(1_000_00), 0, 1));
    MonEboxStatus.Supply s = c.box().execute(
        issuer.issuanceOrder(id, 2, IssuanceOrder.Kind.DESTROY, eur(400_00), 1, 2));
    assertEquals(new MonEboxStatus.Supply(eur(1_000_00), eur(400_00), 2), s);
    assertEquals(eur(600_00), c.box().balance());
  }

  @Test
  public void execute_destroyMoreThanTheBalance_refused() throws Exception {
    TestParty c = newParty(1, true);
    IssuanceOrder order = issuer.issuanceOrder(c.device().deviceId(), 1,
        IssuanceOrder.Kind.DESTROY, eur(1_00), 0, 1);
    assertRefused(Reason.INSUFFICIENT_FUNDS, c.box(), () -> c.box().execute(order));
  }

  // --- tamper response (sec. 4.2)

  @Test
  public void tamper_keepsTheBalanceAndRefusesToPay() throws Exception {
    TestParty payer = payer(100_00);
    PaymentRequest request = requestTo(randomId(), 10_00);
    payer.box().tamper();
    assertEquals(DeviceState.DISABLED, payer.box().status().state());
    assertEquals(eur(100_00), payer.box().balance());
    assertRefused(Reason.DISABLED, payer.box(), () -> pay(payer, request, 10_00));
  }

  @Test
  public void tamper_afterALostReply_theStoredTokenCanStillBeDelivered() throws Exception {
    TestParty payer = payer(100_00);
    PaymentRequest request = requestTo(randomId(), 20_00);
    PaymentInstruction instruction = payer.host().approve(request, 20_00, issuer.now());
    TransferToken lost = payer.box().pay(instruction);
    payer.box().tamper();
    TransferToken again = payer.box().pay(instruction);
    assertEquals(lost.record(), again.record());
    assertEquals(eur(80_00), payer.box().balance(), "debited once, before the tamper");
    accept(request, again);
    assertRefused(Reason.DISABLED, payer.box(),
        () -> payer.box().pay(payer.host().approve(request, 25_00, issuer.now())));
  }

  @Test
  public void tamper_erasesPaymentKeysAndBindings() throws Exception {
    TestParty p = newParty();
    assertNotEquals(List.of(), p.box().status().paymentKeys());
    p.box().tamper();
    MonEboxStatus s = p.box().status();
    assertEquals(List.of(), s.paymentKeys());
    assertEquals(0, s.bindings());
  }

  @Test
  public void tamper_refusesRedemption() throws Exception {
    TestParty payer = payer(100_00);
    TestParty payee = newParty();
    TransferToken token = pay(payer, requestTo(payee.pseudonym(), 10_00), 10_00);
    payee.box().tamper();
    assertRefused(Reason.DISABLED, payee.box(),
        () -> payee.box().redeem(issuer.forRedemption(token)));
  }

  @Test
  public void recoveryStatement_afterTamper_isSignedByTheDevice() throws Exception {
    TestParty payer = payer(100_00);
    payer.box().tamper();
    RecoveryStatement statement = payer.box().recoveryStatement();
    RecoveryStatement decoded = RecoveryStatement.decode(statement.encode());
    assertTrue(decoded.verify(payer.device().certificate().publicKey()));
    assertEquals(payer.device().deviceId(), decoded.deviceId());
    assertEquals(eur(100_00), decoded.balance());
  }

  @Test
  public void recoveryStatement_whileActive_refused() throws Exception {
    TestParty p = newParty();
    assertRefused(Reason.WRONG_STATE, p.box(), p.box()::recoveryStatement);
  }
}
