package org.artcash.purse;

import static org.artcash.purse.PurseWorld.eur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.purse.PurseWorld.Party;
import org.artcash.purse.store.ArtStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The payee's side: payment requests, in-use marking, and acceptance of transfer tokens. */
class ReceivePaymentTest {
  private PurseWorld world;
  private Party payee;
  private Party payer;

  @BeforeEach
  void setUp() throws Exception {
    world = new PurseWorld();
    payee = world.newParty();
    payer = world.newParty();
    world.fund(payer, eur(300_00));
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void requestPayment_marksItsArtInUse_soTheSameArtIsNeverInTwoRequests() throws Exception {
    Set<Bytes> arts = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      arts.add(payee.purse().requestPayment(Optional.of(eur(5_00))).state().config().artId());
    }
    assertEquals(3, arts.size(), "three requests, three different ARTs");

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> payee.purse().requestPayment(Optional.of(eur(5_00))));
    assertEquals(Reason.ART_IN_USE, e.reason());
    assertTrue(e.getMessage().contains("in open payment requests"), e.getMessage());
  }

  @Test
  void requestPayment_afterThePaymentArrived_offersTheArtAgainInItsNewState() throws Exception {
    Party shop = world.newParty(PurseWorld.oneArtPolicy());
    PaymentRequest first = shop.purse().requestPayment(Optional.of(eur(5_00)));
    shop.purse().accept(payer.purse().pay(first, eur(5_00)));

    PaymentRequest second = shop.purse().requestPayment(Optional.of(eur(7_00)));

    assertEquals(first.state().config(), second.state().config());
    assertEquals(1, second.state().seq());
    assertEquals(eur(5_00), second.state().aggregateAmount());
  }

  @Test
  void requestPayment_forMoreThanAnyArtCanTake_saysSoAndWhatToDo() throws Exception {
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> payee.purse().requestPayment(Optional.of(eur(800_00))));
    assertEquals(Reason.ART_LIMIT_EXCEEDED, e.reason());
    assertTrue(e.getMessage().startsWith("no ART can take EUR 800.00"), e.getMessage());
    assertTrue(e.getMessage().contains("refresh credentials"), e.getMessage());
    assertTrue(payee.purse().status().arts().stream().allMatch(a -> a.status() == ArtStatus.FREE));
  }

  @Test
  void requestPayment_whenEveryArtHasExpired_asksForARefresh() throws Exception {
    world.issuer.advance(Duration.ofDays(31));
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> payee.purse().requestPayment(Optional.empty()));
    assertEquals(Reason.ART_EXHAUSTED, e.reason());
    assertTrue(e.getMessage().contains("refresh credentials"), e.getMessage());
  }

  @Test
  void cancelRequest_makesTheArtAvailableForAnotherRequest() throws Exception {
    Party shop = world.newParty(PurseWorld.oneArtPolicy());
    PaymentRequest request = shop.purse().requestPayment(Optional.of(eur(5_00)));
    Bytes artId = request.state().config().artId();

    assertTrue(shop.purse().cancelRequest(artId));
    assertFalse(shop.purse().cancelRequest(artId), "cancelling twice changes nothing");
    assertEquals(artId, shop.purse().requestPayment(Optional.empty()).state().config().artId());
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> shop.purse().cancelRequest(Bytes.fromHex("00112233445566778899aabbccddeeff")));
    assertEquals(Reason.UNKNOWN_ART, e.reason());
  }

  @Test
  void accept_aSecondPaymentOnAStateThatWasPaidAlready_isRejected() throws Exception {
    // Why cancelling is only for requests that will not be paid: the same ART state, sent to two
    // payers, can carry only one of their payments.
    Party shop = world.newParty(PurseWorld.oneArtPolicy());
    Party other = world.newParty();
    world.fund(other, eur(50_00));
    PaymentRequest request = shop.purse().requestPayment(Optional.empty());
    shop.purse().cancelRequest(request.state().config().artId());
    PaymentRequest sameState = shop.purse().requestPayment(Optional.empty());
    assertEquals(request.state(), sameState.state());
    TransferToken fromPayer = payer.purse().pay(request, eur(8_00));
    TransferToken fromOther = other.purse().pay(sameState, eur(9_00));
    shop.purse().accept(fromPayer);

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> shop.purse().accept(fromOther));

    assertEquals(Reason.NOT_EXPECTED_PAYMENT, e.reason());
    assertEquals(eur(8_00), shop.purse().status().unredeemed());
  }

  @Test
  void accept_theSameTokenTwice_givesTheSameReceiptAndCreditsOnce() throws Exception {
    PaymentRequest request = payee.purse().requestPayment(Optional.of(eur(25_00)));
    TransferToken token = payer.purse().pay(request, eur(25_00));

    Receipt first = payee.purse().accept(token);
    world.issuer.advance(Duration.ofMinutes(5));
    Receipt again = payee.purse().accept(TransferToken.decode(token.encode()));

    assertEquals(first, again);
    assertEquals(eur(25_00), payee.purse().status().unredeemed());
    assertEquals(1, payee.purse().history().size());
    payee.purse().redeemAll();
    payee.purse().accept(token);
    assertEquals(eur(25_00), payee.purse().balance());
    assertEquals(eur(0), payee.purse().status().unredeemed());
  }

  @Test
  void accept_aTokenForAnotherAmountThanAgreed_isRejectedAndCreditsNothing() throws Exception {
    PaymentRequest request = payee.purse().requestPayment(Optional.empty());
    TransferToken token = payer.purse().pay(request, eur(15_00));

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> payee.purse().accept(token, eur(20_00)));

    assertEquals(Reason.AMOUNT_MISMATCH, e.reason());
    assertTrue(e.getMessage().contains("EUR 20.00 was agreed"), e.getMessage());
    assertEquals(eur(0), payee.purse().status().unredeemed());
    assertTrue(payee.purse().history().isEmpty());
    assertEquals(ArtStatus.IN_USE, statusOf(request));
  }

  @Test
  void accept_aTokenForAnArtOfAnotherPurse_isRejectedAsPayingSomeoneElse() throws Exception {
    Party other = world.newParty();
    PaymentRequest request = other.purse().requestPayment(Optional.of(eur(9_00)));
    TransferToken token = payer.purse().pay(request, eur(9_00));

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> payee.purse().accept(token));

    assertEquals(Reason.NOT_EXPECTED_PAYMENT, e.reason());
    assertTrue(e.getMessage().startsWith("this token pays someone else"), e.getMessage());
    assertTrue(payee.purse().history().isEmpty());
    assertEquals(eur(9_00), other.purse().accept(token).amount());
  }

  @Test
  void accept_anEarlierTokenOfTheSameArtAgain_givesItsOwnReceiptAndCreditsNothing()
      throws Exception {
    Party shop = world.newParty(PurseWorld.oneArtPolicy());
    TransferToken first = payer.purse().pay(
        shop.purse().requestPayment(Optional.of(eur(3_00))), eur(3_00));
    Receipt firstReceipt = shop.purse().accept(first);
    TransferToken second = payer.purse().pay(
        shop.purse().requestPayment(Optional.of(eur(4_00))), eur(4_00));
    Receipt secondReceipt = shop.purse().accept(second);

    assertEquals(2, secondReceipt.seq());
    assertEquals(eur(7_00), secondReceipt.artTotal());
    assertEquals(firstReceipt, shop.purse().accept(first));
    assertNotEquals(firstReceipt, secondReceipt);
    assertEquals(eur(7_00), shop.purse().status().unredeemed());
  }

  @Test
  void accept_aTamperedToken_isRejectedAndTheArtStaysInUse() throws Exception {
    PaymentRequest request = payee.purse().requestPayment(Optional.of(eur(6_00)));
    TransferToken token = payer.purse().pay(request, eur(6_00));
    byte[] encoded = token.encode();
    byte[] signature = token.record().signature();
    // flip one bit inside the payment record's signature
    int at = indexOf(encoded, signature) + 10;
    encoded[at] ^= 0x01;
    TransferToken tampered = TransferToken.decode(encoded);

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> payee.purse().accept(tampered));

    assertEquals(Reason.BAD_SIGNATURE, e.reason());
    assertEquals(ArtStatus.IN_USE, statusOf(request));
    assertEquals(eur(6_00), payee.purse().accept(token).amount());
  }

  private ArtStatus statusOf(PaymentRequest request) throws ArtcashException {
    Bytes artId = request.state().config().artId();
    return payee.purse().status().arts().stream().filter(a -> a.artId().equals(artId))
        .findFirst().orElseThrow().status();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
