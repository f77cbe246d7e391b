package org.artcash.monebox.software;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtRules;
import org.artcash.core.art.PaymentKeyCertificate;
import org.artcash.core.art.PaymentRecord;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.credential.ArtRequest;
import org.artcash.core.credential.CertificationRequest;
import org.artcash.core.credential.CertificationResponse;
import org.artcash.core.crypto.BlindRsa;
import org.artcash.core.issuance.IssuanceOrder;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.CertRole;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.DeviceAttributes;
import org.artcash.core.pki.PaymentKeyClass;
import org.artcash.core.pki.RevocationList;
import org.artcash.core.pki.TrustStore;
import org.artcash.monebox.Binding;
import org.artcash.monebox.DeviceState;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.MonEboxStatus;
import org.artcash.monebox.PaymentInstruction;
import org.artcash.monebox.Personalisation;
import org.artcash.monebox.RecoveryStatement;
import org.artcash.monebox.RedeemResult;

/**
 * The MonEbox in software (de Jong 2024, sec. 4.2), whose state lives in a {@link StateStore}
 * guarded by a {@link MonotonicCounter}. Operations run one at a time, like a card; each one that
 * changes state stores the new state before it returns, or changes nothing.
 *
 * <p>Security: a software MonEbox is only as safe as the account and disk it runs on. It is the
 * lowest device class, meant for development, tests and the low limits the issuer sets for that
 * class. Its state ends in a plain SHA-256, which detects damage, not forgery: whoever can write
 * the state file can set any balance, or put back an old state with a commit number that matches
 * the counter; the device and payment keys in it are stored in the clear. The counter detects an
 * older copy of the state put back by accident (a backup restored); it does not stop an attacker
 * who can write the state and counter files.
 *
 * <p>Time: the device has no clock. Its trusted time only advances to times at which the issuer
 * signed something with a key valid then, once that signature verified: the personalisation time
 * and device certificate's notBefore at personalisation, an ART's issuedAt (the factory's
 * signature and certificate checked at that time), a revocation list's issuedAt (the CA's). A
 * certificate's notBefore offered later (a certifier's) never advances it: the issuer may publish
 * a certificate ahead of its validity, and a host that moved the trusted time forward would close
 * the redemption window of ARTs received but not yet redeemed. A payment or a credential request
 * uses the later of the trusted time and the host's time, without storing the host's time as
 * trusted: a host claiming a later time only makes its owner's credentials expire sooner, and an
 * earlier one is bounded by the trusted time. Redemption uses the trusted time alone, so no host
 * can stretch an ART's redemption window.
 *
 * <p>Button: a press arms only the next bind, payment or threshold change attempted, whatever its
 * outcome. A payment refused before its approval verified (unknown binding, wrong MAC) leaves the
 * press armed, so junk sent by someone without a binding cannot disarm the owner's press.
 */
public final class SoftwareMonEbox implements MonEbox, AutoCloseable {
  private static final int NONCE_LENGTH = CertificationRequest.NONCE_LENGTH;

  private final DeviceStorage storage;
  private final SecureRandom random;
  /** The stored state; null when it must be (re)read: at start and after a failed commit. */
  private DeviceImage image;
  /** Built from the image's root and revocation list; null when it must be rebuilt. */
  private TrustStore trust;
  /** The owner's consent for the next bind, payment or threshold change; never stored. */
  private boolean buttonPressed;
  private boolean closed;

  private SoftwareMonEbox(DeviceStorage storage, SecureRandom random) {
    this.storage = storage;
    this.random = random;
  }

  /**
   * A MonEbox over the given storage. Opening never fails: a missing, damaged, locked or
   * rolled-back state makes every operation fail with the reason (STORAGE_FAILURE,
   * ROLLBACK_DETECTED). Close it to let another object or program open the same storage.
   */
  public static SoftwareMonEbox open(StateStore store, MonotonicCounter counter) {
    return new SoftwareMonEbox(new DeviceStorage(store, counter), new SecureRandom());
  }

  /** A MonEbox whose state and counter are files; put them on different media (see class doc). */
  public static SoftwareMonEbox open(Path stateFile, Path counterFile) {
    return open(new FileStateStore(stateFile), new FileMonotonicCounter(counterFile));
  }

  /** Releases the storage (the state file's lock); the object cannot be used afterwards. */
  @Override
  public synchronized void close() throws ArtcashException {
    closed = true;
    image = null;
    trust = null;
    try {
      storage.close();
    } catch (IOException e) {
      throw new ArtcashException(Reason.STORAGE_FAILURE,
          "the MonEbox could not release its storage: " + e.getMessage(), e);
    }
  }

  // --- storage

  private DeviceImage current() throws ArtcashException {
    if (closed) {
      throw new IllegalStateException("this SoftwareMonEbox has been closed; open it again");
    }
    if (image == null) {
      image = storage.load();
      trust = null;
      buttonPressed = false; // a restart forgets the press, like a card reset
    }
    return image;
  }

  /** de Jong 2024, sec. 2.3: the new state is stored before any result leaves the device. */
  private void commit(DeviceImage next) throws ArtcashException {
    DeviceImage before = current();
    image = null; // if the commit fails half-way, the next operation re-reads what was stored
    storage.commit(before, next);
    image = next;
  }

  private TrustStore trust(DeviceImage img) throws ArtcashException {
    if (trust == null) {
      TrustStore t = TrustStore.anchoredAt(img.provisioned.root());
      t.addAll(img.provisioned.chain());
      if (img.revocations != null) {
        t.updateRevocationList(img.revocations);
      }
      trust = t;
    }
    return trust;
  }

  private DeviceImage requireActive() throws ArtcashException {
    DeviceImage img = current();
    switch (img.state) {
      case ACTIVE -> {
        return img;
      }
      case DISABLED -> throw disabled(img);
      default -> throw new ArtcashException(Reason.WRONG_STATE, "this MonEbox is not personalised"
          + " yet (state " + img.state + "); the issuer's provisioning station must personalise it"
          + " first");
    }
  }

  private DeviceImage requirePersonalised() throws ArtcashException {
    DeviceImage img = current();
    if (img.provisioned == null) {
      throw new ArtcashException(Reason.WRONG_STATE, "this MonEbox has not been personalised"
          + " (state " + img.state + "), so it has no certificates or balance yet");
    }
    return img;
  }

  private static ArtcashException disabled(DeviceImage img) {
    String kept = img.provisioned == null ? ""
        : "; its balance of " + Amount.of(img.provisioned.currency(), img.balance)
            + " is kept: ask the issuer's recovery agent, with the recovery statement";
    return new ArtcashException(Reason.DISABLED,
        "this MonEbox has been disabled after tampering and no longer pays or receives" + kept);
  }

  private static Instant later(Instant trusted, Instant hostTime) {
    Instant host = hostTime.truncatedTo(ChronoUnit.SECONDS);
    return host.isAfter(trusted) ? host : trusted;
  }

  private Bytes nonce() {
    byte[] n = new byte[NONCE_LENGTH];
    random.nextBytes(n);
    return Bytes.copyOf(n);
  }

  // --- status

  @Override
  public synchronized MonEboxStatus status() throws ArtcashException {
    DeviceImage img = current();
    Provisioned p = img.provisioned;
    List<MonEboxStatus.PaymentKeyInfo> keys = new ArrayList<>();
    for (PaymentKeySlot s : img.paymentKeys.values()) {
      keys.add(s.info());
    }
    Optional<MonEboxStatus.Supply> supply = Optional.ofNullable(img.ledger).map(l ->
        new MonEboxStatus.Supply(Amount.of(p.currency(), l.issued()),
            Amount.of(p.currency(), l.destroyed()), l.lastOrder()));
    return new MonEboxStatus(img.state,
        Optional.ofNullable(p).map(x -> x.attributes().deviceId()),
        p == null ? 0 : p.attributes().deviceClass(),
        Optional.ofNullable(p).map(Provisioned::pseudonym),
        Optional.ofNullable(p).map(x -> Amount.of(x.currency(), img.balance)),
        img.trustedNow, img.bindings.size(), img.buttonThreshold, keys, supply);
  }

  @Override
  public synchronized Amount balance() throws ArtcashException {
    DeviceImage img = requirePersonalised();
    return Amount.of(img.provisioned.currency(), img.balance);
  }

  // --- life cycle

  /** In KEYED state returns the existing key again, so a lost reply does not strand the device. */
  @Override
  public synchronized byte[] generateDeviceKey() throws ArtcashException {
    DeviceImage img = current();
    if (img.state == DeviceState.KEYED) {
      return img.deviceKey.publicKey();
    }
    if (img.state != DeviceState.BLANK) {
      throw new ArtcashException(Reason.WRONG_STATE, "this MonEbox already has a device key and"
          + " is " + img.state + "; a device key is generated once, when it is blank");
    }
    DeviceImage next = img.copy();
    next.deviceKey = InternalKey.generate(random);
    next.state = DeviceState.KEYED;
    commit(next);
    return next.deviceKey.publicKey();
  }

  @Override
  public synchronized void personalise(Personalisation p) throws ArtcashException {
    DeviceImage img = current();
    if (img.state != DeviceState.KEYED) {
      throw new ArtcashException(Reason.WRONG_STATE, "only a KEYED MonEbox can be personalised;"
          + " this one is " + img.state);
    }
    if (p.chain().size() > DeviceImage.MAX_CHAIN) {
      throw new ArtcashException(Reason.CHAIN_INVALID, "the device certificate chain has "
          + p.chain().size() + " certificates; at most " + DeviceImage.MAX_CHAIN);
    }
    Certificate device = p.deviceCertificate();
    if (!Arrays.equals(device.publicKey(), img.deviceKey.publicKey())) {
      throw new ArtcashException(Reason.NOT_GENUINE_DEVICE, "the device certificate certifies"
          + " another key; it was made for a different MonEbox");
    }
    Instant time = later(device.notBefore(), p.time());
    TrustStore t = TrustStore.anchoredAt(p.root());
    t.validate(device, CertRole.DEVICE, time, p.chain());
    DeviceAttributes attributes = DeviceAttributes.decode(device.attributes());
    if (p.committee().isPresent() && !attributes.issuerDevice()) {
      throw new ArtcashException(Reason.NOT_ISSUER_DEVICE, "an issuance committee can only be"
          + " installed in the issuer's MonEbox, and this device certificate is not one");
    }
    if (p.committee().isPresent()) {
      IssuerLedger.checkCommittee(p.committee().get().members());
    }
    DeviceImage next = img.copy();
    next.provisioned = new Provisioned(p.root(), p.chain(), device, attributes, p.pseudonym(),
        p.currency(), p.buttonThreshold(), p.maxBindings());
    next.buttonThreshold = p.buttonThreshold();
    next.advanceTrustedTime(time);
    next.ledger = p.committee().map(c ->
        new IssuerLedger(c.members(), c.quorum(), 0, Optional.empty(), 0, 0)).orElse(null);
    next.state = DeviceState.ACTIVE;
    commit(next);
    trust = null;
  }

  @Override
  public synchronized Certificate rootOfTrust() throws ArtcashException {
    return requirePersonalised().provisioned.root();
  }

  @Override
  public synchronized Certificate deviceCertificate() throws ArtcashException {
    return requirePersonalised().provisioned.deviceCertificate();
  }

  // --- binding and approval

  @Override
  public synchronized void pressButton() throws ArtcashException {
    requireActive();
    buttonPressed = true;
  }

  @Override
  public synchronized Binding.Result bind(Binding.Request request) throws ArtcashException {
    DeviceImage img = requireActive();
    if (!buttonPressed) {
      throw new ArtcashException(Reason.BUTTON_REQUIRED, "binding e-purse software needs the"
          + " owner's consent: press the MonEbox button and retry");
    }
    buttonPressed = false; // the press was for this attempt, whatever its outcome
    int id = -1;
    for (int i = 0; i < img.provisioned.maxBindings(); i++) {
      if (!img.bindings.containsKey(i)) {
        id = i;
        break;
      }
    }
    if (id < 0) {
      throw new ArtcashException(Reason.BINDING_LIMIT, "all " + img.provisioned.maxBindings()
          + " bindings of this MonEbox are in use; it cannot be bound to more e-purse software");
    }
    byte[] host = request.hostPublicKey();
    InternalKey ephemeral = InternalKey.generate(random);
    byte[] ours = ephemeral.publicKey();
    byte[] key = Binding.deriveKey(ephemeral.privateKey(), host, host, ours, id);
    byte[] signature = img.deviceKey.signer(random).sign(Binding.transcript(host, ours, id));
    DeviceImage next = img.copy();
    next.bindings.put(id, new BindingSlot(id, key, 0, request.perPaymentLimit()));
    Arrays.fill(key, (byte) 0);
    commit(next);
    return new Binding.Result(id, ours, signature);
  }

  /** Lowering is always allowed; raising (up to the issuer's threshold) needs the button. */
  @Override
  public synchronized void setButtonThreshold(long threshold) throws ArtcashException {
    if (threshold < 0) {
      throw new IllegalArgumentException("a button threshold cannot be negative: " + threshold);
    }
    DeviceImage img = requireActive();
    boolean pressed = buttonPressed;
    buttonPressed = false; // the press was for this attempt, whatever its outcome
    Currency c = img.provisioned.currency();
    if (threshold > img.provisioned.issuerButtonThreshold()) {
      throw new ArtcashException(Reason.WRONG_STATE, "the issuer set the button threshold to "
          + Amount.of(c, img.provisioned.issuerButtonThreshold()) + "; the owner may lower it but"
          + " not raise it to " + Amount.of(c, threshold));
    }
    boolean raising = threshold > img.buttonThreshold;
    if (raising && !pressed) {
      throw new ArtcashException(Reason.BUTTON_REQUIRED, "raising the button threshold to "
          + Amount.of(c, threshold) + " weakens the owner's protection: press the MonEbox button"
          + " and retry");
    }
    DeviceImage next = img.copy();
    next.buttonThreshold = threshold;
    commit(next);
  }

  // --- the payment

  /** atxr ({@link Atxr}); the result is stored before it is returned (sec. 2.3). */
  @Override
  public synchronized TransferToken pay(PaymentInstruction instruction) throws ArtcashException {
    DeviceImage disabled = current();
    if (disabled.state == DeviceState.DISABLED) {
      return Atxr.alreadyPaid(disabled, instruction).orElseThrow(() -> disabled(disabled));
    }
    DeviceImage img = requireActive();
    BindingSlot binding = Atxr.approvedBinding(img, instruction); // junk leaves the press armed
    boolean pressed = buttonPressed;
    buttonPressed = false; // the press was for this payment, whatever its outcome
    Atxr.Outcome outcome = Atxr.compute(img, trust(img), instruction, binding, pressed, random);
    if (outcome.next().isPresent()) {
      commit(outcome.next().get());
    }
    return outcome.token();
  }

  /**
   * de Jong 2024, sec. 2.3: credits what the ART carries beyond what was redeemed before. The
   * token's chain must hold the ART factory's certificate (the e-purse adds the chain it received
   * with the ART) as well as the payer's certifier chain: both signatures are checked.
   */
  @Override
  public synchronized RedeemResult redeem(TransferToken latest) throws ArtcashException {
    DeviceImage img = requireActive();
    Provisioned p = img.provisioned;
    ArtConfig config = latest.config();
    if (!config.owner().equals(p.pseudonym())) {
      throw new ArtcashException(Reason.FOREIGN_ART, "ART " + config.artId().shortHex()
          + " belongs to someone else; only its owner's MonEbox can redeem it");
    }
    if (!config.currency().equals(p.currency())) {
      throw new ArtcashException(Reason.CURRENCY_MISMATCH, "ART " + config.artId().shortHex()
          + " carries " + config.currency() + " but this MonEbox holds " + p.currency());
    }
    // The payer's signature under a certified payment key is what gives the aggregate its value;
    // a forged token fails here.
    ArtRules.verifyState(latest.state(), trust(img), latest.chain());
    DeviceImage next = img.copy();
    next.advanceTrustedTime(config.issuedAt());
    if (next.trustedNow.isAfter(config.redeemUntil())) {
      throw new ArtcashException(Reason.REDEMPTION_CLOSED, "ART " + config.artId().shortHex()
          + " could be redeemed until " + config.redeemUntil() + " and this MonEbox's time is "
          + next.trustedNow + "; return the ART with its log to the issuer");
    }
    PaymentRecord record = latest.record();
    Redemption earlier = img.redemptions.get(config.artId());
    long already = earlier == null ? 0 : earlier.redeemed();
    long credit = Math.max(0, record.aggregate() - already);
    if (credit == 0) { // redeemed before, or an older state of the ART: nothing to add
      return new RedeemResult(config.artId(), Amount.zero(p.currency()),
          Amount.of(p.currency(), already), Amount.of(p.currency(), img.balance));
    }
    Instant trusted = next.trustedNow;
    next.redemptions.values().removeIf(r -> r.redeemUntil().isBefore(trusted));
    if (earlier == null && next.redemptions.size() >= DeviceImage.MAX_REDEMPTIONS) {
      throw new ArtcashException(Reason.CAPACITY_EXCEEDED, "this MonEbox tracks "
          + DeviceImage.MAX_REDEMPTIONS + " ARTs whose redemption window is still open and has no"
          + " room for another; redeem again after some of them have closed");
    }
    try {
      next.balance = Math.addExact(img.balance, credit);
    } catch (ArithmeticException e) {
      throw new ArtcashException(Reason.AMOUNT_OVERFLOW, "crediting "
          + Amount.of(p.currency(), credit) + " would overflow the balance");
    }
    next.redemptions.put(config.artId(),
        new Redemption(config.artId(), record.aggregate(), config.redeemUntil()));
    commit(next);
    return new RedeemResult(config.artId(), Amount.of(p.currency(), credit),
        Amount.of(p.currency(), record.aggregate()), Amount.of(p.currency(), next.balance));
  }

  // --- credentials

  /**
   * While a request to the same certifier is waiting for its answer, returns that request again
   * (re-sealed over the same content, so it has the same request hash): a lost reply does not use
   * up another of the four payment key slots.
   */
  @Override
  public synchronized CertificationRequest requestPaymentKeyCertification(Certificate certifier,
      List<Certificate> chain, Instant hostTime) throws ArtcashException {
    DeviceImage img = requireActive();
    Provisioned p = img.provisioned;
    Instant now = later(img.trustedNow, hostTime);
    TrustStore t = trust(img);
    t.validate(certifier, CertRole.PAYMENT_KEY_CERTIFIER, now, chain);
    PaymentKeyClass cls = PaymentKeyClass.decode(certifier.attributes());
    RSAPublicKey certifierKey = certifier.rsaPublicKey();
    if (!cls.currency().equals(p.currency())) {
      throw new ArtcashException(Reason.CURRENCY_MISMATCH, "this certifier certifies payment keys"
          + " for " + cls.currency() + " but this MonEbox holds " + p.currency());
    }
    if (p.attributes().deviceClass() < cls.minDeviceClass()) {
      throw new ArtcashException(Reason.WRONG_DEVICE_CLASS, "payment keys of class "
          + cls.classId() + " (up to " + cls.maxSinglePayment() + ") need a MonEbox of class "
          + cls.minDeviceClass() + " or higher; this one is class "
          + p.attributes().deviceClass());
    }
    Bytes certifierKeyId = certifier.subjectKeyId();
    for (PaymentKeySlot s : img.paymentKeys.values()) {
      if (s.pending().isPresent() && s.certifierKeyId().equals(certifierKeyId)) {
        PaymentKeySlot.Pending pending = s.pending().get();
        return CertificationRequest.seal(p.deviceCertificate(), certifierKeyId,
            pending.blinding().blindedMessage(), pending.time(), pending.nonce(),
            img.deviceKey.signer(random));
      }
    }
    OptionalInt slot = PaymentKeys.freeSlot(img.paymentKeys, now, t);
    if (slot.isEmpty()) {
      throw new ArtcashException(Reason.CAPACITY_EXCEEDED, "all " + DeviceImage.MAX_PAYMENT_KEYS
          + " payment key slots hold keys that can still pay; use them up before requesting"
          + " another");
    }
    List<Certificate> certifierChain = t.chainFor(certifier.issuerKeyId());
    if (certifierChain.size() >= DeviceImage.MAX_CHAIN) {
      throw new ArtcashException(Reason.CHAIN_INVALID, "the certifier's chain to the root is"
          + " longer than " + (DeviceImage.MAX_CHAIN - 1) + " certificates");
    }
    // sec. 3.3: the payment key is generated inside and only its blinded form leaves the device
    InternalKey key = InternalKey.generate(random);
    byte[] message = PaymentKeyCertificate.messageToSign(certifierKeyId, key.publicKey());
    BlindRsa.Blinding blinding = BlindRsa.blind(certifierKey, message, random);
    Bytes nonce = nonce();
    CertificationRequest request = CertificationRequest.seal(p.deviceCertificate(),
        certifierKeyId, blinding.blindedMessage(), now, nonce, img.deviceKey.signer(random));
    DeviceImage next = img.copy();
    next.paymentKeys.put(slot.getAsInt(), new PaymentKeySlot(slot.getAsInt(), key, certifier,
        certifierChain, cls, request.requestHash(),
        Optional.of(new PaymentKeySlot.Pending(blinding, now, nonce)), Optional.empty(), 0));
    // The trusted time stays: a certifier's notBefore may lie ahead (see the class doc on time).
    commit(next);
    return request;
  }

  /** Installing the same answer again returns the key's information (idempotent). */
  @Override
  public synchronized MonEboxStatus.PaymentKeyInfo installPaymentKeyCertificate(
      CertificationResponse response) throws ArtcashException {
    DeviceImage img = requireActive();
    PaymentKeySlot slot = img.paymentKeys.values().stream()
        .filter(s -> s.requestHash().equals(response.requestHash())).findFirst()
        .orElseThrow(() -> new ArtcashException(Reason.NOT_FOUND, "no payment key request "
            + response.requestHash().shortHex() + " is waiting in this MonEbox; request a new"
            + " payment-key certificate"));
    if (slot.certified()) {
      return slot.info();
    }
    if (!response.certifierKeyId().equals(slot.certifierKeyId())) {
      throw new ArtcashException(Reason.BAD_SIGNATURE, "the answer comes from certifier "
          + response.certifierKeyId().shortHex() + " but the request went to "
          + slot.certifierKeyId().shortHex() + "; fetch the answer from the right certifier");
    }
    RSAPublicKey certifierKey = slot.certifier().rsaPublicKey();
    byte[] paymentKey = slot.key().publicKey();
    byte[] message = PaymentKeyCertificate.messageToSign(slot.certifierKeyId(), paymentKey);
    BlindRsa.Blinding blinding = slot.pending().orElseThrow().blinding();
    byte[] signature = BlindRsa.finalizeSignature(certifierKey, message, blinding,
        response.blindSignature());
    PaymentKeyCertificate certificate = PaymentKeyCertificate.of(slot.certifierKeyId(),
        paymentKey, blinding.prefix(), signature);
    if (!certificate.verify(certifierKey)) {
      throw new ArtcashException(Reason.BAD_SIGNATURE,
          "the unblinded payment-key certificate does not verify; request a new one");
    }
    DeviceImage next = img.copy();
    PaymentKeySlot certified = slot.certifiedWith(certificate);
    next.paymentKeys.put(slot.slot(), certified);
    commit(next);
    return certified.info();
  }

  @Override
  public synchronized ArtRequest requestArts(ArtRequest.Wish wish, Instant hostTime)
      throws ArtcashException {
    DeviceImage img = requireActive();
    return ArtRequest.seal(img.provisioned.deviceCertificate(), img.provisioned.pseudonym(), wish,
        later(img.trustedNow, hostTime), nonce(), img.deviceKey.signer(random));
  }

  @Override
  public synchronized void updateRevocationList(RevocationList list, List<Certificate> chain)
      throws ArtcashException {
    DeviceImage img = requireActive();
    if (img.revocations != null && list.sequence() <= img.revocations.sequence()) {
      return; // an older or equal list cannot un-revoke anything
    }
    TrustStore check = TrustStore.anchoredAt(img.provisioned.root());
    check.addAll(img.provisioned.chain());
    check.addAll(chain);
    check.updateRevocationList(list);
    DeviceImage next = img.copy();
    next.revocations = list;
    next.advanceTrustedTime(list.issuedAt()); // the CA's signature verified above
    commit(next);
    trust = null;
  }

  // --- issuance

  @Override
  public synchronized MonEboxStatus.Supply execute(IssuanceOrder order) throws ArtcashException {
    DeviceImage img = requireActive();
    Provisioned p = img.provisioned;
    IssuerLedger ledger = img.ledger;
    if (ledger == null || !p.attributes().issuerDevice()) {
      throw new ArtcashException(Reason.NOT_ISSUER_DEVICE, "only the issuer's MonEbox executes"
          + " issuance orders; this is an ordinary MonEbox");
    }
    if (!order.issuerDeviceId().equals(p.attributes().deviceId())) {
      throw new ArtcashException(Reason.NOT_ISSUER_DEVICE, "this order is for issuer MonEbox "
          + order.issuerDeviceId().shortHex() + ", not for this one ("
          + p.attributes().deviceId().shortHex() + ")");
    }
    if (!order.amount().currency().equals(p.currency())) {
      throw new ArtcashException(Reason.CURRENCY_MISMATCH, "the order moves "
          + order.amount().currency() + " but this MonEbox holds " + p.currency());
    }
    boolean retry = order.sequence() == ledger.lastOrder() && ledger.lastOrderBody()
        .map(b -> Arrays.equals(b, order.body())).orElse(false);
    if (!retry && order.sequence() != ledger.lastOrder() + 1) {
      throw new ArtcashException(Reason.ORDER_OUT_OF_SEQUENCE, "order " + order.sequence()
          + " is out of sequence: the last executed order is " + ledger.lastOrder()
          + ", so the next must be " + (ledger.lastOrder() + 1));
    }
    // sec. 6: only k of the n committee members together can create or destroy e-cash
    int valid = order.validSignatures(ledger.committee());
    if (valid < ledger.quorum()) {
      throw new ArtcashException(Reason.QUORUM_NOT_MET, "order " + order.sequence() + " has "
          + valid + " valid committee signatures; " + ledger.quorum() + " of "
          + ledger.committee().size() + " are needed");
    }
    if (retry) { // executed before and its answer was lost: answer again, change nothing
      return supply(p.currency(), ledger);
    }
    long amount = order.amount().minor();
    DeviceImage next = img.copy();
    try {
      if (order.kind() == IssuanceOrder.Kind.ISSUE) {
        next.balance = Math.addExact(img.balance, amount);
        next.ledger = ledger.executed(order.sequence(), order.body(),
            Math.addExact(ledger.issued(), amount), ledger.destroyed());
      } else {
        if (img.balance < amount) {
          throw new ArtcashException(Reason.INSUFFICIENT_FUNDS, "order " + order.sequence()
              + " destroys " + order.amount() + " but the balance is "
              + Amount.of(p.currency(), img.balance) + "; redeem the returned e-cash first");
        }
        next.balance = img.balance - amount;
        next.ledger = ledger.executed(order.sequence(), order.body(), ledger.issued(),
            Math.addExact(ledger.destroyed(), amount));
      }
    } catch (ArithmeticException e) {
      throw new ArtcashException(Reason.AMOUNT_OVERFLOW, "order " + order.sequence()
          + " would overflow the balance or the supply totals");
    }
    commit(next);
    return supply(p.currency(), next.ledger);
  }

  private static MonEboxStatus.Supply supply(Currency c, IssuerLedger l) {
    return new MonEboxStatus.Supply(Amount.of(c, l.issued()), Amount.of(c, l.destroyed()),
        l.lastOrder());
  }

  // --- tamper response

  /** sec. 4.2: "upon detecting tampering the secret payment keys are disabled and the balance is
   * securely saved". Bindings go too; the device key stays to sign the recovery statement. */
  @Override
  public synchronized void tamper() throws ArtcashException {
    DeviceImage img = current();
    buttonPressed = false;
    if (img.state == DeviceState.DISABLED) {
      return;
    }
    DeviceImage next = img.copy();
    next.state = DeviceState.DISABLED;
    next.paymentKeys.clear();
    next.bindings.clear();
    commit(next);
  }

  @Override
  public synchronized RecoveryStatement recoveryStatement() throws ArtcashException {
    DeviceImage img = current();
    if (img.state != DeviceState.DISABLED) {
      throw new ArtcashException(Reason.WRONG_STATE, "a recovery statement is given only by a"
          + " disabled MonEbox; this one is " + img.state);
    }
    if (img.provisioned == null) {
      throw new ArtcashException(Reason.WRONG_STATE, "this MonEbox was disabled before it was"
          + " personalised; it holds no balance to recover");
    }
    return RecoveryStatement.sign(img.provisioned.attributes().deviceId(),
        Amount.of(img.provisioned.currency(), img.balance), img.trustedNow,
        img.deviceKey.signer(random));
  }
}
