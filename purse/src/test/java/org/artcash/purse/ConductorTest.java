package org.artcash.purse;

import static org.artcash.purse.PurseWorld.eur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.purse.PurseWorld.Party;
import org.artcash.purse.store.HistoryEntry;
import org.artcash.purse.store.HistoryEntry.Direction;
import org.artcash.purse.store.PurseStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conductor: binding with the MonEbox, restarts, and the owner's overview. */
class ConductorTest {
  private PurseWorld world;

  @BeforeEach
  void setUp() {
    world = new PurseWorld();
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void bind_withoutTheOwnerPressingTheButton_isRefused() throws Exception {
    Party p = world.unbound(PursePolicy.defaults(), false);

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> p.purse().bind(world.issuer.deviceChain()));

    assertEquals(Reason.BUTTON_REQUIRED, e.reason());
    assertFalse(p.purse().isBound());
  }

  @Test
  void bind_aSecondTime_isRefused() throws Exception {
    Party p = world.newParty();
    p.box().pressButton();

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> p.purse().bind(world.issuer.deviceChain()));

    assertEquals(Reason.WRONG_STATE, e.reason());
    assertEquals(1, p.box().status().bindings(), "no second binding slot was used");
  }

  @Test
  void bind_whenTheDeviceCertificateDoesNotChainToTheRoot_isRefusedBeforeBinding()
      throws Exception {
    Party p = world.unbound(PursePolicy.defaults(), false);
    p.box().pressButton();

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> p.purse().bind(List.of()));

    assertEquals(Reason.NOT_GENUINE_DEVICE, e.reason());
    assertEquals(0, p.box().status().bindings());
    assertFalse(p.purse().isBound());
  }

  @Test
  void open_aDatabaseBoundToAnotherMonEbox_isRefused() throws Exception {
    Party bound = world.newParty();
    Party other = world.unbound(PursePolicy.defaults(), false);

    ArtcashException e = assertThrows(ArtcashException.class, () -> EPurse.open(other.box(),
        bound.store(), world.clock, new SecureRandom()));

    assertEquals(Reason.NOT_BOUND, e.reason());
    assertTrue(e.getMessage().contains("is bound to MonEbox " + bound.device().deviceId()
        .shortHex()), e.getMessage());
  }

  @Test
  void open_afterARestart_keepsBindingArtsAndPayments_andGoesOnPaying(@TempDir Path dataDir)
      throws Exception {
    Party payee = world.newParty();
    Party payer;
    PaymentRequest first = payee.purse().requestPayment(Optional.of(eur(10_00)));
    TransferToken firstToken;
    try (PurseStore store = PurseStore.fileH2(dataDir)) {
      payer = world.newParty(PursePolicy.defaults(), store);
      world.fund(payer, eur(50_00));
      firstToken = payer.purse().pay(first, eur(10_00));
    }
    world.issuer.advance(Duration.ofHours(8));

    try (PurseStore store = PurseStore.fileH2(dataDir)) {
      EPurse restarted = EPurse.open(payer.box(), store, world.clock, new SecureRandom());
      int payCalls = payer.box().payCalls();
      assertTrue(restarted.isBound());
      assertEquals(firstToken, restarted.pay(first, eur(10_00)), "the stored result survives");
      assertEquals(payCalls, payer.box().payCalls());

      PaymentRequest second = payee.purse().requestPayment(Optional.of(eur(15_00)));
      payee.purse().accept(restarted.pay(second, eur(15_00)));

      assertEquals(eur(25_00), restarted.balance());
      assertEquals(3, restarted.history().size());
      assertEquals(3, restarted.status().usableArts());
    }
  }

  @Test
  void status_showsBalanceUnredeemedArtsAndPaymentKeys() throws Exception {
    Party shop = world.newParty();
    Party customer = world.newParty();
    world.fund(shop, eur(40_00));
    world.fund(customer, eur(40_00));
    PaymentRequest request = shop.purse().requestPayment(Optional.of(eur(7_25)));
    shop.purse().accept(customer.purse().pay(request, eur(7_25)));

    PurseStatus status = shop.purse().status();

    assertTrue(status.bound());
    assertEquals(eur(40_00), status.balance());
    assertEquals(eur(7_25), status.unredeemed());
    assertEquals(eur(47_25), status.spendable());
    assertEquals(3, status.arts().size());
    assertEquals(3, status.usableArts());
    assertEquals(2, status.paymentKeys().size());
    assertEquals(47_25, status.arts().stream().mapToLong(a -> a.received().minor()).sum());
  }

  @Test
  void history_namesThePayeeOfEachPaymentMade_andKeepsPayersAnonymous() throws Exception {
    Party shop = world.newParty();
    Party customer = world.newParty();
    world.fund(customer, eur(20_00));
    world.issuer.advance(Duration.ofMinutes(2));
    PaymentRequest request = shop.purse().requestPayment(Optional.of(eur(3_00)));
    TransferToken token = customer.purse().pay(request, eur(3_00));
    shop.purse().accept(token);

    HistoryEntry paid = customer.purse().history().get(1);
    HistoryEntry received = shop.purse().history().get(0);

    assertEquals(Direction.PAID, paid.direction());
    assertEquals("test payee", paid.counterparty());
    assertEquals(token.config().artId(), paid.artId());
    assertEquals(world.issuer.now(), paid.time());
    assertEquals(Direction.RECEIVED, received.direction());
    assertEquals("anonymous payer (received on 'test payee')", received.counterparty());
    assertEquals(eur(3_00), received.amount());
  }
}
