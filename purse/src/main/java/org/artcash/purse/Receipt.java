package org.artcash.purse;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.purse.store.ReceivedPayment;

/**
 * A payment this e-purse accepted: payment #{@code seq} of {@code amount} on ART {@code artId},
 * which has received {@code artTotal} so far, and the transfer token itself, the payee's secure
 * statement of the receipt (de Jong 2024, sec. 2.3). Accepting the same token again gives an equal
 * receipt. {@code differsFrom} holds the amount that was asked when the payer validly paid another
 * one: the payment is kept (the payer was debited), and the difference must be settled.
 */
public record Receipt(Bytes artId, int seq, Amount amount, Amount artTotal, Instant receivedAt,
    TransferToken token, Optional<Amount> differsFrom) {

  public Receipt {
    Objects.requireNonNull(differsFrom, "differsFrom");
  }

  static Receipt of(ReceivedPayment p, TransferToken token) {
    return new Receipt(p.artId(), p.seq(), p.amount(), p.aggregate(), p.receivedAt(), token,
        p.differsFrom());
  }

  /** True when the payer paid another amount than was asked. */
  public boolean amountDiffers() {
    return differsFrom.isPresent();
  }

  @Override
  public String toString() {
    String received = "received " + amount + " as payment #" + seq + " on ART " + artId.shortHex()
        + " at " + receivedAt + " (" + artTotal + " on this ART so far)";
    return differsFrom.map(asked -> received + "; but " + asked + " was asked: settle the"
        + " difference with the payer; do not hand over the goods unless it is enough")
        .orElse(received);
  }
}
