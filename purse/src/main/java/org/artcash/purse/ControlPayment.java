package org.artcash.purse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtRules;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.purse.store.OutgoingPayment;
import org.artcash.purse.store.PaymentIntent;
import org.artcash.purse.store.PaymentIntent.Status;

/**
 * The payer's side (de Jong 2024, sec. 4.1, "control payment"): (1) a request already paid gets its
 * stored token again; (2) the owner's approval becomes the binding's authorisation cryptogram,
 * stored as a payment intent before the MonEbox sees it; (3) received money is redeemed when the
 * balance is short; (4) the payee's ART is pre-flight checked before the MonEbox sees it. The
 * token is stored before it is returned to be forwarded.
 *
 * <p>A lost MonEbox reply is never paid twice: an approval is sent again exactly as it was stored,
 * so the MonEbox returns the token it stored, or refuses the used counter. While one approval's
 * outcome is unknown no other is made, so a used counter means that approval was executed.
 */
final class ControlPayment {
  /**
   * MonEbox answers that say nothing about whether an instruction was executed before: those
   * checked ahead of its log of paid states and its counter (approval, binding, a state paid with
   * another amount) and failures of the device itself. Every other refusal comes after the counter
   * check (docs/PROTOCOL.md, sec. 8), so the instruction refused was not executed.
   */
  private static final Set<Reason> OUTCOME_UNKNOWN = EnumSet.of(Reason.APPROVAL_INVALID,
      Reason.NOT_BOUND, Reason.CONFLICTING_RETRY, Reason.STORAGE_FAILURE,
      Reason.ROLLBACK_DETECTED, Reason.DISABLED, Reason.WRONG_STATE);

  private final PurseContext ctx;
  private final MonEboxBinding binding;
  private final Redemption redemption;

  ControlPayment(PurseContext ctx, MonEboxBinding binding, Redemption redemption) {
    this.ctx = ctx;
    this.binding = binding;
    this.redemption = redemption;
  }

  /** An approved payment whose outcome the MonEbox left unknown, with its answer. */
  record Unsettled(PaymentIntent intent, ArtcashException answer) {}

  PaymentPreview preview(PaymentRequest request) throws ArtcashException {
    // Earlier approvals are settled before the owner is asked to approve (and maybe press the
    // MonEbox button) for this one, so resending them cannot use up that button press.
    settlePending();
    ArtState state = request.state();
    ArtConfig config = state.config();
    Optional<OutgoingPayment> earlier = ctx.store().outgoing().find(state.stateHash());
    boolean approved = ctx.store().intents().latestFor(state.stateHash())
        .filter(i -> i.status() == Status.PENDING || i.status() == Status.UNRESOLVED)
        .isPresent();
    if (earlier.isEmpty() && !approved) { // an approved payment may have been made: no preflight
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
   * MonEbox; one whose reply was lost gets it by sending the stored approval again; a different
   * amount on it is refused.
   */
  TransferToken pay(PaymentRequest request, Amount amount) throws ArtcashException {
    Bytes stateHash = request.state().stateHash();
    while (true) {
      Optional<OutgoingPayment> earlier = ctx.store().outgoing().find(stateHash);
      if (earlier.isPresent()) {
        return handOver(earlier.get(), amount);
      }
      // sec. 2.3: an earlier payment of this state comes first. Approvals whose answer was lost
      // are sent again as they were, before anything new is approved.
      List<Unsettled> unknown = settlePending();
      earlier = ctx.store().outgoing().find(stateHash);
      if (earlier.isPresent()) {
        return handOver(earlier.get(), amount);
      }
      Optional<PaymentIntent> own = ctx.store().intents().latestFor(stateHash);
      if (own.isPresent() && own.get().status() == Status.UNRESOLVED) {
        throw new ArtcashException(Reason.APPROVAL_REPLAYED,
            own.get().outcomeMessage().orElseThrow());
      }
      if (!unknown.isEmpty()) {
        throw unsettled(unknown.get(0));
      }
      Optional<TransferToken> paid = payAnew(request, amount);
      if (paid.isPresent()) {
        return paid.get();
      }
      // another payment was approved meanwhile: settle it first, then try again
    }
  }

  /**
   * Sends every PENDING intent's instruction to the MonEbox again, oldest first, without a
   * preflight (the payment may have been made, and an ART that expired since must not stop its
   * token from being fetched). Returns those whose outcome is still unknown.
   */
  List<Unsettled> settlePending() {
    List<Unsettled> unknown = new ArrayList<>();
    for (PaymentIntent intent : ctx.store().intents().pending()) {
      try {
        complete(intent, send(intent, true));
      } catch (ArtcashException e) {
        if (OUTCOME_UNKNOWN.contains(e.reason())) {
          unknown.add(new Unsettled(intent, e));
        }
      }
    }
    return List.copyOf(unknown);
  }

  /** A new payment: checks, approval stored as an intent, the MonEbox, the token stored. */
  private Optional<TransferToken> payAnew(PaymentRequest request, Amount amount)
      throws ArtcashException {
    if (request.requestedAmount().isPresent() && !request.requestedAmount().get().equals(amount)) {
      throw new ArtcashException(Reason.AMOUNT_MISMATCH, "the payee asked for "
          + request.requestedAmount().get() + " but " + amount + " was approved; approve the"
          + " amount asked, or ask the payee for a new request");
    }
    Instant now = ctx.now();
    preflight(request, Optional.of(amount), now);
    Amount balance = ctx.box().balance();
    amount.requireSameCurrency(balance);
    RedemptionReport redeemed = RedemptionReport.empty();
    if (balance.compareTo(amount) < 0) {
      redeemed = redemption.redeemAll();
    }
    Optional<PaymentIntent> approved = binding.approve(request, amount, now);
    if (approved.isEmpty()) {
      return Optional.empty();
    }
    PaymentIntent intent = approved.get();
    TransferToken token;
    try {
      token = send(intent, false);
    } catch (ArtcashException e) {
      if (e.reason() == Reason.INSUFFICIENT_FUNDS) {
        String unredeemable = redeemed.complete() ? "" : " (" + redeemed.failed().size()
            + " ART(s) with received money could not be redeemed: " + redeemed.failed().get(0)
            + ")";
        throw new ArtcashException(Reason.INSUFFICIENT_FUNDS, "the MonEbox holds "
            + ctx.box().balance() + " after redeeming every payment received" + unredeemable
            + "; " + amount + " cannot be paid", e);
      }
      throw e;
    }
    return Optional.of(handOver(complete(intent, token), amount));
  }

  /**
   * Sends an intent's stored instruction. A refusal after the MonEbox's counter check settles it
   * as REFUSED (not executed); an unknown outcome leaves it PENDING. On a replay, "counter used"
   * means it was executed but the MonEbox no longer holds the token (it keeps the last 32 paid
   * states): the payer was debited, so it is never approved again with a fresh counter.
   */
  private TransferToken send(PaymentIntent intent, boolean replay) throws ArtcashException {
    try {
      return ctx.box().pay(intent.instruction());
    } catch (ArtcashException e) {
      if (OUTCOME_UNKNOWN.contains(e.reason())) {
        throw e;
      }
      if (replay && e.reason() == Reason.APPROVAL_REPLAYED) {
        ArtcashException lost = new ArtcashException(Reason.APPROVAL_REPLAYED, "the payment of "
            + intent.describe() + " was made, and this MonEbox was debited, but the MonEbox no"
            + " longer holds its transfer token and this e-purse never stored it. It will not be"
            + " paid again: recover the token via the issuer and send it to the payee", e);
        ctx.store().intents().markUnresolved(intent.counter(), lost, ctx.now());
        throw lost;
      }
      ctx.store().intents().refuse(intent.counter(), e, ctx.now());
      throw e;
    }
  }

  /**
   * Stores the MonEbox's token (the intent is PAID), then checks it as the payee will (sec. 4.1).
   * A token that fails the check is kept all the same: it is the record of a debit. The failure is
   * noted and reported whenever the payment is asked for.
   */
  private OutgoingPayment complete(PaymentIntent intent, TransferToken token) {
    Instant now = ctx.now();
    OutgoingPayment stored = ctx.store().intents().complete(intent, token, now);
    try {
      ArtRules.accept(intent.instruction().request().state(), token,
          Optional.of(intent.amount()), ctx.trust());
    } catch (ArtcashException e) {
      ctx.store().intents().noteFailedCheck(intent.counter(), new ArtcashException(e.reason(),
          "the MonEbox returned a transfer token for " + intent.describe() + " that the payee"
              + " would refuse (" + e.getMessage() + "). It is stored as the record of the"
              + " payment but not handed over; report this MonEbox to the issuer"), now);
    }
    return stored;
  }

  /** The stored token of a payment made, unless it failed the payer's own check. */
  private TransferToken handOver(OutgoingPayment paid, Amount amount) throws ArtcashException {
    TransferToken token = sameAmountAsEarlier(paid, amount);
    Optional<PaymentIntent> intent = ctx.store().intents().find(paid.approvalCounter());
    if (intent.isPresent() && intent.get().outcomeReason().isPresent()) {
      throw new ArtcashException(intent.get().outcomeReason().get(),
          intent.get().outcomeMessage().orElseThrow());
    }
    return token;
  }

  private static ArtcashException unsettled(Unsettled u) {
    return new ArtcashException(u.answer().reason(), "the payment of " + u.intent().describe()
        + " was approved and sent to the MonEbox, but whether it was made is not known (the"
        + " MonEbox answered: " + u.answer().getMessage() + "). No other payment is made until"
        + " it is settled; try again when the MonEbox works: the same approval is sent again,"
        + " so it is never paid twice", u.answer());
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
