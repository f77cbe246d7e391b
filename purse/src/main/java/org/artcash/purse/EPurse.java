package org.artcash.purse;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.Art;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.credential.CredentialService;
import org.artcash.core.money.Amount;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.RevocationList;
import org.artcash.core.pki.TrustStore;
import org.artcash.monebox.MonEbox;
import org.artcash.purse.store.HistoryEntry;
import org.artcash.purse.store.PaymentIntent;
import org.artcash.purse.store.PurseStore;
import org.artcash.purse.store.StoredArt;

/**
 * The e-purse's offline digital payment integration software (de Jong 2024, sec. 4.1, fig. 11):
 * the conductor, which binds to one MonEbox and hands each task to its component: receive payment
 * (payee), control payment (payer), redemption, and the credential manager. State lives in a
 * {@link PurseStore}; time comes from the given clock, in whole seconds. Calls may come from
 * several threads: races (one ART in two requests, a token credited twice, an approval counter
 * used twice) are settled in the database.
 */
public final class EPurse {
  private final PurseContext ctx;
  private final MonEboxBinding binding;
  private final ReceivePayment receive;
  private final ControlPayment control;
  private final Redemption redemption;
  private final CredentialManager credentials;

  private EPurse(PurseContext ctx, SecureRandom random) {
    this.ctx = ctx;
    this.binding = new MonEboxBinding(ctx, random);
    this.receive = new ReceivePayment(ctx);
    this.redemption = new Redemption(ctx);
    this.control = new ControlPayment(ctx, binding, redemption);
    this.credentials = new CredentialManager(ctx, redemption);
  }

  /** Opens the e-purse with the default {@link PursePolicy}. */
  public static EPurse open(MonEbox box, PurseStore store, Clock clock, SecureRandom random)
      throws ArtcashException {
    return open(box, store, clock, random, PursePolicy.defaults());
  }

  /**
   * Opens the e-purse for {@code box}: installs the MonEbox's root of trust (sec. 4.1), rebuilds
   * the trust store from what the database remembers, and settles payments approved before a
   * crash or a lost reply by sending their stored approvals again (their tokens are stored; one
   * whose outcome stays unknown is tried again before the next payment), and redeems what was
   * received, which also reconciles a redemption interrupted by a crash. A database bound to
   * another MonEbox is refused.
   *
   * @throws ArtcashException {@link Reason#NOT_BOUND} when the database belongs to another MonEbox
   */
  public static EPurse open(MonEbox box, PurseStore store, Clock clock, SecureRandom random,
      PursePolicy policy) throws ArtcashException {
    Objects.requireNonNull(box, "box");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(policy, "policy");
    TrustStore trust = TrustStore.anchoredAt(box.rootOfTrust());
    EPurse purse = new EPurse(new PurseContext(box, store, clock, trust, policy), random);
    purse.binding.checkSameMonEbox();
    trust.addAll(store.trustMaterial().certificates());
    Optional<RevocationList> revocations = store.trustMaterial().revocationList();
    if (revocations.isPresent()) {
      trust.updateRevocationList(revocations.get());
    }
    purse.control.settlePending();
    // A crash between the MonEbox crediting a redemption and this database recording it would
    // leave the money counted both in the balance and as unredeemed. Redeeming again is safe (the
    // MonEbox credits nothing twice and reports its total), so opening reconciles the two.
    purse.redemption.redeemAll();
    return purse;
  }

  // --- conductor: the binding with the MonEbox

  public boolean isBound() {
    return binding.isBound();
  }

  /**
   * Binds this e-purse to its MonEbox on first use, after the owner pressed the MonEbox's button
   * ({@link MonEbox#pressButton()}). {@code deviceChain} holds the certificates between the device
   * certificate and the root (device attestation and CA), as delivered with the MonEbox.
   */
  public void bind(List<Certificate> deviceChain) throws ArtcashException {
    binding.bind(deviceChain, 0);
  }

  /** As {@link #bind(List)}, with the owner's own limit per payment from this e-purse. */
  public void bind(List<Certificate> deviceChain, Amount perPaymentLimit)
      throws ArtcashException {
    binding.bind(deviceChain, perPaymentLimit.minor());
  }

  // --- receive payment (payee)

  /**
   * A payment request for {@code amount}, or for an amount the payer chooses when empty; its ART
   * is marked in use until the payment arrives or the request is cancelled.
   */
  public PaymentRequest requestPayment(Optional<Amount> amount) throws ArtcashException {
    return receive.request(amount);
  }

  /**
   * Accepts a payer's token for the amount named in the request. A valid token that pays another
   * amount is kept all the same (the payer was debited), and its receipt says what was asked
   * ({@link Receipt#differsFrom()}): check it before handing over the goods.
   */
  public Receipt accept(TransferToken token) throws ArtcashException {
    return receive.accept(token, Optional.empty());
  }

  /**
   * As {@link #accept(TransferToken)}, with {@code expected} as the amount agreed: a valid token
   * for another amount is kept, and its receipt says that it differs.
   */
  public Receipt accept(TransferToken token, Amount expected) throws ArtcashException {
    return receive.accept(token, Optional.of(expected));
  }

  /**
   * Cancels the open request on an ART. The ART is retired, not offered again: the payer may still
   * pay the state it was sent, and two payments on one state cannot both be accepted (sec. 2.3).
   * A late payment on it is still accepted; it goes back to the factory at a refresh. False when
   * the ART was not in use.
   */
  public boolean cancelRequest(Bytes artId) throws ArtcashException {
    return receive.cancel(artId);
  }

  // --- control payment (payer)

  /** Pre-flight check of a payee's request and what to show the payer before approval. */
  public PaymentPreview preview(PaymentRequest request) throws ArtcashException {
    return control.preview(request);
  }

  /**
   * Pays {@code amount} on {@code request} after the owner has authorised it in this host's user
   * interface; returns the token to send to the payee. Repeating it returns the same token.
   */
  public TransferToken pay(PaymentRequest request, Amount amount) throws ArtcashException {
    return control.pay(request, amount);
  }

  /**
   * Credits everything received and not yet redeemed to the MonEbox, ART by ART; an ART that
   * cannot be redeemed now is reported in the result and does not stop the others.
   */
  public RedemptionReport redeemAll() {
    return redemption.redeemAll();
  }

  // --- credential manager

  /** Refreshes revocation list, payment keys and ARTs with a system agent. */
  public RefreshReport refresh(CredentialService agent) throws ArtcashException {
    return credentials.refresh(agent);
  }

  // --- overview

  public Amount balance() throws ArtcashException {
    return ctx.box().balance();
  }

  public PurseStatus status() throws ArtcashException {
    Amount balance = ctx.box().balance();
    List<PurseStatus.ArtSummary> arts = ctx.store().arts().held().stream()
        .map(EPurse::summary).toList();
    return new PurseStatus(ctx.now(), isBound(), balance,
        ctx.store().arts().unredeemed(balance.currency()), arts,
        ctx.box().status().paymentKeys());
  }

  /**
   * Approved payments whose token this e-purse does not hold: PENDING ones, whose outcome the
   * MonEbox has not told yet (sent again before any other payment), and UNRESOLVED ones, made and
   * debited but whose token must be recovered via the issuer. Oldest first.
   */
  public List<PaymentIntent> unsettledPayments() {
    return ctx.store().intents().unsettled();
  }

  /** Payments made and received, oldest first. */
  public List<HistoryEntry> history() {
    return ctx.store().history().list();
  }

  /**
   * One of the owner's ARTs with its whole payment log: the digital justification of the payments
   * received on it, for the owner's auditor (sec. 4.1).
   */
  public Art artLog(Bytes artId) throws ArtcashException {
    StoredArt art = ctx.store().arts().find(artId).orElseThrow(() -> new ArtcashException(
        Reason.UNKNOWN_ART, "ART " + artId.shortHex() + " is not one of this e-purse's ARTs"));
    return credentials.log(art);
  }

  private static PurseStatus.ArtSummary summary(StoredArt a) {
    return new PurseStatus.ArtSummary(a.artId(), a.config().kind(), a.status(),
        a.latest().aggregateAmount(), a.redeemed(), a.headroom(),
        Math.max(0, a.latest().paymentsLeft()), a.config().notAfter());
  }
}
