package org.artcash.purse;

import java.time.Instant;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtRules;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.monebox.PaymentInstruction;
import org.artcash.purse.store.OutgoingPayment;

/**
 * The payer's side (de Jong 2024, sec. 4.1, "control payment"): (1) a request already paid gets its
 * stored token again; (2) the owner's approval becomes the binding's authorisation cryptogram; (3)
 * received money is redeemed when the balance is short; (4) the payee's ART is pre-flight checked
 * before the MonEbox sees it. The token is stored before it is returned to be forwarded.
 */
final class ControlPayment {
  private final PurseContext ctx;
  private final MonEboxBinding binding;
  private final Redemption redemption;

  ControlPayment(PurseContext ctx, MonEboxBinding binding, Redemption redemption) {
    this.ctx = ctx;
    this.binding = binding;
    this.redemption = redemption;
  }

  PaymentPreview preview(PaymentRequest request) throws ArtcashException {
    ArtState state = request.state();
    ArtConfig config = state.config();
    Optional<OutgoingPayment> earlier = ctx.store().outgoing().find(state.stateHash());
    if (earlier.isEmpty()) {
      preflight(request, request.requestedAmount(), ctx.now());
    }
    Amount balance = ctx.box().balance();
    return new PaymentPreview(config.artId(), config.payeeInfo(), config.account(),
        request.requestedAmount(), Amount.of(config.currency(), Math.max(0, state.headroom())),
        config.notAfter(), balance, ctx.store().arts().unredeemed(balance.currency()), earlier);
  }

  /**
   * Pays {@code amount} on the payee's request; call it only once the owner has authorised the
   * payment. Idempotent per request: a request paid before returns the stored token without the
   * MonEbox; a different amount on it is refused.
   */
  TransferToken pay(PaymentRequest request, Amount amount) throws ArtcashException {
    Bytes stateHash = request.state().stateHash();
    Optional<OutgoingPayment> earlier = ctx.store().outgoing().find(stateHash);
    if (earlier.isPresent()) {
      return sameAmountAsEarlier(earlier.get(), amount);
    }
    if (request.requestedAmount().isPresent() && !request.requestedAmount().get().equals(amount)) {
      throw new ArtcashException(Reason.AMOUNT_MISMATCH, "the payee asked for "
          + request.requestedAmount().get() + " but " + amount + " was approved; approve the"
          + " amount asked, or ask the payee for a new request");
    }
    Instant now = ctx.now();
    preflight(request, Optional.of(amount), now);
    Amount balance = ctx.box().balance();
    amount.requireSameCurrency(balance);
    if (balance.compareTo(amount) < 0) {
      redemption.redeemAll();
    }
    // The MonEbox has the last word on the balance: after a crash between its payment and our
    // storing the token, it returns the stored token for this request even though it is short now.
    PaymentInstruction instruction = binding.approve(request, amount, now);
    TransferToken token;
    try {
      token = ctx.box().pay(instruction);
    } catch (ArtcashException e) {
      if (e.reason() == Reason.INSUFFICIENT_FUNDS) {
        throw new ArtcashException(Reason.INSUFFICIENT_FUNDS, "the MonEbox holds "
            + ctx.box().balance() + " after redeeming every payment received; " + amount
            + " cannot be paid", e);
      }
      throw e;
    }
    checkMonEboxResult(request, amount, token);
    OutgoingPayment stored = ctx.store().outgoing().saveIfAbsent(
        new OutgoingPayment(stateHash, token, instruction.counter(), now));
    return sameAmountAsEarlier(stored, amount);
  }

  /**
   * Pre-flight (sec. 4.1): the ART's factory signature and its last payment verify under the root
   * of trust, it is valid now, has a payment left and room for {@code amount}. The MonEbox checks
   * the same again; checking here gives the owner a clear reason before anything is approved.
   */
  private void preflight(PaymentRequest request, Optional<Amount> amount, Instant now)
      throws ArtcashException {
    ArtState state = request.state();
    ArtConfig config = state.config();
    ArtRules.verifyState(state, ctx.trust(), request.chain());
    String art = "the payee's ART " + config.artId().shortHex() + " ('" + config.payeeInfo() + "')";
    if (now.isBefore(config.issuedAt())) {
      throw new ArtcashException(Reason.NOT_YET_VALID, art + " is valid only from "
          + config.issuedAt() + "; check this device's clock");
    }
    if (now.isAfter(config.notAfter())) {
      throw new ArtcashException(Reason.EXPIRED, art + " expired at " + config.notAfter()
          + "; ask the payee for a fresh one");
    }
    if (state.paymentsLeft() <= 0 || state.headroom() <= 0) {
      throw new ArtcashException(Reason.ART_EXHAUSTED, art + " cannot take another payment;"
          + " ask the payee for another ART");
    }
    if (amount.isPresent()) {
      amount.get().requireSameCurrency(state.aggregateAmount());
      if (amount.get().isZero()) {
        throw new ArtcashException(Reason.MALFORMED, "a payment is of a positive amount");
      }
      if (amount.get().minor() > state.headroom()) {
        throw new ArtcashException(Reason.ART_LIMIT_EXCEEDED, amount.get() + " is more than "
            + art + " can take (" + Amount.of(config.currency(), state.headroom())
            + "); ask the payee for another ART or pay less");
      }
    }
  }

  /** The payer checks its MonEbox's token as the payee will, before it is stored and sent. */
  private void checkMonEboxResult(PaymentRequest request, Amount amount, TransferToken token)
      throws ArtcashException {
    try {
      ArtRules.accept(request.state(), token, Optional.of(amount), ctx.trust());
    } catch (ArtcashException e) {
      throw new ArtcashException(e.reason(), "the MonEbox returned a transfer token that the payee"
          + " would refuse (" + e.getMessage() + "); it has not been sent. Report this MonEbox to"
          + " the issuer", e);
    }
  }

  private static TransferToken sameAmountAsEarlier(OutgoingPayment earlier, Amount amount)
      throws ArtcashException {
    if (!earlier.amount().equals(amount)) {
      throw new ArtcashException(Reason.CONFLICTING_RETRY, "this payment request was paid with "
          + earlier.amount() + " at " + earlier.paidAt() + "; it cannot be paid again with "
          + amount + ". Send the payee the earlier token, or ask for a new request");
    }
    return earlier.token();
  }
}
