package org.artcash.purse;

import java.time.Instant;
import java.util.List;
import org.artcash.core.ArtcashException;
import org.artcash.core.art.ArtKind;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.monebox.MonEboxStatus.PaymentKeyInfo;
import org.artcash.purse.store.ArtStatus;

/**
 * The e-purse at a glance (de Jong 2024, sec. 4.1: "the presentation of the current balance of
 * spendable funds"): the MonEbox's balance, money received but not yet redeemed, the ARTs held and
 * the MonEbox's payment keys.
 */
public record PurseStatus(Instant at, boolean bound, Amount balance, Amount unredeemed,
    List<ArtSummary> arts, List<PaymentKeyInfo> paymentKeys) {

  public PurseStatus {
    arts = List.copyOf(arts);
    paymentKeys = List.copyOf(paymentKeys);
  }

  /** One ART not yet returned: what it has received, what it can still take, until when. */
  public record ArtSummary(Bytes artId, ArtKind kind, ArtStatus status, Amount received,
      Amount redeemed, Amount headroom, int paymentsLeft, Instant notAfter) {}

  /** The balance plus what redemption will add to it. */
  public Amount spendable() throws ArtcashException {
    return balance.plus(unredeemed);
  }

  /** ARTs that can be sent in a payment request now. */
  public long usableArts() {
    return arts.stream().filter(a -> a.status() == ArtStatus.FREE && a.paymentsLeft() > 0
        && !a.headroom().isZero() && a.notAfter().isAfter(at)).count();
  }
}
