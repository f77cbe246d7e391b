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
   * was sent, by the agreed amount ({@code expected}, else the amount in the request, else any),
   * validly signed under the root of trust. Stores the payment and the ART's new state in one
   * transaction. The same token again returns the same receipt and credits nothing.
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
        throw new ArtcashException(Reason.NOT_EXPECTED_PAYMENT, "ART " + artId.shortHex()
            + " was returned to the issuer at " + art.returnedAt().orElseThrow()
            + "; it cannot take payments any more");
      }
      Optional<Amount> agreed = expected.or(art::requestedAmount);
      ArtState next = ArtRules.accept(art.latest(), token, agreed, ctx.trust());
      Instant now = ctx.now();
      if (ctx.store().arts().appendPayment(artId, art.latest().seq(), token.record(),
          token.chain(), next.exhausted(), now)) {
        ReceivedPayment stored = ctx.store().arts().payment(artId, token.record().seq())
            .orElseThrow();
        return Receipt.of(stored, token);
      }
    }
  }

  /** Ends an open request: the ART may be offered again. False when it was not in use. */
  boolean cancel(Bytes artId) throws ArtcashException {
    if (ctx.store().arts().find(artId).isEmpty()) {
      throw new ArtcashException(Reason.UNKNOWN_ART,
          "ART " + artId.shortHex() + " is not one of this e-purse's ARTs");
    }
    return ctx.store().arts().release(artId);
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
          + ": every ART is used up or expired; refresh credentials");
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
