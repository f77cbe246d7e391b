package org.artcash.monebox.card;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import javax.smartcardio.TerminalFactory;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.artcash.core.credential.ArtRequest;
import org.artcash.core.credential.CertificationRequest;
import org.artcash.core.credential.CertificationResponse;
import org.artcash.core.crypto.P256;
import org.artcash.core.issuance.IssuanceOrder;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.RevocationList;
import org.artcash.monebox.Binding;
import org.artcash.monebox.DeviceState;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.MonEboxStatus;
import org.artcash.monebox.PaymentInstruction;
import org.artcash.monebox.Personalisation;
import org.artcash.monebox.RecoveryStatement;
import org.artcash.monebox.RedeemResult;

/**
 * The MonEbox on a smart card (de Jong 2024, sec. 4.2), driven over javax.smartcardio: each
 * operation is one command of the MonEbox applet (docs/CARD.md); refusals come back as status
 * words and leave here as {@link ArtcashException}s with the same reason. The host does only what
 * needs no secret: encoding, the certificates it forwards, and unblinding a certificate with the r
 * the card returns for that (docs/CARD.md, "Blind signatures").
 */
public final class CardMonEbox implements MonEbox, AutoCloseable {
  /** The applet's AID: F0 "ARTCASHMB" 01. */
  public static final byte[] AID = {(byte) 0xF0, 'A', 'R', 'T', 'C', 'A', 'S', 'H', 'M', 'B', 0x01};

  static final int INS_STATUS = 0x10;
  static final int INS_ERROR_DETAIL = 0x12;
  static final int INS_GENERATE_DEVICE_KEY = 0x20;
  static final int INS_PERSONALISE = 0x22;
  static final int INS_GET_CERTIFICATE = 0x24;
  static final int INS_PRESS_BUTTON = 0x30;
  static final int INS_BIND = 0x32;
  static final int INS_SET_THRESHOLD = 0x34;
  static final int INS_PAY = 0x40;
  static final int INS_REDEEM = 0x42;
  static final int INS_BALANCE = 0x44;
  static final int INS_REQUEST_CERTIFICATION = 0x50;
  static final int INS_INSTALL_CERTIFICATE = 0x52;
  static final int INS_REQUEST_ARTS = 0x54;
  static final int INS_UPDATE_REVOCATIONS = 0x56;
  static final int INS_EXECUTE_ORDER = 0x60;
  static final int INS_TAMPER = 0x70;
  static final int INS_RECOVERY_STATEMENT = 0x72;
  static final int INS_GET_DATA = 0xCA;

  private final CardTerminal terminal;
  private Card card;
  private CardTransport transport;
  private final CardTransport.Mode mode;

  private CardMonEbox(CardTerminal terminal, CardTransport.Mode mode) throws ArtcashException {
    this.terminal = terminal;
    this.mode = mode;
    connect();
  }

  /** A MonEbox on the card in the PC/SC reader {@code readerName}, with extended APDUs. */
  public static CardMonEbox onReader(String readerName) throws ArtcashException {
    return onReader(readerName, CardTransport.Mode.EXTENDED);
  }

  public static CardMonEbox onReader(String readerName, CardTransport.Mode mode)
      throws ArtcashException {
    CardTerminal t = TerminalFactory.getDefault().terminals().getTerminal(readerName);
    if (t == null) {
      throw new ArtcashException(Reason.NOT_FOUND, "no smart card reader named '" + readerName
          + "'; list the readers with the PC/SC tools (pcsc_scan) and give one of their names");
    }
    return new CardMonEbox(t, mode);
  }

  /** A fresh, blank MonEbox applet on a simulated card (jCardSim), with extended APDUs. */
  public static CardMonEbox onSimulator() throws ArtcashException {
    return onSimulator(CardTransport.Mode.EXTENDED);
  }

  public static CardMonEbox onSimulator(CardTransport.Mode mode) throws ArtcashException {
    return new CardMonEbox(SimulatedCard.newTerminal(AID), mode);
  }

  private void connect() throws ArtcashException {
    try {
      card = terminal.connect("*");
      CardChannel channel = card.getBasicChannel();
      ResponseAPDU r = channel.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x00, AID, 256));
      if (r.getSW() != StatusWords.OK) {
        throw new ArtcashException(Reason.NOT_FOUND, "the card in reader '" + terminal.getName()
            + "' has no MonEbox applet (SELECT answered " + StatusWords.describe(r.getSW())
            + "); install the applet first");
      }
      transport = new CardTransport(channel, mode);
    } catch (CardException e) {
      throw noCard(e);
    }
  }

  /**
   * A card reset (power loss, reader reset): transient memory is cleared, so a button press
   * is forgotten; persistent state stays. The object is usable afterwards.
   */
  public void restart() throws ArtcashException {
    try {
      card.disconnect(true);
    } catch (CardException e) {
      throw noCard(e);
    }
    connect();
  }

  @Override
  public void close() throws ArtcashException {
    try {
      card.disconnect(false);
    } catch (CardException e) {
      throw noCard(e);
    }
  }

  /** Sends one raw APDU on the card's channel (APDU-level tests). */
  ResponseAPDU transmitRaw(CommandAPDU apdu) throws CardException {
    return card.getBasicChannel().transmit(apdu);
  }

  /** The transport, for its APDU and byte counters. */
  public CardTransport transport() {
    return transport;
  }

  private ArtcashException noCard(CardException e) {
    return new ArtcashException(Reason.STORAGE_FAILURE, "the MonEbox card in reader '"
        + terminal.getName() + "' did not answer (" + e.getMessage() + "); the operation may or"
        + " may not have taken effect: reconnect the card and retry, a retry is safe", e);
  }

  // --- commands

  private byte[] command(int ins, int p1, byte[] data, String what) throws ArtcashException {
    CardTransport.Answer a;
    try {
      a = transport.send(ins, p1, 0, data);
    } catch (CardException e) {
      throw noCard(e);
    }
    if (a.sw() == StatusWords.OK) {
      return a.data();
    }
    Optional<Reason> reason = StatusWords.reason(a.sw());
    if (reason.isPresent()) {
      throw new ArtcashException(reason.get(), what + ": " + explain(reason.get()));
    }
    if (a.sw() == 0x6A84) {
      throw new ArtcashException(Reason.CAPACITY_EXCEEDED, what + ": the command is larger than"
          + " the card can take (" + StatusWords.describe(a.sw()) + ")");
    }
    throw new IllegalStateException(what + ": the card refused the command with "
        + StatusWords.describe(a.sw()) + "; the driver and the applet versions do not match");
  }

  private byte[] command(int ins, byte[] data, String what) throws ArtcashException {
    return command(ins, 0, data, what);
  }

  /** What each refusal means and what to do about it (PROTOCOL.md sec. 9). */
  static String explain(Reason r) {
    return switch (r) {
      case TRUNCATED, TRAILING_BYTES, UNSUPPORTED_VERSION, WRONG_TYPE, LENGTH_OVER_LIMIT,
          NON_CANONICAL, TOO_LARGE -> "the card could not read the data (" + r + "); the message"
          + " was damaged on the way: fetch it again";
      case MALFORMED -> "the data is not well formed (a key that is not a P-256 point, limits that"
          + " do not fit together); fetch it again from its source";
      case AMOUNT_OVERFLOW -> "the amount would overflow the MonEbox's counters";
      case CURRENCY_MISMATCH -> "the currency is not the one this MonEbox holds; ask for one in"
          + " the MonEbox's currency";
      case INSUFFICIENT_FUNDS -> "the MonEbox balance is too low for this; redeem received payments"
          + " or top up first";
      case BAD_SIGNATURE -> "a signature does not verify: the data was altered or signed by the"
          + " wrong key";
      case UNKNOWN_ISSUER -> "a certificate or signature comes from a key that does not chain to"
          + " the root of trust; the sender must include the chain";
      case CHAIN_INVALID -> "the certificate chain is not valid (wrong issuer role or too long)";
      case EXPIRED -> "it has expired at the MonEbox's time; ask the payee for a fresh ART, or"
          + " fetch fresh credentials";
      case NOT_YET_VALID -> "a certificate is not valid yet at the MonEbox's time";
      case REVOKED -> "a key on the way has been revoked by the issuer";
      case WRONG_ROLE -> "a certificate has the wrong role for this use";
      case NOT_GENUINE_DEVICE -> "the device certificate certifies another key; it was made for a"
          + " different MonEbox";
      case WRONG_DEVICE_CLASS -> "this MonEbox's device class is too low for that class of payment"
          + " keys";
      case ART_EXHAUSTED -> "the payee's ART has taken all its payments; ask the payee for a fresh"
          + " ART";
      case ART_LIMIT_EXCEEDED -> "the payee's ART cannot take that much more; ask the payee for a"
          + " fresh ART or pay less";
      case ART_STATE_INVALID -> "the ART's last payment breaks the ART's own limits";
      case AMOUNT_MISMATCH -> "the approved amount is not the amount the payee asked for; approve"
          + " the requested amount";
      case CONFLICTING_RETRY -> "this ART state was already paid with another amount; send the"
          + " earlier approval again to get that token, or ask the payee for its updated ART";
      case FOREIGN_ART -> "the ART belongs to someone else; only its owner's MonEbox can redeem it";
      case REDEMPTION_CLOSED -> "the ART's redemption window has closed; return the ART with its"
          + " log to the issuer";
      case NO_SUITABLE_PAYMENT_KEY -> "no payment key of this MonEbox can sign this payment now;"
          + " request a fresh payment-key certificate";
      case PAYMENT_KEY_LIMIT -> "the payment exceeds its payment key's class limits";
      case APPROVAL_INVALID -> "the payment approval does not verify under the binding: it was"
          + " altered or made by software that is not bound to this MonEbox";
      case APPROVAL_REPLAYED -> "the approval counter was already used; approve the payment again";
      case NOT_BOUND -> "the binding is not known to this MonEbox; bind the e-purse software again"
          + " (press the MonEbox button first)";
      case BINDING_LIMIT -> "all bindings of this MonEbox are in use; it cannot be bound to more"
          + " e-purse software";
      case BUTTON_REQUIRED -> "this needs the owner's consent: press the MonEbox button and retry";
      case USER_LIMIT_EXCEEDED -> "the payment is above the limit set for this binding; pay from a"
          + " binding with a higher limit";
      case WRONG_STATE -> "the MonEbox is not in the state for this (not personalised yet, already"
          + " personalised, or a limit only the issuer may raise)";
      case DISABLED -> "this MonEbox has been disabled after tampering and no longer pays or"
          + " receives; its balance is kept: ask the issuer's recovery agent, with the recovery"
          + " statement";
      case CAPACITY_EXCEEDED -> "the card has no room for this (payment key slots, redemption"
          + " table, certificate table) or cannot handle the key size; use up or wait for"
          + " entries to expire first";
      case NOT_ISSUER_DEVICE -> "only the issuer's MonEbox executes issuance orders, and only its"
          + " own";
      case QUORUM_NOT_MET -> "too few valid committee signatures";
      case ORDER_OUT_OF_SEQUENCE -> "the order is out of sequence; orders are executed one after"
          + " the other";
      case NOT_FOUND -> "the card has nothing waiting for this; start again with a new request";
      default -> r.name();
    };
  }

  // --- status

  @Override
  public MonEboxStatus status() throws ArtcashException {
    byte[] s = command(INS_STATUS, new byte[0], "reading the MonEbox status");
    try {
      Decoder d = Decoder.of(s, "MonEbox status");
      DeviceState state = stateOf(d.u8("state"));
      boolean personalised = d.bool("personalised");
      Optional<Bytes> deviceId = Optional.empty();
      int deviceClass = 0;
      Optional<Bytes> pseudonym = Optional.empty();
      Optional<Amount> balance = Optional.empty();
      Currency currency = null;
      if (personalised) {
        deviceId = Optional.of(d.fixedBytes(16, "device id"));
        deviceClass = d.u8("device class");
        d.bool("issuer device");
        pseudonym = Optional.of(d.fixedBytes(16, "pseudonym"));
        currency = d.currency("currency");
        balance = Optional.of(Amount.of(currency, d.u64("balance")));
      }
      Instant trusted = d.time("trusted time");
      int bindings = d.u8("bindings");
      long threshold = d.u64("button threshold");
      int keys = d.u8("payment keys");
      List<MonEboxStatus.PaymentKeyInfo> infos = new ArrayList<>();
      for (int i = 0; i < keys; i++) {
        infos.add(keyInfo(d, currency));
      }
      Optional<MonEboxStatus.Supply> supply = Optional.empty();
      if (d.bool("supply")) {
        supply = Optional.of(new MonEboxStatus.Supply(Amount.of(currency, d.u64("issued")),
            Amount.of(currency, d.u64("destroyed")), d.u64("last order")));
      }
      d.finish();
      return new MonEboxStatus(state, deviceId, deviceClass, pseudonym, balance, trusted,
          bindings, threshold, infos, supply);
    } catch (ArtcashException | RuntimeException e) {
      throw garbled("status", e);
    }
  }

  private static IllegalStateException garbled(String what, Exception e) {
    return new IllegalStateException("the card's answer to '" + what + "' cannot be read: "
        + e.getMessage() + "; the driver and the applet versions do not match", e);
  }

  private static DeviceState stateOf(int code) {
    for (DeviceState s : DeviceState.values()) {
      if (s.code() == code) {
        return s;
      }
    }
    throw new IllegalStateException("unknown MonEbox state " + code);
  }

  private static MonEboxStatus.PaymentKeyInfo keyInfo(Decoder d, Currency currency)
      throws ArtcashException {
    int slot = d.u8("slot");
    Bytes certifier = d.fixedBytes(16, "certifier key id");
    boolean certified = d.bool("certified");
    int classId = d.u16("class id");
    long maxSingle = d.u64("max single");
    long maxPayments = d.u32("max payments");
    long used = d.u32("used");
    Instant notAfter = d.time("not after");
    return new MonEboxStatus.PaymentKeyInfo(slot, certifier, certified, classId,
        Amount.of(currency, maxSingle), maxPayments, used, notAfter);
  }

  private Currency currency() throws ArtcashException {
    return balance().currency();
  }

  @Override
  public Amount balance() throws ArtcashException {
    byte[] b = command(INS_BALANCE, new byte[0], "reading the balance");
    try {
      Decoder d = Decoder.of(b, "balance");
      Amount a = d.amount("balance");
      d.finish();
      return a;
    } catch (ArtcashException e) {
      throw garbled("balance", e);
    }
  }

  /** GET DATA: version, features and free memory (docs/CARD.md). */
  public CardInfo cardInfo() throws ArtcashException {
    byte[] b = command(INS_GET_DATA, new byte[0], "reading the card information");
    try {
      return CardInfo.decode(b);
    } catch (ArtcashException e) {
      throw garbled("GET DATA", e);
    }
  }

  // --- life cycle

  @Override
  public byte[] generateDeviceKey() throws ArtcashException {
    byte[] key = command(INS_GENERATE_DEVICE_KEY, new byte[0], "generating the device key");
    P256.decode(key);
    return key;
  }

  @Override
  public void personalise(Personalisation p) throws ArtcashException {
    Encoder e = new Encoder().var(p.root().encode(), Certificate.MAX_ENCODED).u8(p.chain().size());
    for (Certificate c : p.chain()) {
      e.var(c.encode(), Certificate.MAX_ENCODED);
    }
    e.var(p.deviceCertificate().encode(), Certificate.MAX_ENCODED)
        .fixed(p.pseudonym(), 16).currency(p.currency()).u64(p.buttonThreshold())
        .u8(p.maxBindings()).bool(p.committee().isPresent());
    if (p.committee().isPresent()) {
      Personalisation.Committee c = p.committee().get();
      e.u8(c.members().size());
      for (byte[] m : c.members()) {
        e.fixed(m, P256.PUBLIC_KEY_LENGTH);
      }
      e.u8(c.quorum());
    }
    e.time(p.time().truncatedTo(ChronoUnit.SECONDS));
    command(INS_PERSONALISE, e.toByteArray(), "personalising the MonEbox");
  }

  @Override
  public Certificate rootOfTrust() throws ArtcashException {
    return Certificate.decode(command(INS_GET_CERTIFICATE, 1, new byte[0],
        "reading the root of trust"));
  }

  @Override
  public Certificate deviceCertificate() throws ArtcashException {
    return Certificate.decode(command(INS_GET_CERTIFICATE, 2, new byte[0],
        "reading the device certificate"));
  }

  // --- button, binding, threshold

  /**
   * Simulation only: the host confirms for the owner. On a real MonEbox the device's own button
   * sets this and the applet has no such command (docs/CARD.md, "Button and tamper").
   */
  @Override
  public void pressButton() throws ArtcashException {
    command(INS_PRESS_BUTTON, new byte[0], "pressing the MonEbox button");
  }

  @Override
  public Binding.Result bind(Binding.Request request) throws ArtcashException {
    byte[] data = new Encoder().fixed(request.hostPublicKey(), P256.PUBLIC_KEY_LENGTH)
        .u64(request.perPaymentLimit()).toByteArray();
    byte[] r = command(INS_BIND, data, "binding the e-purse software");
    try {
      Decoder d = Decoder.of(r, "binding");
      int id = d.u8("binding id");
      byte[] key = d.fixed(P256.PUBLIC_KEY_LENGTH, "MonEbox key");
      byte[] sig = d.fixed(64, "device signature");
      d.finish();
      return new Binding.Result(id, key, sig);
    } catch (ArtcashException e) {
      throw garbled("bind", e);
    }
  }

  @Override
  public void setButtonThreshold(long threshold) throws ArtcashException {
    if (threshold < 0) {
      throw new IllegalArgumentException("a button threshold cannot be negative: " + threshold);
    }
    command(INS_SET_THRESHOLD, new Encoder().u64(threshold).toByteArray(),
        "setting the button threshold to " + threshold);
  }

  // --- the payment

  @Override
  public TransferToken pay(PaymentInstruction in) throws ArtcashException {
    if (in.bindingId() > 0xFF) {
      throw new ArtcashException(Reason.NOT_BOUND, "binding " + in.bindingId() + " is not known"
          + " to this MonEbox; bind the e-purse software again");
    }
    byte[] data = new Encoder().u8(in.bindingId()).u32(in.counter()).u64(in.amount())
        .u64(in.hostTime().getEpochSecond()).fixed(in.approvalMac(), Binding.MAC_LENGTH)
        .raw(in.request().encode()).toByteArray();
    String what = "paying " + Amount.of(in.request().state().config().currency(), in.amount())
        + " on ART " + in.request().state().config().artId().shortHex();
    return TransferToken.decode(command(INS_PAY, data, what));
  }

  @Override
  public RedeemResult redeem(TransferToken latest) throws ArtcashException {
    Currency c = latest.config().currency();
    byte[] r = command(INS_REDEEM, latest.encode(), "redeeming ART "
        + latest.config().artId().shortHex());
    try {
      Decoder d = Decoder.of(r, "redemption");
      Bytes artId = d.fixedBytes(16, "ART id");
      Amount credited = Amount.of(c, d.u64("credited"));
      Amount total = Amount.of(c, d.u64("total redeemed"));
      Amount balance = Amount.of(c, d.u64("balance"));
      d.finish();
      return new RedeemResult(artId, credited, total, balance);
    } catch (ArtcashException e) {
      throw garbled("redeem", e);
    }
  }

  // --- credentials

  @Override
  public CertificationRequest requestPaymentKeyCertification(Certificate certifier,
      List<Certificate> chain, Instant hostTime) throws ArtcashException {
    Encoder e = new Encoder().var(certifier.encode(), Certificate.MAX_ENCODED).u8(chain.size());
    for (Certificate c : chain) {
      e.var(c.encode(), Certificate.MAX_ENCODED);
    }
    e.time(hostTime.truncatedTo(ChronoUnit.SECONDS));
    return CertificationRequest.decode(command(INS_REQUEST_CERTIFICATION, e.toByteArray(),
        "requesting a payment-key certificate from certifier "
            + certifier.subjectKeyId().shortHex()));
  }

  /**
   * Two steps: the card checks the answer belongs to a waiting request and returns that request's
   * blinding factor r and the certifier's modulus; the host unblinds (s = z * r^-1 mod n, RFC 9474
   * Finalize); the card verifies s itself before it makes the key usable.
   */
  @Override
  public MonEboxStatus.PaymentKeyInfo installPaymentKeyCertificate(CertificationResponse response)
      throws ArtcashException {
    String what = "installing the payment-key certificate for request "
        + response.requestHash().shortHex();
    byte[] first = command(INS_INSTALL_CERTIFICATE, 1, response.encode(), what);
    if (first.length > 0 && first[0] == 0) {
      return installed(first);
    }
    byte[] s;
    try {
      Decoder d = Decoder.of(first, "blinding");
      d.u8("step");
      BigInteger r = new BigInteger(1, d.fixed(256, "r"));
      BigInteger n = new BigInteger(1, d.fixed(256, "modulus"));
      d.finish();
      BigInteger z = new BigInteger(1, response.blindSignature());
      if (!r.gcd(n).equals(BigInteger.ONE)) {
        throw new ArtcashException(Reason.BAD_SIGNATURE, what + ": the blinding factor has no"
            + " inverse; request a new payment-key certificate");
      }
      s = toFixed(z.multiply(r.modInverse(n)).mod(n), 256);
    } catch (ArtcashException e) {
      if (e.reason() == Reason.BAD_SIGNATURE) {
        throw e;
      }
      throw garbled("install step 1", e);
    }
    byte[] data = new Encoder().fixed(response.requestHash(), 32).var(s, 512).toByteArray();
    return installed(command(INS_INSTALL_CERTIFICATE, 2, data, what));
  }

  private MonEboxStatus.PaymentKeyInfo installed(byte[] answer) throws ArtcashException {
    Currency c = currency();
    try {
      Decoder d = Decoder.of(answer, "payment key");
      d.u8("step");
      MonEboxStatus.PaymentKeyInfo info = keyInfo(d, c);
      d.finish();
      return info;
    } catch (ArtcashException e) {
      throw garbled("install", e);
    }
  }

  static byte[] toFixed(BigInteger v, int length) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[length];
    int n = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - n, out, length - n, n);
    return out;
  }

  @Override
  public ArtRequest requestArts(ArtRequest.Wish wish, Instant hostTime) throws ArtcashException {
    byte[] data = new Encoder().u8(wish.kind().code()).u8(wish.count()).u16(wish.maxPayments())
        .u64(wish.maxSingle()).u64(wish.maxAggregate())
        .time(hostTime.truncatedTo(ChronoUnit.SECONDS)).toByteArray();
    return ArtRequest.decode(command(INS_REQUEST_ARTS, data, "requesting fresh ARTs"));
  }

  @Override
  public void updateRevocationList(RevocationList list, List<Certificate> chain)
      throws ArtcashException {
    Encoder e = new Encoder().raw(list.encode()).u8(chain.size());
    for (Certificate c : chain) {
      e.var(c.encode(), Certificate.MAX_ENCODED);
    }
    command(INS_UPDATE_REVOCATIONS, e.toByteArray(), "installing revocation list "
        + list.sequence());
  }

  // --- issuance

  @Override
  public MonEboxStatus.Supply execute(IssuanceOrder order) throws ArtcashException {
    Currency c = order.amount().currency();
    byte[] r;
    try {
      r = command(INS_EXECUTE_ORDER, order.encode(), "executing issuance order "
          + order.sequence());
    } catch (ArtcashException e) {
      if (e.reason() != Reason.QUORUM_NOT_MET) {
        throw e;
      }
      byte[] detail = command(INS_ERROR_DETAIL, new byte[0], "reading the refusal's detail");
      int valid = ((detail[0] & 0xFF) << 8) | (detail[1] & 0xFF);
      int quorum = ((detail[2] & 0xFF) << 8) | (detail[3] & 0xFF);
      int members = ((detail[4] & 0xFF) << 8) | (detail[5] & 0xFF);
      throw new ArtcashException(Reason.QUORUM_NOT_MET, "order " + order.sequence() + " has "
          + valid + " valid committee signatures; " + quorum + " of " + members
          + " are needed: collect more signatures", e);
    }
    try {
      Decoder d = Decoder.of(r, "supply");
      MonEboxStatus.Supply s = new MonEboxStatus.Supply(Amount.of(c, d.u64("issued")),
          Amount.of(c, d.u64("destroyed")), d.u64("last order"));
      d.finish();
      return s;
    } catch (ArtcashException e) {
      throw garbled("execute", e);
    }
  }

  // --- tamper

  /**
   * Simulation only: the tamper signal as an APDU. On a real MonEbox the tamper sensors raise it
   * through the device's own processor (docs/CARD.md, "Button and tamper").
   */
  @Override
  public void tamper() throws ArtcashException {
    command(INS_TAMPER, new byte[0], "signalling tamper");
  }

  @Override
  public RecoveryStatement recoveryStatement() throws ArtcashException {
    return RecoveryStatement.decode(command(INS_RECOVERY_STATEMENT, new byte[0],
        "asking for the recovery statement"));
  }
}
