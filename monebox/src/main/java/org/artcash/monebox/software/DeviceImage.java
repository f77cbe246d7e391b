package org.artcash.monebox.software;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.PaymentKeyCertificate;
import org.artcash.core.art.PaymentRecord;
import org.artcash.core.codec.Bytes;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.artcash.core.credential.CertificationRequest;
import org.artcash.core.crypto.BlindRsa;
import org.artcash.core.crypto.P256;
import org.artcash.core.crypto.Sha256;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.DeviceAttributes;
import org.artcash.core.pki.PaymentKeyClass;
import org.artcash.core.pki.RevocationList;
import org.artcash.monebox.DeviceState;

/**
 * Everything a software MonEbox keeps, and its canonical encoding (type 0x40, version 1, a SHA-256
 * checksum at the end). Operations change a {@link #copy()} and swap it in only after it has been
 * stored, so a refused or interrupted operation leaves the current image untouched.
 */
final class DeviceImage {
  static final int TYPE = 0x40;
  static final int VERSION = 1;
  static final int MAX_PAYMENT_KEYS = 4;
  static final int MAX_PAID = 32;
  static final int MAX_REDEMPTIONS = 256;
  static final int MAX_CHAIN = 4;
  private static final int CHECKSUM_LENGTH = 32;
  private static final int MAX_BLINDING_FIELD = 512;
  private static final int MAX_ORDER_BODY = 64;

  /** Number of the commit that wrote this image; the monotonic counter follows it. */
  long commitNumber;
  DeviceState state = DeviceState.BLANK;
  /** Null while BLANK. */
  InternalKey deviceKey;
  /** Null before personalisation. */
  Provisioned provisioned;
  long balance;
  /** The newest issuer-signed time seen (whole seconds); see SoftwareMonEbox on time. */
  Instant trustedNow = Instant.EPOCH;
  long buttonThreshold;
  final TreeMap<Integer, BindingSlot> bindings = new TreeMap<>();
  final TreeMap<Integer, PaymentKeySlot> paymentKeys = new TreeMap<>();
  /** The idempotency log, oldest first, at most {@link #MAX_PAID}. */
  final ArrayDeque<PaidEntry> paid = new ArrayDeque<>();
  final TreeMap<Bytes, Redemption> redemptions = new TreeMap<>();
  /** Null until the first list is installed. */
  RevocationList revocations;
  /** Null except on the issuer's MonEbox. */
  IssuerLedger ledger;

  static DeviceImage blank() {
    return new DeviceImage();
  }

  DeviceImage copy() {
    DeviceImage c = new DeviceImage();
    c.commitNumber = commitNumber;
    c.state = state;
    c.deviceKey = deviceKey;
    c.provisioned = provisioned;
    c.balance = balance;
    c.trustedNow = trustedNow;
    c.buttonThreshold = buttonThreshold;
    c.bindings.putAll(bindings);
    c.paymentKeys.putAll(paymentKeys);
    c.paid.addAll(paid);
    c.redemptions.putAll(redemptions);
    c.revocations = revocations;
    c.ledger = ledger;
    return c;
  }

  Optional<PaidEntry> paidFor(Bytes stateHash) {
    return paid.stream().filter(e -> e.stateHash().equals(stateHash)).findFirst();
  }

  /** Appends to the idempotency log, forgetting the oldest entry when it is full. */
  void remember(PaidEntry entry) {
    if (paid.size() == MAX_PAID) {
      paid.removeFirst();
    }
    paid.addLast(entry);
  }

  void advanceTrustedTime(Instant signedTime) {
    if (signedTime.isAfter(trustedNow)) {
      trustedNow = signedTime;
    }
  }

  // --- encoding

  byte[] encode() {
    Encoder e = new Encoder().u8(TYPE).u8(VERSION).u64(commitNumber).u8(state.code());
    e.bool(deviceKey != null);
    if (deviceKey != null) {
      writeKey(e, deviceKey);
    }
    e.bool(provisioned != null);
    if (provisioned != null) {
      e.var(provisioned.root().encode(), Certificate.MAX_ENCODED);
      writeChain(e, provisioned.chain());
      e.var(provisioned.deviceCertificate().encode(), Certificate.MAX_ENCODED);
      e.fixed(provisioned.pseudonym(), 16).currency(provisioned.currency())
          .u64(provisioned.issuerButtonThreshold()).u8(provisioned.maxBindings());
    }
    e.u64(balance).time(trustedNow).u64(buttonThreshold);
    e.u8(bindings.size());
    for (BindingSlot b : bindings.values()) {
      e.u8(b.id()).fixed(b.key(), 32).u32(b.lastCounter()).u64(b.perPaymentLimit());
    }
    e.u8(paymentKeys.size());
    for (PaymentKeySlot s : paymentKeys.values()) {
      writePaymentKey(e, s);
    }
    e.u8(paid.size());
    for (PaidEntry p : paid) {
      e.fixed(p.stateHash(), 32).var(p.record().encode(), PaymentRecord.MAX_ENCODED);
      writeChain(e, p.chain());
    }
    e.u16(redemptions.size());
    for (Redemption r : redemptions.values()) {
      e.fixed(r.artId(), 16).u64(r.redeemed()).time(r.redeemUntil());
    }
    e.bool(revocations != null);
    if (revocations != null) {
      byte[] list = revocations.encode();
      e.u32(list.length).raw(list); // a full list (4096 entries) exceeds a u16 length
    }
    e.bool(ledger != null);
    if (ledger != null) {
      e.u8(ledger.committee().size());
      for (byte[] member : ledger.committee()) {
        e.fixed(member, P256.PUBLIC_KEY_LENGTH);
      }
      e.u8(ledger.quorum()).u64(ledger.lastOrder())
          .var(ledger.lastOrderBody().orElse(new byte[0]), MAX_ORDER_BODY)
          .u64(ledger.issued()).u64(ledger.destroyed());
    }
    byte[] body = e.toByteArray();
    return new Encoder().raw(body).raw(Sha256.hash(body)).toByteArray();
  }

  private static void writeKey(Encoder e, InternalKey key) {
    byte[] scalar = PrivateKeys.scalar(key.privateKey());
    e.fixed(scalar, PrivateKeys.SCALAR_LENGTH).fixed(key.publicKey(), P256.PUBLIC_KEY_LENGTH);
    Arrays.fill(scalar, (byte) 0);
  }

  private static void writePaymentKey(Encoder e, PaymentKeySlot s) {
    e.u8(s.slot());
    writeKey(e, s.key());
    e.var(s.certifier().encode(), Certificate.MAX_ENCODED);
    writeChain(e, s.certifierChain());
    e.fixed(s.requestHash(), 32).u32(s.keyUse()).bool(s.certified());
    if (s.certified()) {
      e.var(s.certificate().orElseThrow().encode(), PaymentKeyCertificate.MAX_ENCODED);
    } else {
      PaymentKeySlot.Pending p = s.pending().orElseThrow();
      e.fixed(p.blinding().prefix(), BlindRsa.PREFIX_LENGTH)
          .var(p.blinding().blindedMessage(), MAX_BLINDING_FIELD)
          .var(p.blinding().inverse(), MAX_BLINDING_FIELD)
          .time(p.time()).fixed(p.nonce(), CertificationRequest.NONCE_LENGTH);
    }
  }

  private static void writeChain(Encoder e, List<Certificate> chain) {
    e.u8(chain.size());
    for (Certificate c : chain) {
      e.var(c.encode(), Certificate.MAX_ENCODED);
    }
  }

  // --- decoding

  /** Strict inverse of {@link #encode()}; the checksum is checked before any field is read. */
  static DeviceImage decode(byte[] raw) throws ArtcashException {
    Decoder d = Decoder.of(raw, "MonEbox state");
    d.header(TYPE, VERSION);
    if (raw.length < 2 + CHECKSUM_LENGTH) {
      throw new ArtcashException(Reason.TRUNCATED, "MonEbox state: too short for its checksum");
    }
    byte[] body = Arrays.copyOf(raw, raw.length - CHECKSUM_LENGTH);
    byte[] checksum = Arrays.copyOfRange(raw, raw.length - CHECKSUM_LENGTH, raw.length);
    if (!Bytes.copyOf(checksum).equals(Sha256.digest(body))) {
      throw new ArtcashException(Reason.MALFORMED,
          "MonEbox state: checksum mismatch; the stored bytes have been damaged or altered");
    }
    DeviceImage img = new DeviceImage();
    img.commitNumber = d.u64("commit number");
    img.state = stateOf(d, d.u8("state"));
    if (d.bool("has device key")) {
      img.deviceKey = readKey(d, "device key");
    }
    if (d.bool("personalised")) {
      img.provisioned = readProvisioned(d);
    }
    img.balance = d.u64("balance");
    img.trustedNow = d.time("trusted time");
    img.buttonThreshold = d.u64("button threshold");
    int bindings = d.u8("binding count");
    for (int i = 0; i < bindings; i++) {
      BindingSlot b = new BindingSlot(d.u8("binding id"), d.fixed(32, "binding key"),
          d.u32("binding counter"), d.u64("binding limit"));
      if (img.bindings.put(b.id(), b) != null) {
        throw d.nonCanonical("binding id", "binding " + b.id() + " appears twice");
      }
    }
    int keys = d.u8("payment key count");
    if (keys > MAX_PAYMENT_KEYS) {
      throw d.malformed("payment key count", keys + " keys; at most " + MAX_PAYMENT_KEYS);
    }
    for (int i = 0; i < keys; i++) {
      PaymentKeySlot s = readPaymentKey(d);
      if (img.paymentKeys.put(s.slot(), s) != null) {
        throw d.nonCanonical("payment key slot", "slot " + s.slot() + " appears twice");
      }
    }
    int paid = d.u8("log length");
    if (paid > MAX_PAID) {
      throw d.malformed("log length", paid + " entries; at most " + MAX_PAID);
    }
    for (int i = 0; i < paid; i++) {
      Bytes hash = d.fixedBytes(32, "paid state hash");
      PaymentRecord r = PaymentRecord.decode(d.var(PaymentRecord.MAX_ENCODED, "paid record"));
      img.paid.addLast(new PaidEntry(hash, r, readChain(d, "paid chain")));
    }
    int redemptions = d.u16("redemption count");
    if (redemptions > MAX_REDEMPTIONS) {
      throw d.malformed("redemption count", redemptions + " entries; at most " + MAX_REDEMPTIONS);
    }
    Bytes previous = null;
    for (int i = 0; i < redemptions; i++) {
      Redemption r = new Redemption(d.fixedBytes(16, "redeemed ART id"), d.u64("redeemed"),
          d.time("redeem until"));
      if (previous != null && previous.compareTo(r.artId()) >= 0) {
        throw d.nonCanonical("redeemed ART id", "entries must be sorted ascending, once each");
      }
      previous = r.artId();
      img.redemptions.put(r.artId(), r);
    }
    if (d.bool("has revocation list")) {
      long n = d.u32("revocation list length");
      if (n > d.remaining()) {
        throw new ArtcashException(Reason.TRUNCATED, "MonEbox state: revocation list cut short");
      }
      img.revocations = RevocationList.decode(d.fixed((int) n, "revocation list"));
    }
    if (d.bool("issuer device")) {
      img.ledger = readLedger(d);
    }
    d.fixed(CHECKSUM_LENGTH, "checksum");
    d.finish();
    img.checkConsistent();
    return img;
  }

  private static DeviceState stateOf(Decoder d, int code) throws ArtcashException {
    for (DeviceState s : DeviceState.values()) {
      if (s.code() == code) {
        return s;
      }
    }
    throw d.malformed("state", "unknown device state " + code);
  }

  private static InternalKey readKey(Decoder d, String field) throws ArtcashException {
    byte[] scalar = d.fixed(PrivateKeys.SCALAR_LENGTH, field);
    try {
      byte[] pub = d.fixed(P256.PUBLIC_KEY_LENGTH, field + " public part");
      P256.decode(pub);
      return new InternalKey(PrivateKeys.fromScalar(scalar), pub);
    } finally {
      Arrays.fill(scalar, (byte) 0);
    }
  }

  private static Provisioned readProvisioned(Decoder d) throws ArtcashException {
    Certificate root = Certificate.decode(d.var(Certificate.MAX_ENCODED, "root of trust"));
    List<Certificate> chain = readChain(d, "device chain");
    Certificate device = Certificate.decode(d.var(Certificate.MAX_ENCODED, "device certificate"));
    Bytes pseudonym = d.fixedBytes(16, "pseudonym");
    Currency currency = d.currency("currency");
    long threshold = d.u64("issuer button threshold");
    int maxBindings = d.u8("max bindings");
    if (maxBindings < 1 || maxBindings > 8) {
      throw d.malformed("max bindings", "must be 1..8");
    }
    return new Provisioned(root, chain, device, DeviceAttributes.decode(device.attributes()),
        pseudonym, currency, threshold, maxBindings);
  }

  private static PaymentKeySlot readPaymentKey(Decoder d) throws ArtcashException {
    int slot = d.u8("payment key slot");
    if (slot >= MAX_PAYMENT_KEYS) {
      throw d.malformed("payment key slot", "slot " + slot + " does not exist");
    }
    InternalKey key = readKey(d, "payment key");
    Certificate certifier = Certificate.decode(d.var(Certificate.MAX_ENCODED, "certifier"));
    List<Certificate> chain = readChain(d, "certifier chain");
    PaymentKeyClass cls = PaymentKeyClass.decode(certifier.attributes());
    Bytes requestHash = d.fixedBytes(32, "request hash");
    long keyUse = d.u32("key use");
    if (d.bool("certified")) {
      PaymentKeyCertificate c = PaymentKeyCertificate.decode(
          d.var(PaymentKeyCertificate.MAX_ENCODED, "payment key certificate"));
      return new PaymentKeySlot(slot, key, certifier, chain, cls, requestHash, Optional.empty(),
          Optional.of(c), keyUse);
    }
    BlindRsa.Blinding b = new BlindRsa.Blinding(d.fixed(BlindRsa.PREFIX_LENGTH, "prefix"),
        d.var(MAX_BLINDING_FIELD, "blinded message"),
        d.var(MAX_BLINDING_FIELD, "blinding inverse"));
    PaymentKeySlot.Pending p = new PaymentKeySlot.Pending(b, d.time("request time"),
        d.fixedBytes(CertificationRequest.NONCE_LENGTH, "request nonce"));
    return new PaymentKeySlot(slot, key, certifier, chain, cls, requestHash, Optional.of(p),
        Optional.empty(), keyUse);
  }

  private static IssuerLedger readLedger(Decoder d) throws ArtcashException {
    int n = d.u8("committee size");
    if (n < 1 || n > 16) {
      throw d.malformed("committee size", "must be 1..16");
    }
    List<byte[]> members = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      members.add(d.fixed(P256.PUBLIC_KEY_LENGTH, "committee member"));
    }
    IssuerLedger.checkCommittee(members);
    int quorum = d.u8("quorum");
    if (quorum < 1 || quorum > n) {
      throw d.malformed("quorum", "must be 1.." + n);
    }
    long lastOrder = d.u64("last order");
    byte[] body = d.var(MAX_ORDER_BODY, "last order body");
    if ((lastOrder == 0) != (body.length == 0)) {
      throw d.malformed("last order body", "present exactly when an order was executed");
    }
    return new IssuerLedger(members, quorum, lastOrder,
        body.length == 0 ? Optional.empty() : Optional.of(body), d.u64("issued"),
        d.u64("destroyed"));
  }

  private static List<Certificate> readChain(Decoder d, String field) throws ArtcashException {
    int n = d.u8(field + " length");
    if (n > MAX_CHAIN) {
      throw d.malformed(field, n + " certificates; at most " + MAX_CHAIN);
    }
    List<Certificate> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Certificate.decode(d.var(Certificate.MAX_ENCODED, field)));
    }
    return out;
  }

  private void checkConsistent() throws ArtcashException {
    boolean ok = switch (state) {
      case BLANK -> deviceKey == null && provisioned == null;
      case KEYED -> deviceKey != null && provisioned == null;
      case ACTIVE -> deviceKey != null && provisioned != null;
      case DISABLED -> paymentKeys.isEmpty() && bindings.isEmpty();
    };
    if (!ok || (provisioned == null && (balance != 0 || ledger != null))) {
      throw new ArtcashException(Reason.MALFORMED,
          "MonEbox state: the stored fields do not fit the state " + state);
    }
  }
}
