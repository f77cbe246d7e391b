package org.artcash.purse;

import java.time.Instant;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.purse.store.ReceivedPayment;

/**
 * A payment this e-purse accepted: payment #{@code seq} of {@code amount} on ART {@code artId},
 * which has received {@code artTotal} so far, and the transfer token itself, the payee's secure
 * statement of the receipt (de Jong 2024, sec. 2.3). Accepting the same token again gives an equal
 * receipt.
 */
public record Receipt(Bytes artId, int seq, Amount amount, Amount artTotal, Instant receivedAt,
    TransferToken token) {

  static Receipt of(ReceivedPayment p, TransferToken token) {
    return new Receipt(p.artId(), p.seq(), p.amount(), p.aggregate(), p.receivedAt(), token);
  }

  @Override
  public String toString() {
    return "received " + amount + " as payment #" + seq + " on ART " + artId.shortHex() + " at "
        + receivedAt + " (" + artTotal + " on this ART so far)";
  }
}
