package org.artcash.cli.system;

import static org.artcash.cli.system.SystemWorld.eur;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.issuer.inspection.InspectionService;
import org.artcash.purse.EPurse;
import org.artcash.purse.PurseStatus;
import org.artcash.purse.Receipt;
import org.artcash.purse.RefreshReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.artcash.testkit.PowerCut;

/**
 * Fixed sequences through the whole system around a payment whose reply is lost (de Jong 2024,
 * sec. 2.3: "repeating the payment request will result in exactly the same result"), with exact
 * balances. The issuer issues EUR 10,000.00 and preloads Anna with EUR 200.00; Anna pays Bram.
 */
class LostPaymentScenariosTest {
  private static final int CENTRAL = 0;
  private static final int ANNA = 1;
  private static final int BRAM = 2;
  private static final int CHLOE = 3;

  @TempDir
  Path dir;
  private SystemWorld world;

  @BeforeEach
  void issueAndPreload() throws Exception {
    world = SystemWorld.create(dir, List.of("Anna", "Bram", "Chloe"));
    world.issue(10_000_00);
    PaymentRequest preload = purse(ANNA).requestPayment(Optional.of(eur(200_00)));
    world.party(CENTRAL).link().pressButton(); // above the EUR 50.00 threshold
    purse(ANNA).accept(purse(CENTRAL).pay(preload, eur(200_00)));
    purse(ANNA).redeemAll();
    assertEquals(eur(200_00), purse(ANNA).balance());
  }

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void lostReply_payerCrashesBeforeRetry_thenRefreshPastExpiry_everyCentIsWhereItShouldBe()
      throws Exception {
    PaymentRequest request = purse(BRAM).requestPayment(Optional.of(eur(30_00)));
    Bytes art = request.state().config().artId();
    payWithReplyLost(request, eur(30_00));
    assertEquals(eur(170_00), purse(ANNA).balance(), "the MonEbox paid once");

    world.crash(ANNA);
    assertEquals(eur(170_00), purse(ANNA).balance(), "a restart moves no money");
    TransferToken token = purse(ANNA).pay(request, eur(30_00));
    assertEquals(eur(170_00), purse(ANNA).balance(), "the retry returned the stored token");
    Receipt receipt = purse(BRAM).accept(token);
    assertEquals(receipt, purse(BRAM).accept(token), "accepted twice, credited once");
    assertEquals(eur(30_00), receipt.artTotal());

    world.clock.advance(Duration.ofDays(31)); // every ART issued at the start has expired
    RefreshReport bram = purse(BRAM).refresh(world.agent());
    RefreshReport anna = purse(ANNA).refresh(world.agent());

    assertTrue(bram.artsReturned().contains(art), "the paid ART went back to the factory");
    assertEquals(3, bram.artsReturned().size());
    assertEquals(3, anna.artsReturned().size());
    assertEquals(3, bram.artsReceived().size(), "fresh ARTs");
    assertEquals(eur(9_800_00), purse(CENTRAL).balance());
    assertEquals(eur(170_00), purse(ANNA).balance());
    assertEquals(eur(30_00), purse(BRAM).balance());
    assertEquals(eur(0), purse(CHLOE).balance());
    for (int i = 0; i < world.size(); i++) {
      assertEquals(eur(0), purse(i).status().unredeemed(), world.party(i).name);
    }
    assertEquals(eur(10_000_00), world.supply().outstanding());
    InspectionService inspection = world.issuer.inspection();
    assertEquals(List.of(), inspection.anomalies());
    assertEquals(new InspectionService.Summary(6, 2, List.of(eur(230_00)), 0),
        inspection.summary(), "Bram's and Anna's ARTs, with the EUR 30 and EUR 200 payments");
  }

  /**
   * The payee keeps an expired ART in an open request for a day (PursePolicy.inUseGrace) so a
   * late token can still arrive; the payer's MonEbox holds that token.
   */
  @Test
  void lostReply_payerCrashes_artExpiresBeforeTheRetry_theStoredTokenStillArrives()
      throws Exception {
    PaymentRequest request = purse(BRAM).requestPayment(Optional.of(eur(30_00)));
    Bytes art = request.state().config().artId();
    payWithReplyLost(request, eur(30_00));
    world.crash(ANNA);

    moveClockTo(request.state().config().notAfter().plus(Duration.ofHours(2)));
    purse(BRAM).refresh(world.agent());
    assertTrue(purse(BRAM).status().arts().stream().anyMatch(a -> a.artId().equals(art)),
        "the payee still waits for the token on its expired ART");

    TransferToken token = assertDoesNotThrow(() -> purse(ANNA).pay(request, eur(30_00)),
        "Anna's MonEbox was debited EUR 30.00 and holds the token; a retry must return it");
    purse(BRAM).accept(token);
    purse(BRAM).redeemAll();
    assertEquals(eur(170_00), purse(ANNA).balance());
    assertEquals(eur(30_00), purse(BRAM).balance());
  }

  /**
   * Sec. 2.3, note 9: the MonEbox records each redemption so it credits once. The e-purse keeps
   * its own record of what was credited; if it misses one, it shows the money both in the balance
   * and as still to be redeemed, and never hands the ART back to the factory.
   */
  @Test
  void redeemAll_powerCutAfterTheMonEboxStoredTheCredit_theEPurseCountsTheMoneyOnce()
      throws Exception {
    PaymentRequest request = purse(BRAM).requestPayment(Optional.of(eur(30_00)));
    Bytes art = request.state().config().artId();
    purse(BRAM).accept(purse(ANNA).pay(request, eur(30_00)));

    world.party(BRAM).link().cutInNextRedemption(PowerCut.Point.AFTER_COUNTER_ADVANCE);
    assertThrows(PowerCut.Lost.class, () -> purse(BRAM).redeemAll());
    world.crash(BRAM);
    PurseStatus restarted = purse(BRAM).status();
    moveClockTo(request.state().config().redeemUntil().plus(Duration.ofDays(1)));
    RefreshReport later = purse(BRAM).refresh(world.agent());

    assertAll(
        () -> assertEquals(eur(30_00), restarted.balance(), "the MonEbox credited it"),
        () -> assertEquals(eur(0), restarted.unredeemed(),
            "after the restart the credited EUR 30.00 is no longer shown as unredeemed"),
        () -> assertEquals(eur(0), purse(BRAM).status().unredeemed(),
            "nor once the ART's redemption window has closed"),
        () -> assertTrue(later.artsReturned().contains(art),
            "the expired, fully credited ART goes back to the factory for inspection"));
  }

  /**
   * A software MonEbox keeps its last 32 paid states (DeviceImage.MAX_PAID) to answer a repeated
   * instruction with the stored token; a payment whose reply was lost must not be paid again
   * once later payments have pushed it out.
   */
  @Test
  void lostReply_retriedAfterThirtyTwoLaterPayments_debitsThePayerOnce() throws Exception {
    PaymentRequest request = purse(BRAM).requestPayment(Optional.of(eur(30_00)));
    payWithReplyLost(request, eur(30_00));
    for (int i = 0; i < 32; i++) {
      PaymentRequest small = purse(CHLOE).requestPayment(Optional.of(eur(1_00)));
      purse(CHLOE).accept(purse(ANNA).pay(small, eur(1_00)));
    }
    assertEquals(eur(138_00), purse(ANNA).balance());

    purse(BRAM).accept(purse(ANNA).pay(request, eur(30_00)));

    assertEquals(eur(138_00), purse(ANNA).balance(), "the retry must not pay a second time");
  }

  // --- helpers

  private EPurse purse(int party) {
    return world.party(party).purse();
  }

  /** Anna pays; her MonEbox stores the payment, but its reply never reaches her e-purse. */
  private void payWithReplyLost(PaymentRequest request, Amount amount) {
    world.party(ANNA).link().loseReplyTo(request.state().stateHash());
    assertThrows(UncheckedIOException.class, () -> purse(ANNA).pay(request, amount));
  }

  private void moveClockTo(Instant t) {
    world.clock.advance(Duration.between(world.now(), t));
  }
}
