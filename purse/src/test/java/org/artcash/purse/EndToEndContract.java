package org.artcash.purse;

import static org.artcash.purse.PurseWorld.eur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.artcash.core.art.Art;
import org.artcash.core.art.Inspection;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.money.Amount;
import org.artcash.purse.PurseWorld.Party;
import org.artcash.purse.store.HistoryEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whole payments between e-purses, on each database the e-purse supports. */
abstract class EndToEndContract {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  protected PurseWorld world;

  protected abstract PurseWorld createWorld();

  @BeforeEach
  void createTheWorld() {
    world = createWorld();
  }

  @AfterEach
  void closeTheWorld() {
    world.close();
  }

  @Test
  void twoPurses_payEachOther_andEveryCentIsAccountedFor() throws Exception {
    Party alice = world.newParty();
    Party bob = world.newParty();
    world.fund(alice, eur(200_00));
    assertEquals(eur(200_00), alice.purse().balance());

    world.issuer.advance(MINUTE);
    PaymentRequest request = bob.purse().requestPayment(Optional.of(eur(30_00)));
    PaymentPreview preview = alice.purse().preview(request);
    assertEquals("test payee", preview.payeeInfo());
    assertEquals(Optional.of(eur(30_00)), preview.requestedAmount());
    assertFalse(preview.isRetry());
    TransferToken token = alice.purse().pay(request, eur(30_00));
    Receipt receipt = bob.purse().accept(token);

    assertEquals(eur(30_00), receipt.amount());
    assertEquals(eur(170_00), alice.purse().balance());
    assertEquals(eur(0), bob.purse().balance());
    assertEquals(eur(30_00), bob.purse().status().unredeemed());
    bob.purse().redeemAll();
    assertEquals(eur(30_00), bob.purse().balance());

    world.issuer.advance(MINUTE);
    PaymentRequest back = alice.purse().requestPayment(Optional.empty());
    alice.purse().accept(bob.purse().pay(back, eur(12_50)));
    alice.purse().redeemAll();

    assertEquals(eur(182_50), alice.purse().balance());
    assertEquals(eur(17_50), bob.purse().balance());
    Amount total = alice.purse().status().spendable().plus(bob.purse().status().spendable());
    assertEquals(eur(200_00), total, "no money is created or lost");
    assertEquals(List.of("RECEIVED EUR 200.00", "PAID EUR 30.00", "RECEIVED EUR 12.50"),
        describe(alice.purse().history()));
    assertEquals(List.of("RECEIVED EUR 30.00", "PAID EUR 12.50"),
        describe(bob.purse().history()));
  }

  @Test
  void oneArt_carriesPaymentsFromSeveralPayers_andItsLogVerifiesForTheAuditor()
      throws Exception {
    Party shop = world.newParty(PurseWorld.oneArtPolicy());
    Party alice = world.newParty();
    Party carol = world.newParty();
    world.fund(alice, eur(50_00));
    world.fund(carol, eur(50_00));

    PaymentRequest first = shop.purse().requestPayment(Optional.of(eur(10_00)));
    shop.purse().accept(alice.purse().pay(first, eur(10_00)));
    world.issuer.advance(MINUTE);
    PaymentRequest second = shop.purse().requestPayment(Optional.of(eur(20_00)));
    assertEquals(first.state().config(), second.state().config(), "the same ART, reused");
    Receipt receipt = shop.purse().accept(carol.purse().pay(second, eur(20_00)));

    assertEquals(2, receipt.seq());
    assertEquals(eur(30_00), receipt.artTotal());
    Art log = shop.purse().artLog(receipt.artId());
    assertEquals(2, log.records().size());
    assertEquals(List.of(), Inspection.inspect(log, world.issuer.rootOnlyTrust()));
  }

  private static List<String> describe(List<HistoryEntry> history) {
    return history.stream().map(h -> h.direction() + " " + h.amount()).toList();
  }
}
