package org.artcash.purse;

import static org.artcash.purse.PurseWorld.eur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.PaymentRecord;
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
  void cancelRequest_retiresTheArt_soItsStateIsNeverOfferedToAnotherPayer() throws Exception {
    // Two payers paying the same ART state fork it: only one branch could ever be redeemed.
    Party shop = world.newParty(PurseWorld.oneArtPolicy());
    PaymentRequest request = shop.purse().requestPayment(Optional.of(eur(5_00)));
    Bytes artId = request.state().config().artId();

    assertTrue(shop.purse().cancelRequest(artId));

    assertFalse(shop.purse().cancelRequest(artId), "cancelling twice changes nothing");
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> shop.purse().requestPayment(Optional.empty()));
    assertEquals(Reason.ART_EXHAUSTED, e.reason());
    assertTrue(e.getMessage().contains("retired by a cancelled request; refresh credentials"),
        e.getMessage());
    assertEquals(ArtStatus.RETIRED, shop.purse().status().arts().get(0).status());
    ArtcashException unknown = assertThrows(ArtcashException.class,
        () -> shop.purse().cancelRequest(Bytes.fromHex("00112233445566778899aabbccddeeff")));
    assertEquals(Reason.UNKNOWN_ART, unknown.reason());
  }

  @Test
  void cancelRequest_thenTheFirstPayerPaysAfterAll_thePaymentIsAcceptedAndRedeemed()
      throws Exception {
    Party shop = world.newParty(PurseWorld.oneArtPolicy());
    PaymentRequest request = shop.purse().requestPayment(Optional.of(eur(8_00)));
    shop.purse().cancelRequest(request.state().config().artId());
    TransferToken late = payer.purse().pay(request, eur(8_00));

    Receipt receipt = shop.purse().accept(late);

    assertEquals(eur(8_00), receipt.amount());
    assertFalse(receipt.amountDiffers());
    RefreshReport report = shop.purse().refresh(world.agents);
    assertEquals(eur(8_00), report.redeemed().credited().get(0).credited());
    assertEquals(List.of(request.state().config().artId()), report.artsReturned());
    assertEquals(eur(8_00), shop.purse().balance());
    assertEquals(1, shop.purse().status().usableArts(), "a fresh ART replaced it");
  }

  @Test
  void accept_aPaymentOnAnArtReturnedAfterItsRequestWasCancelled_isRefusedAndSaysWhy()
      throws Exception {
    Party shop = world.newParty(PurseWorld.oneArtPolicy());
    PaymentRequest request = shop.purse().requestPayment(Optional.of(eur(8_00)));
    Bytes artId = request.state().config().artId();
    shop.purse().cancelRequest(artId);
    assertEquals(List.of(artId), shop.purse().refresh(world.agents).artsReturned());
    TransferToken late = payer.purse().pay(request, eur(8_00));

    ArtcashException e = assertThrows(ArtcashException.class, () -> shop.purse().accept(late));

    assertEquals(Reason.NOT_EXPECTED_PAYMENT, e.reason());
    assertTrue(e.getMessage().contains("which this e-purse returned to the issuer's ART factory"),
        e.getMessage());
    assertTrue(e.getMessage().contains("recovered via the issuer, with this token"),
        e.getMessage());
    assertEquals(eur(0), shop.purse().status().unredeemed());
  }

  @Test
  void accept_aSecondPaymentOnAStateThatWasPaidAlready_isRejected() throws Exception {
    // Why a request goes to one payer only: the same ART state, paid by two payers, can carry
    // only one of their payments.
    Party shop = world.newParty(PurseWorld.oneArtPolicy());
    Party other = world.newParty();
    world.fund(other, eur(50_00));
    PaymentRequest request = shop.purse().requestPayment(Optional.empty());
    TransferToken fromPayer = payer.purse().pay(request, eur(8_00));
    TransferToken fromOther = other.purse().pay(PaymentRequest.decode(request.encode()),
        eur(9_00));
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
  void accept_aValidTokenForAnotherAmountThanAgreed_isKeptAndTheReceiptSaysItDiffers()
      throws Exception {
    PaymentRequest request = payee.purse().requestPayment(Optional.empty());
    TransferToken token = payer.purse().pay(request, eur(15_00));

    Receipt receipt = payee.purse().accept(token, eur(20_00));

    assertEquals(eur(15_00), receipt.amount());
    assertEquals(Optional.of(eur(20_00)), receipt.differsFrom());
    assertTrue(receipt.toString().contains("but EUR 20.00 was asked: settle the difference with"
        + " the payer; do not hand over the goods unless it is enough"), receipt.toString());
    assertEquals(eur(15_00), payee.purse().status().unredeemed(), "the payer's money is kept");
    assertEquals(1, payee.purse().history().size());
    assertEquals(ArtStatus.FREE, statusOf(request));
    assertEquals(receipt, payee.purse().accept(token, eur(20_00)), "the same receipt again");
    assertEquals(receipt, payee.purse().accept(token));
    assertEquals(eur(15_00), payee.purse().status().unredeemed());
  }

  @Test
  void accept_aPaymentOnARequestWhoseAmountWasAlteredOnTheWay_isKeptAndFlagged()
      throws Exception {
    PaymentRequest sent = payee.purse().requestPayment(Optional.of(eur(20_00)));
    // The amount in a request is not signed: whatever carries the request can change it.
    PaymentRequest altered = new PaymentRequest(sent.state(), OptionalLong.of(2_00),
        sent.chain());
    TransferToken token = payer.purse().pay(altered, eur(2_00));

    Receipt receipt = payee.purse().accept(token);

    assertEquals(eur(2_00), receipt.amount());
    assertEquals(Optional.of(eur(20_00)), receipt.differsFrom());
    assertEquals(eur(2_00), payee.purse().status().unredeemed());
    assertEquals(eur(298_00), payer.purse().balance());
  }

  @Test
  void accept_aForgedTokenWithItsAmountRaised_isRefusedAndChangesNothing() throws Exception {
    PaymentRequest request = payee.purse().requestPayment(Optional.of(eur(6_00)));
    TransferToken honest = payer.purse().pay(request, eur(6_00));
    PaymentRecord.Fields f = honest.record().fields();
    TransferToken forged = new TransferToken(honest.config(), PaymentRecord.of(
        new PaymentRecord.Fields(f.artId(), f.seq(), 40_00, f.aggregate() - f.amount() + 40_00,
            f.time(), f.prevHash(), f.keyUse(), f.keyCertificate()),
        honest.record().signature()), honest.chain());

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> payee.purse().accept(forged));

    assertEquals(Reason.BAD_SIGNATURE, e.reason());
    assertEquals(ArtStatus.IN_USE, statusOf(request));
    assertEquals(eur(0), payee.purse().status().unredeemed());
    assertTrue(payee.purse().history().isEmpty());
    Receipt receipt = payee.purse().accept(honest);
    assertEquals(eur(6_00), receipt.amount());
    assertFalse(receipt.amountDiffers());
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
