package org.artcash.monebox.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Encoder;
import org.artcash.core.issuance.IssuanceOrder;
import org.artcash.core.money.Amount;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.MonEboxStatus;
import org.artcash.monebox.PaymentInstruction;
import org.artcash.testkit.TestIssuer;
import org.artcash.testkit.TestMint;
import org.artcash.testkit.TestParty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The applet at the APDU level (docs/CARD.md): every command with a wrong class, instruction,
 * P1/P2, length, truncated or garbled data, or sent out of order gets its documented status word,
 * and the MonEbox's status and balance are exactly as before. One funded card serves every case,
 * so a case that changed anything would also show in the next.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CardApduTest {
  private static final int CLA = 0x80;
  /** Every instruction and the P1 it takes. */
  private static final int[][] COMMANDS = {
      {0x10, 0}, {0x12, 0}, {0x20, 0}, {0x22, 0}, {0x24, 1}, {0x30, 0}, {0x32, 0}, {0x34, 0},
      {0x40, 0}, {0x42, 0}, {0x44, 0}, {0x50, 0}, {0x52, 1}, {0x54, 0}, {0x56, 0}, {0x60, 0},
      {0x70, 0}, {0x72, 0}, {0xCA, 0}};
  private static final int[] NO_DATA = {0x10, 0x12, 0x20, 0x24, 0x30, 0x44, 0x70, 0x72, 0xCA};

  private TestIssuer issuer;
  private TestParty payer;
  private CardMonEbox box;
  private TransferToken received;

  @BeforeAll
  void fundedCard() throws Exception {
    issuer = TestIssuer.create();
    payer = TestParty.create(issuer, CardMonEbox.onSimulator(), 0, false);
    box = (CardMonEbox) payer.box();
    new TestMint(issuer, CardMonEbox.onSimulator()).fund(payer, 100_00);
    TestParty payee = TestParty.create(issuer, CardMonEbox.onSimulator(), 0, false);
    // a token this card can redeem: a payment to its own pseudonym from another card
    new TestMint(issuer, CardMonEbox.onSimulator()).fund(payee, 50_00);
    received = issuer.forRedemption(payee.pay(issuer,
        issuer.paymentRequest(ArtState.fresh(issuer.freshArt(payer.pseudonym())), 5_00), 5_00));
  }

  /** Sends one APDU; checks its status word and that status and balance did not change. */
  private ResponseAPDU assertSw(int expected, CommandAPDU apdu) throws Exception {
    MonEboxStatus before = box.status();
    Amount balance = box.balance();
    ResponseAPDU r = box.transmitRaw(apdu);
    assertEquals(Integer.toHexString(expected), Integer.toHexString(r.getSW()),
        () -> "APDU " + hex(apdu.getBytes(), 12) + "...");
    assertEquals(before, box.status(), "the refused command changed the MonEbox");
    assertEquals(balance, box.balance());
    return r;
  }

  private static int sw(Reason reason) {
    return StatusWords.of(reason);
  }

  private static CommandAPDU apdu(int cla, int ins, int p1, int p2, byte[] data) {
    return data.length == 0 ? new CommandAPDU(cla, ins, p1, p2, 65536)
        : new CommandAPDU(cla, ins, p1, p2, data, 65536);
  }

  private static String hex(byte[] b, int max) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(b.length, max); i++) {
      s.append(String.format("%02X", b[i]));
    }
    return s.toString();
  }

  private PaymentRequest freshRequest(long amount) {
    return issuer.paymentRequest(ArtState.fresh(issuer.freshArt(
        org.artcash.core.codec.Bytes.copyOf(new byte[16]))), amount);
  }

  /** The PAY command data for a genuine approval (the host's counter moves, the card's not). */
  private byte[] payData(PaymentRequest request, long amount) {
    PaymentInstruction in = payer.host().approve(request, amount, issuer.now());
    return new Encoder().u8(in.bindingId()).u32(in.counter()).u64(in.amount())
        .u64(in.hostTime().getEpochSecond()).fixed(in.approvalMac(), 32)
        .raw(request.encode()).toByteArray();
  }

  // --- class, instruction, P1/P2, length

  @Test
  void everyCommand_wrongClass_6E00() throws Exception {
    for (int[] c : COMMANDS) {
      if (c[0] != 0xCA) {
        assertSw(0x6E00, apdu(0x00, c[0], c[1], 0, new byte[0]));
      }
      assertSw(0x6E00, apdu(0x84, c[0], c[1], 0, new byte[0]));
      assertSw(0x6E00, apdu(0xA0, c[0], c[1], 0, new byte[0]));
    }
  }

  @Test
  void unknownInstructions_6D00() throws Exception {
    for (int ins : new int[] {0x00, 0x02, 0x11, 0x26, 0x46, 0x74, 0x99, 0xB0, 0xFE}) {
      assertSw(0x6D00, apdu(CLA, ins, 0, 0, new byte[0]));
    }
  }

  @Test
  void everyCommand_wrongP1P2_6A86() throws Exception {
    for (int[] c : COMMANDS) {
      assertSw(0x6A86, apdu(CLA, c[0], c[1], 1, new byte[] {1}));
      assertSw(0x6A86, apdu(CLA, c[0], 7, 0, new byte[] {1}));
    }
  }

  @Test
  void commandsWithoutData_givenData_6700() throws Exception {
    for (int ins : NO_DATA) {
      int p1 = ins == 0x24 ? 1 : 0;
      assertSw(0x6700, apdu(CLA, ins, p1, 0, new byte[] {0}));
    }
  }

  @Test
  void fixedLengthCommands_wrongLength_6700() throws Exception {
    int[][] cases = {{0x32, 0, 73}, {0x34, 0, 8}, {0x54, 0, 28}, {0x52, 2, 290}};
    for (int[] c : cases) {
      assertSw(0x6700, apdu(CLA, c[0], c[1], 0, new byte[c[2] - 1]));
      assertSw(0x6700, apdu(CLA, c[0], c[1], 0, new byte[c[2] + 1]));
    }
    assertSw(0x6700, apdu(CLA, 0x32, 0, 0, new byte[0]));
  }

  @Test
  void variableLengthCommands_tooShort_6700() throws Exception {
    assertSw(0x6700, apdu(CLA, 0x40, 0, 0, new byte[54]));
    assertSw(0x6700, apdu(CLA, 0x42, 0, 0, new byte[1]));
    assertSw(0x6700, apdu(CLA, 0x50, 0, 0, new byte[10]));
    assertSw(0x6700, apdu(CLA, 0x56, 0, 0, new byte[0]));
    assertSw(0x6700, apdu(CLA, 0x60, 0, 0, new byte[1]));
    assertSw(0x6700, apdu(CLA, 0x22, 0, 0, new byte[0]));
  }

  @Test
  void payment_longerThanTheCardTakes_6700() throws Exception {
    assertSw(0x6700, apdu(CLA, 0x40, 0, 0, new byte[org.artcash.monebox.applet.MonEboxApplet.PAYMENT_INPUT_MAX + 1]));
  }

  // --- truncated and garbled data

  @Test
  void payment_truncatedAnywhere_truncated() throws Exception {
    byte[] data = payData(freshRequest(10_00), 10_00);
    for (int cut : new int[] {55, 60, 100, 150, 250, 300, data.length / 2, data.length - 65,
        data.length - 1}) {
      assertSw(sw(Reason.TRUNCATED), apdu(CLA, 0x40, 0, 0, Arrays.copyOf(data, cut)));
    }
  }

  @Test
  void payment_trailingByte_trailingBytes() throws Exception {
    byte[] data = payData(freshRequest(10_00), 10_00);
    assertSw(sw(Reason.TRAILING_BYTES), apdu(CLA, 0x40, 0, 0, Arrays.copyOf(data, data.length + 1)));
  }

  @Test
  void payment_wrongTypeOrVersion_refused() throws Exception {
    byte[] data = payData(freshRequest(10_00), 10_00);
    byte[] type = data.clone();
    type[53] = 0x11;
    assertSw(sw(Reason.WRONG_TYPE), apdu(CLA, 0x40, 0, 0, type));
    byte[] version = data.clone();
    version[54] = 2;
    assertSw(sw(Reason.UNSUPPORTED_VERSION), apdu(CLA, 0x40, 0, 0, version));
  }

  @Test
  void payment_zeroAmountOrNonCanonicalTime_refused() throws Exception {
    byte[] data = payData(freshRequest(10_00), 10_00);
    byte[] zero = data.clone();
    Arrays.fill(zero, 5, 13, (byte) 0);
    assertSw(sw(Reason.MALFORMED), apdu(CLA, 0x40, 0, 0, zero));
    byte[] time = data.clone();
    time[13] = (byte) 0x80;
    assertSw(sw(Reason.NON_CANONICAL), apdu(CLA, 0x40, 0, 0, time));
  }

  @Test
  void payment_garbledApproval_approvalInvalid() throws Exception {
    byte[] data = payData(freshRequest(10_00), 10_00);
    data[21] ^= 1;
    assertSw(sw(Reason.APPROVAL_INVALID), apdu(CLA, 0x40, 0, 0, data));
  }

  /** The approval covers the ART's state hash, not its signature: the card checks that itself. */
  @Test
  void payment_garbledArtSignature_badSignature() throws Exception {
    PaymentRequest request = freshRequest(10_00);
    byte[] data = payData(request, 10_00);
    int configEnd = 53 + 2 + 2 + request.state().config().encode().length;
    data[configEnd - 1] ^= 1; // last byte of the factory's signature
    assertSw(sw(Reason.BAD_SIGNATURE), apdu(CLA, 0x40, 0, 0, data));
  }

  @Test
  void redemption_truncatedOrGarbled_refused() throws Exception {
    byte[] token = received.encode();
    for (int cut : new int[] {2, 10, 100, 300, token.length - 1}) {
      assertSw(sw(Reason.TRUNCATED), apdu(CLA, 0x42, 0, 0, Arrays.copyOf(token, cut)));
    }
    byte[] garbled = token.clone();
    int recordEnd = 2 + 2 + received.config().encode().length + 2
        + received.record().encode().length;
    garbled[recordEnd - 1] ^= 1; // the payer's signature on the record
    assertSw(sw(Reason.BAD_SIGNATURE), apdu(CLA, 0x42, 0, 0, garbled));
    byte[] inflated = token.clone();
    int aggregate = 2 + 2 + received.config().encode().length + 2 + 2 + 16 + 2 + 8 + 7;
    inflated[aggregate] += 1;
    assertSw(sw(Reason.BAD_SIGNATURE), apdu(CLA, 0x42, 0, 0, inflated));
  }

  @Test
  void otherCommands_garbledData_refusedWithTheirReason() throws Exception {
    byte[] wish = new Encoder().u8(1).u8(0).u16(10).u64(100).u64(1000)
        .u64(issuer.now().getEpochSecond()).toByteArray();
    assertSw(sw(Reason.MALFORMED), apdu(CLA, 0x54, 0, 0, wish));
    byte[] order = issuer.issuanceOrder(payer.device().deviceId(), 1, IssuanceOrder.Kind.ISSUE,
        Amount.of(TestIssuer.EUR, 1_00), 0, 1).encode();
    byte[] badKind = order.clone();
    badKind[2 + 16 + 8] = 3;
    assertSw(sw(Reason.MALFORMED), apdu(CLA, 0x60, 0, 0, badKind));
    assertSw(sw(Reason.TRUNCATED), apdu(CLA, 0x60, 0, 0, Arrays.copyOf(order, 40)));
    assertSw(sw(Reason.NOT_ISSUER_DEVICE), apdu(CLA, 0x60, 0, 0, order));
    byte[] threshold = new byte[8];
    threshold[0] = (byte) 0x80;
    assertSw(sw(Reason.NON_CANONICAL), apdu(CLA, 0x34, 0, 0, threshold));
    byte[] bind = new byte[73];
    bind[0] = 0x04;
    box.pressButton();
    assertSw(sw(Reason.MALFORMED), apdu(CLA, 0x32, 0, 0, bind));
    byte[] list = issuer.revocationList(1).encode();
    assertSw(sw(Reason.TRUNCATED), apdu(CLA, 0x56, 0, 0, list)); // no chain count after it
    byte[] request = new Encoder().var(issuer.ca().encode(), 1400).u8(0)
        .u64(issuer.now().getEpochSecond()).toByteArray();
    assertSw(sw(Reason.WRONG_ROLE), apdu(CLA, 0x50, 0, 0, request));
    byte[] response = new byte[2 + 32 + 16 + 2 + 256];
    response[0] = 0x21;
    response[1] = 1;
    response[50] = 1;
    assertSw(sw(Reason.NOT_FOUND), apdu(CLA, 0x52, 1, 0, response));
    response[0] = 0x20;
    assertSw(sw(Reason.WRONG_TYPE), apdu(CLA, 0x52, 1, 0, response));
  }

  // --- out of order

  @Test
  void getResponse_withNothingWaiting_6985() throws Exception {
    assertSw(0x6985, new CommandAPDU(0x00, 0xC0, 0, 0, 256));
  }

  @Test
  void chain_interruptedByAnotherCommand_6883_andTheNextCommandWorks() throws Exception {
    byte[] data = payData(freshRequest(10_00), 10_00);
    MonEboxStatus before = box.status();
    ResponseAPDU part = box.transmitRaw(new CommandAPDU(CLA | 0x10, 0x40, 0, 0,
        Arrays.copyOf(data, 200)));
    assertEquals(0x9000, part.getSW(), "a chained part is taken and answered 9000");
    ResponseAPDU other = box.transmitRaw(new CommandAPDU(CLA, 0x42, 0, 0,
        Arrays.copyOfRange(data, 200, 300)));
    assertEquals(0x6883, other.getSW(), "another command inside a chain");
    assertEquals(before, box.status(), "the chain was dropped and nothing changed");
    ResponseAPDU status = box.transmitRaw(new CommandAPDU(CLA | 0x10, 0x40, 0, 0,
        Arrays.copyOf(data, 200)));
    assertEquals(0x9000, status.getSW());
    assertEquals(0x6A86, box.transmitRaw(new CommandAPDU(CLA | 0x10, 0x40, 0, 1,
        Arrays.copyOfRange(data, 200, 300))).getSW(), "P1/P2 changed inside a chain");
    assertEquals(before, box.status());
  }

  @Test
  void chainingOnACommandWithoutData_6884() throws Exception {
    assertSw(0x6884, new CommandAPDU(CLA | 0x10, 0x10, 0, 0, 256));
  }

  @Test
  void lifeCycleCommands_outOfOrder_wrongState() throws Exception {
    assertSw(sw(Reason.WRONG_STATE), apdu(CLA, 0x20, 0, 0, new byte[0]));
    assertSw(sw(Reason.WRONG_STATE), apdu(CLA, 0x72, 0, 0, new byte[0]));
    assertSw(sw(Reason.WRONG_STATE), apdu(CLA, 0x22, 0, 0, new byte[] {0}));
    byte[] step2 = new Encoder().fixed(new byte[32], 32).var(new byte[256], 512).toByteArray();
    assertSw(sw(Reason.NOT_FOUND), apdu(CLA, 0x52, 2, 0, step2));
  }

  @Test
  void blankCard_paymentAndBalance_wrongState() throws Exception {
    CardMonEbox blank = CardMonEbox.onSimulator();
    byte[] data = payData(freshRequest(10_00), 10_00);
    for (CommandAPDU c : List.of(apdu(CLA, 0x40, 0, 0, data), apdu(CLA, 0x44, 0, 0, new byte[0]),
        apdu(CLA, 0x30, 0, 0, new byte[0]), apdu(CLA, 0x24, 1, 0, new byte[0]))) {
      MonEboxStatus before = blank.status();
      assertEquals(sw(Reason.WRONG_STATE), blank.transmitRaw(c).getSW());
      assertEquals(before, blank.status());
    }
  }

  // --- GET DATA and the transports

  @Test
  void getData_tellsVersionFeaturesAndFreeMemory() throws Exception {
    CardInfo info = box.cardInfo();
    assertEquals(1, info.versionMajor());
    assertTrue(info.has(CardInfo.FEATURE_EXTENDED_LENGTH));
    assertTrue(info.has(CardInfo.FEATURE_COMMAND_CHAINING));
    assertTrue(info.has(CardInfo.FEATURE_GET_RESPONSE));
    assertTrue(info.has(CardInfo.FEATURE_SIMULATED_SIGNALS));
    assertEquals(2, info.state());
    assertTrue(info.freePersistent() > 0, "free persistent memory " + info.freePersistent());
    assertEquals(4, info.paymentKeySlots());
    assertEquals(8, info.paymentLog());
    assertEquals(0x9000, box.transmitRaw(new CommandAPDU(0x00, 0xCA, 0, 0, 256)).getSW());
  }

  @Test
  void shortApdus_paymentGoesByChainingAndGetResponse() throws Exception {
    TestParty p = TestParty.create(issuer, CardMonEbox.onSimulator(CardTransport.Mode.SHORT), 0,
        false);
    new TestMint(issuer, CardMonEbox.onSimulator()).fund(p, 20_00);
    CardTransport t = ((CardMonEbox) p.box()).transport();
    long apdus = t.apdus();
    PaymentRequest request = freshRequest(10_00);
    TransferToken token = p.pay(issuer, request, 10_00);
    long used = t.apdus() - apdus;
    int in = payData(request, 10_00).length;
    int out = token.encode().length;
    assertEquals((in + 254) / 255 + (out + 255) / 256 - 1, used,
        "chained parts of 255 bytes in; the last answers 256 bytes, GET RESPONSE the rest");
    MonEbox extended = payer.box();
    CardTransport e = ((CardMonEbox) extended).transport();
    long before = e.apdus();
    payer.pay(issuer, freshRequest(10_00), 10_00);
    assertEquals(1, e.apdus() - before, "one extended APDU per payment");
  }
}
