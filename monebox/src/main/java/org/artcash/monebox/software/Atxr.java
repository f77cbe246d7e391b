package org.artcash.monebox.software;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtRules;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentRecord;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.TrustStore;
import org.artcash.monebox.Binding;
import org.artcash.monebox.PaymentInstruction;

/**
 * The payment computation atxr (de Jong 2024, sec. 2.3, diagram 2): checks the approval, the ART
 * and the payer's means in a fixed order, then debits the balance, appends and signs the payment
 * record. It only computes the next device image; nothing changes until the caller has stored it.
 */
final class Atxr {
  /** The token to send and the image to store first; no image when the token came from the log. */
  record Outcome(Optional<DeviceImage> next, TransferToken token) {}

  private Atxr() {}

  /**
   * A disabled MonEbox's only payment answer: the token of a payment it made before the tamper,
   * whose reply was lost. It moves no money (the debit happened then), and without it the payee
   * could never receive that money. The approval cannot be checked (the bindings are erased), which
   * is harmless: the token is a receipt of a finished payment.
   */
  static Optional<TransferToken> alreadyPaid(DeviceImage img, PaymentInstruction in) {
    return img.paidFor(in.request().state().stateHash())
        .filter(e -> e.record().amount() == in.amount())
        .map(e -> new TransferToken(in.request().state().config(), e.record(), e.chain()));
  }

  /**
   * sec. 4.1: "this unique authorisation cryptogram is verified by the MonEbox as the first step".
   * Returns the binding whose key made the approval; changes nothing.
   */
  static BindingSlot approvedBinding(DeviceImage img, PaymentInstruction in)
      throws ArtcashException {
    BindingSlot binding = img.bindings.get(in.bindingId());
    if (binding == null) {
      throw new ArtcashException(Reason.NOT_BOUND, "binding " + in.bindingId()
          + " is not known to this MonEbox; bind the e-purse software again (press the MonEbox"
          + " button first)");
    }
    byte[] expected = Binding.approvalMac(binding.key(), in.bindingId(), in.counter(),
        in.amount(), in.request().state().stateHash(), in.hostTime().getEpochSecond());
    if (!Binding.macEquals(expected, in.approvalMac())) {
      throw new ArtcashException(Reason.APPROVAL_INVALID, "the payment approval does not verify"
          + " under binding " + in.bindingId() + ": it was altered or made by software that is not"
          + " bound to this MonEbox");
    }
    return binding;
  }

  /** The rest of atxr, for an instruction whose approval {@link #approvedBinding} verified. */
  static Outcome compute(DeviceImage img, TrustStore trust, PaymentInstruction in,
      BindingSlot binding, boolean buttonPressed, SecureRandom random) throws ArtcashException {
    PaymentRequest request = in.request();
    ArtState state = request.state();
    ArtConfig config = state.config();
    Currency currency = img.provisioned.currency();
    long amount = in.amount();
    Bytes stateHash = state.stateHash();

    // sec. 2.3: "the payer e-purse first checks its persistent memory for an earlier payment
    // request with that same token"; the stored result is returned as it is.
    Optional<PaidEntry> earlier = img.paidFor(stateHash);
    if (earlier.isPresent()) {
      PaymentRecord r = earlier.get().record();
      if (r.amount() != amount) {
        throw new ArtcashException(Reason.CONFLICTING_RETRY, "this ART state was already paid "
            + Amount.of(config.currency(), r.amount()) + "; paying "
            + Amount.of(config.currency(), amount) + " on the same state is refused. Send the"
            + " earlier approval again to get that token, or ask the payee for its updated ART");
      }
      return new Outcome(Optional.empty(), new TransferToken(config, r, earlier.get().chain()));
    }

    if (in.counter() <= binding.lastCounter()) {
      throw new ArtcashException(Reason.APPROVAL_REPLAYED, "approval counter " + in.counter()
          + " of binding " + in.bindingId() + " was already used (last " + binding.lastCounter()
          + "); approve the payment again");
    }
    // sec. 4.2: the button is the "configured backstop approval for extraordinary payments"
    if (amount > img.buttonThreshold && !buttonPressed) {
      throw new ArtcashException(Reason.BUTTON_REQUIRED, "a payment of "
          + Amount.of(currency, amount) + " is above the button threshold "
          + Amount.of(currency, img.buttonThreshold)
          + "; press the MonEbox button and retry the payment");
    }
    if (binding.perPaymentLimit() > 0 && amount > binding.perPaymentLimit()) {
      throw new ArtcashException(Reason.USER_LIMIT_EXCEEDED, "a payment of "
          + Amount.of(currency, amount) + " is above the limit "
          + Amount.of(currency, binding.perPaymentLimit()) + " set for binding "
          + in.bindingId() + "; pay from a binding with a higher limit");
    }
    if (request.amount().isPresent() && request.amount().getAsLong() != amount) {
      throw new ArtcashException(Reason.AMOUNT_MISMATCH, "the payee asked for "
          + Amount.of(config.currency(), request.amount().getAsLong()) + " but the approval is for "
          + Amount.of(config.currency(), amount) + "; approve the requested amount");
    }
    if (!config.currency().equals(currency)) {
      throw new ArtcashException(Reason.CURRENCY_MISMATCH, "the payee's ART is for "
          + config.currency() + " but this MonEbox holds " + currency
          + "; ask the payee for an ART in " + currency);
    }

    // sec. 4.1: "an invalid token will be rejected by the MonEbox, as it also performs this check"
    ArtRules.verifyState(state, trust, request.chain());
    DeviceImage next = img.copy();
    next.advanceTrustedTime(config.issuedAt()); // only now that the factory signature verified
    Instant now = in.hostTime().isAfter(next.trustedNow) ? in.hostTime() : next.trustedNow;

    if (config.notAfter().isBefore(now)) {
      throw new ArtcashException(Reason.EXPIRED, "the payee's ART " + config.artId().shortHex()
          + " expired at " + config.notAfter() + " (now " + now
          + "); ask the payee for a fresh ART");
    }
    if (state.seq() + 1 > config.maxPayments()) {
      throw new ArtcashException(Reason.ART_EXHAUSTED, "the payee's ART "
          + config.artId().shortHex() + " has taken all its " + config.maxPayments()
          + " payments; ask the payee for a fresh ART");
    }
    if (amount > state.headroom()) {
      throw new ArtcashException(Reason.ART_LIMIT_EXCEEDED, "the payee's ART "
          + config.artId().shortHex() + " can take at most "
          + Amount.of(config.currency(), Math.max(0, state.headroom()))
          + " more; ask the payee for a fresh ART or pay less");
    }
    PaymentKeySlot key = PaymentKeys.choose(img.paymentKeys.values(), currency, amount, now, trust)
        .orElseThrow(() -> new ArtcashException(Reason.NO_SUITABLE_PAYMENT_KEY, "no payment key"
            + " of this MonEbox can sign a payment of " + Amount.of(currency, amount) + " at "
            + now + "; request a fresh payment-key certificate"));
    if (img.balance < amount) {
      throw new ArtcashException(Reason.INSUFFICIENT_FUNDS, "the balance "
          + Amount.of(currency, img.balance) + " is less than the payment "
          + Amount.of(currency, amount) + "; redeem received payments or top up");
    }

    long aggregate;
    try {
      aggregate = Math.addExact(state.aggregate(), amount);
    } catch (ArithmeticException e) {
      throw new ArtcashException(Reason.AMOUNT_OVERFLOW, "the ART's total would overflow");
    }
    PaymentRecord.Fields fields = new PaymentRecord.Fields(config.artId(), state.seq() + 1,
        amount, aggregate, now, stateHash, key.keyUse() + 1, key.certificate().orElseThrow());
    PaymentRecord record = PaymentRecord.sign(fields, key.key().signer(random));
    ArtRules.verifyStep(state, record); // never sign what the payee would refuse

    TransferToken token = new TransferToken(config, record, key.tokenChain());
    next.balance = img.balance - amount;
    next.paymentKeys.put(key.slot(), key.afterUse());
    next.bindings.put(binding.id(), binding.withCounter(in.counter()));
    next.remember(new PaidEntry(stateHash, record, token.chain()));
    return new Outcome(Optional.of(next), token);
  }
}
