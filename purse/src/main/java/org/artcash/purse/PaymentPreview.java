package org.artcash.purse;

import java.time.Instant;
import java.util.Optional;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.purse.store.OutgoingPayment;

/**
 * What the payer is shown before approving (de Jong 2024, sec. 4.1, "control payment"): who is
 * paid, how much is asked, the most the payee's ART can take, until when it is valid, and what the
 * MonEbox can spend. {@code earlier} is present when this very request was paid already: paying
 * it again returns that payment's token and moves no money.
 */
public record PaymentPreview(Bytes artId, String payeeInfo, String payeeAccount,
    Optional<Amount> requestedAmount, Amount maxAmount, Instant artExpires, Amount balance,
    Amount unredeemed, Optional<OutgoingPayment> earlier) {

  public boolean isRetry() {
    return earlier.isPresent();
  }

  /** Whether {@code amount} can be paid now without redeeming received money first. */
  public boolean coveredByBalance(Amount amount) {
    return balance.compareTo(amount) >= 0;
  }
}
