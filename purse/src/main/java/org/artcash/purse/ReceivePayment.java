package org.artcash.purse;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtKind;
import org.artcash.core.art.ArtRules;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.core.pki.Certificate;
import org.artcash.purse.store.ArtStatus;
import org.artcash.purse.store.ReceivedPayment;
import org.artcash.purse.store.StoredArt;

/**
 * The payee's side (de Jong 2024, sec. 4.1, "receive payment"): payment requests with one of the
 * owner's ARTs, and acceptance of the payer's transfer token in software, with the root of trust
 * only. The MonEbox is not needed to accept; the money reaches it by redemption.
 */
final class ReceivePayment {
  private final PurseContext ctx;

  ReceivePayment(PurseContext ctx) {
    this.ctx = ctx;
  }

  /**
   * A payment request with a FREE PAYMENT ART that can take {@code amount} (any amount when
   * empty), marked IN_USE in the same step so that no other request can carry it (sec. 2.3).
   */
  PaymentRequest request(Optional<Amount> amount) throws ArtcashException {
    if (amount.isPresent() && amount.get().isZero()) {
      throw new ArtcashException(Reason.MALFORMED,
          "a payment request asks for a positive amount, or for none (the payer chooses)");
    }
    Instant now = ctx.now();
    Optional<StoredArt> reserved = ctx.store().arts().reserve(ArtKind.PAYMENT, amount, now);
    if (reserved.isEmpty()) {
      throw noArtFor(amount, now);
    }
    StoredArt art = reserved.get();
    OptionalLong requested =
        amount.isPresent() ? OptionalLong.of(amount.get().minor()) : OptionalLong.empty();
    return new PaymentRequest(art.latest(), requested, chainFor(art));
  }

  /**
   * Accepts a transfer token for one of the owner's ARTs: it must extend exactly the state that
   * was sent, validly signed under the root of trust. Stores the payment and the ART's new state
   * in one transaction. The same token again returns the same receipt and credits nothing. A valid
   * token for another amount than agreed ({@code expected}, else the amount in the request) is
   * stored too, with a receipt that says so ({@link Receipt#differsFrom()}).
   */
  Receipt accept(TransferToken token, Optional<Amount> expected) throws ArtcashException {
    Bytes artId = token.config().artId();
    // Each pass either returns, throws, or finds that a concurrent acceptance moved the ART on;
    // the ART's sequence number only grows, so this ends.
    while (true) {
      StoredArt art = ctx.store().arts().find(artId).orElseThrow(() -> new ArtcashException(
          Reason.NOT_EXPECTED_PAYMENT, "this token pays someone else: ART " + artId.shortHex()
              + " is not one of this e-purse's ARTs"));
      Optional<ReceivedPayment> earlier = ctx.store().arts().payment(artId, token.record().seq());
      if (earlier.isPresent()) {
        return sameAsEarlier(art, earlier.get(), token);
      }
      if (art.status() == ArtStatus.RETURNED) {
        // Checked first, so that only a real payment is told it was debited.
        ArtRules.accept(art.latest(), token, Optional.empty(), ctx.trust());
        throw new ArtcashException(Reason.NOT_EXPECTED_PAYMENT, "this token pays "
            + token.amount() + " on ART " + artId.shortHex() + ", which this e-purse returned to"
            + " the issuer's ART factory at " + art.returnedAt().orElseThrow() + " (expired, used"
            + " up or its request cancelled), so this e-purse can no longer accept or redeem a"
            + " payment on it; nothing was credited. The payer was debited: the payment can only"
            + " be recovered via the issuer, with this token");
      }
      Optional<Amount> agreed = expected.or(art::requestedAmount);
      Optional<Amount> differsFrom = Optional.empty();
      ArtState next;
      try {
        next = ArtRules.accept(art.latest(), token, agreed, ctx.trust());
      } catch (ArtcashException e) {
        if (e.reason() != Reason.AMOUNT_MISMATCH) {
          throw e;
        }
        // The amount in a request is not signed: anything on the channel can change it. A token
        // that validly extends the state we sent was approved by the payer and debited from its
        // MonEbox, so it is our money whatever it pays: keep it, and say that it differs. A
        // forged token fails this check as it failed the first (signature, value step, chain).
        next = ArtRules.accept(art.latest(), token, Optional.empty(), ctx.trust());
        differsFrom = agreed;
      }
      Instant now = ctx.now();
      if (ctx.store().arts().appendPayment(artId, art.latest().seq(), token.record(),
          token.chain(), next.exhausted(), differsFrom, now)) {
        ReceivedPayment stored = ctx.store().arts().payment(artId, token.record().seq())
            .orElseThrow();
        return Receipt.of(stored, token);
      }
    }
  }

  /**
   * Ends an open request by retiring its ART: the state sent may still be paid by that payer, so
   * it is never offered to another; a late payment on it is still accepted. The ART goes back to
   * the factory at a refresh once its value is redeemed. False when it was not in use.
   */
  boolean cancel(Bytes artId) throws ArtcashException {
    if (ctx.store().arts().find(artId).isEmpty()) {
      throw new ArtcashException(Reason.UNKNOWN_ART,
          "ART " + artId.shortHex() + " is not one of this e-purse's ARTs");
    }
    return ctx.store().arts().cancelRequest(artId);
  }

  /**
   * The certificates a payer needs to check the ART: the factory's chain and, once the ART has
   * been paid, the chain of the last payer's certifier, without repeats and within the four a
   * request carries.
   */
  private static List<Certificate> chainFor(StoredArt art) {
    return Chains.join(Chains.MESSAGE, art.factoryChain(), art.latestPayerChain());
  }

  private static Receipt sameAsEarlier(StoredArt art, ReceivedPayment earlier,
      TransferToken token) throws ArtcashException {
    if (!earlier.record().equals(token.record()) || !art.config().equals(token.config())) {
      throw new ArtcashException(Reason.NOT_EXPECTED_PAYMENT, "payment #" + earlier.seq()
          + " on ART " + art.artId().shortHex() + " was already accepted with other content;"
          + " this token is not the payment that was received");
    }
    return Receipt.of(earlier, earlier.token(art.config()));
  }

  /** Says why no ART fits, and what to do about it. */
  private ArtcashException noArtFor(Optional<Amount> amount, Instant now) {
    List<StoredArt> usable = ctx.store().arts().held().stream()
        .filter(a -> a.config().kind() == ArtKind.PAYMENT)
        .filter(a -> a.status() == ArtStatus.FREE || a.status() == ArtStatus.IN_USE)
        .filter(a -> !a.isExpiredAt(now) && !a.config().issuedAt().isAfter(now))
        .filter(a -> !a.latest().exhausted())
        .filter(a -> amount.isEmpty() || a.config().currency().equals(amount.get().currency()))
        .toList();
    String wanted = amount.map(a -> "take " + a).orElse("take a payment");
    if (usable.isEmpty()) {
      return new ArtcashException(Reason.ART_EXHAUSTED, "no ART can " + wanted
          + ": every ART is used up, expired or retired by a cancelled request; refresh"
          + " credentials");
    }
    List<StoredArt> free = usable.stream().filter(a -> a.status() == ArtStatus.FREE).toList();
    if (free.isEmpty()) {
      return new ArtcashException(Reason.ART_IN_USE, "no ART can " + wanted + ": all "
          + usable.size() + " usable ARTs are in open payment requests; wait for those payments,"
          + " cancel a request, or refresh credentials");
    }
    Amount largest = free.stream().map(StoredArt::headroom).max(Amount::compareTo).orElseThrow();
    return new ArtcashException(Reason.ART_LIMIT_EXCEEDED, "no ART can " + wanted
        + " (the most a free ART can take is " + largest + "); refresh credentials or ask for"
        + " less");
  }
}
