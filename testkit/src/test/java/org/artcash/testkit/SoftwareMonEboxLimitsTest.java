package org.artcash.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.money.Amount;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.MonEboxStatus;
import org.artcash.monebox.PaymentInstruction;
import org.artcash.monebox.software.InMemoryMonotonicCounter;
import org.artcash.monebox.software.InMemoryStateStore;
import org.artcash.monebox.software.SoftwareMonEbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The software MonEbox's fixed capacities: 4 payment keys, an idempotency log of the last 32
 * payments, and 256 ARTs whose redemption window is open. Each limit refuses clearly and never
 * lets money be paid or credited twice.
 */
class SoftwareMonEboxLimitsTest {
  private TestIssuer issuer;
  private TestMint mint;

  @BeforeEach
  void setUp() throws ArtcashException {
    issuer = TestIssuer.create();
    mint = new TestMint(issuer, box());
  }

  private static MonEbox box() {
    return SoftwareMonEbox.open(new InMemoryStateStore(), new InMemoryMonotonicCounter());
  }

  private static Amount eur(long minor) {
    return Amount.of(TestIssuer.EUR, minor);
  }

  private PaymentRequest freshRequest(TestParty payee, long amount) {
    return issuer.paymentRequest(ArtState.fresh(issuer.freshArt(payee.pseudonym())), amount);
  }

  @Test
  void redeem_moreOpenArtsThanTheTableHolds_refusedUntilOneCloses() throws Exception {
    TestParty payer = TestParty.create(issuer, box(), 0, false);
    issuer.equipPaymentKey(payer.box(), issuer.smallCertifier());
    issuer.equipPaymentKey(payer.box(), issuer.smallCertifier()); // 300 uses
    mint.fund(payer, 300_00);
    TestParty payee = TestParty.create(issuer, box(), 0, false);

    ArtConfig early = issuer.freshArt(payee.pseudonym(), TestIssuer.ArtSpec.standard()
        .withValidity(Duration.ofDays(1), Duration.ofDays(1)));
    TransferToken earlyToken =
        payer.pay(issuer, issuer.paymentRequest(ArtState.fresh(early), 1), 1);
    payee.box().redeem(issuer.forRedemption(earlyToken));
    for (int i = 1; i < 256; i++) {
      payee.box().redeem(issuer.forRedemption(payer.pay(issuer, freshRequest(payee, 1), 1)));
    }
    TransferToken oneTooMany = issuer.forRedemption(payer.pay(issuer, freshRequest(payee, 1), 1));
    MonEboxStatus before = payee.box().status();
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> payee.box().redeem(oneTooMany));
    assertEquals(Reason.CAPACITY_EXCEEDED, e.reason(), e::describe);
    assertEquals(before, payee.box().status());

    // Once the early ART's redemption window has closed (the MonEbox learns the time from a
    // signed revocation list), its entry makes room: the early ART is refused anyway.
    issuer.setNow(early.redeemUntil().plus(Duration.ofMinutes(1)));
    payee.box().updateRevocationList(issuer.revocationList(1), List.of(issuer.ca()));
    assertEquals(eur(1), payee.box().redeem(oneTooMany).credited());
    assertEquals(eur(257), payee.box().balance());
    e = assertThrows(ArtcashException.class,
        () -> payee.box().redeem(issuer.forRedemption(earlyToken)));
    assertEquals(Reason.REDEMPTION_CLOSED, e.reason());
  }

  @Test
  void pay_retryOlderThanTheLog_refusedAsReplayAndNotPaidTwice() throws Exception {
    TestParty payer = TestParty.create(issuer, box(), 0, false);
    mint.fund(payer, 100_00);
    TestParty payee = TestParty.create(issuer, box(), 0, false);
    List<PaymentInstruction> instructions = new ArrayList<>();
    List<TransferToken> tokens = new ArrayList<>();
    for (int i = 0; i < 33; i++) {
      PaymentInstruction in = payer.host().approve(freshRequest(payee, 1_00), 1_00, issuer.now());
      instructions.add(in);
      tokens.add(payer.box().pay(in));
    }
    assertEquals(eur(67_00), payer.box().balance());
    assertEquals(tokens.get(1).record(), payer.box().pay(instructions.get(1)).record());
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> payer.box().pay(instructions.get(0)));
    assertEquals(Reason.APPROVAL_REPLAYED, e.reason(), e::describe);
    assertEquals(eur(67_00), payer.box().balance());
  }

  @Test
  void requestPaymentKeyCertification_allSlotsFull_reusesTheSlotOfAUsedUpKey() throws Exception {
    TestParty payer = TestParty.create(issuer, box(), 1, false); // small and large key
    issuer.equipPaymentKey(payer.box(), issuer.smallCertifier());
    issuer.equipPaymentKey(payer.box(), issuer.smallCertifier());
    mint.fund(payer, 1_300_00);
    TestParty payee = TestParty.create(issuer, box(), 0, false);
    for (int i = 0; i < 20; i++) { // the large key's 20 uses, above the small keys' limit
      payer.pay(issuer, freshRequest(payee, 60_00), 60_00);
    }
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> payer.pay(issuer, freshRequest(payee, 60_00), 60_00));
    assertEquals(Reason.NO_SUITABLE_PAYMENT_KEY, e.reason());

    MonEboxStatus.PaymentKeyInfo renewed = issuer.equipPaymentKey(payer.box(),
        issuer.largeCertifier());
    assertEquals(TestIssuer.LARGE_CLASS, renewed.classId());
    assertEquals(0, renewed.used());
    assertEquals(4, payer.box().status().paymentKeys().size());
    payer.pay(issuer, freshRequest(payee, 60_00), 60_00);
    assertEquals(eur(1_300_00 - 21 * 60_00), payer.box().balance());
  }

  @Test
  void pay_severalKeysFit_theKeyWithTheSmallestLimitSigns() throws Exception {
    TestParty payer = TestParty.create(issuer, box(), 1, false); // small and large key
    mint.fund(payer, 100_00);
    TestParty payee = TestParty.create(issuer, box(), 0, false);
    TransferToken small = payer.pay(issuer, freshRequest(payee, 10_00), 10_00);
    TransferToken large = payer.pay(issuer, freshRequest(payee, 60_00), 60_00);
    assertEquals(issuer.smallCertifier().certificate().subjectKeyId(),
        small.record().keyCertificate().certifierKeyId());
    assertEquals(issuer.largeCertifier().certificate().subjectKeyId(),
        large.record().keyCertificate().certifierKeyId());
  }
}
