package org.artcash.purse.store;

import java.time.Instant;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;

/**
 * A payment this e-purse made: the token its MonEbox computed for the payee's ART state with hash
 * {@code stateHash}, stored before it was handed over (de Jong 2024, sec. 4.1). It is also the
 * payer's proof of payment.
 */
public record OutgoingPayment(Bytes stateHash, TransferToken token, long approvalCounter,
    Instant paidAt) {

  public Bytes artId() {
    return token.config().artId();
  }

  public Amount amount() {
    return token.amount();
  }

  public String payeeInfo() {
    return token.config().payeeInfo();
  }
}
