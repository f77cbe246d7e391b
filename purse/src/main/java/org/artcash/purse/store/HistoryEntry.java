package org.artcash.purse.store;

import java.time.Instant;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;

/**
 * One payment made or received. For a payment made, {@code payeeInfo} and {@code payeeAccount}
 * name the payee; for a payment received the payer is anonymous and {@code payeeInfo} is the
 * owner's own label on the ART that received it.
 */
public record HistoryEntry(Direction direction, Bytes artId, int seq, Amount amount, Instant time,
    String payeeInfo, String payeeAccount) {

  public enum Direction { PAID, RECEIVED }

  /** Who the money went to or came from, for a person reading the history. */
  public String counterparty() {
    if (direction == Direction.RECEIVED) {
      return "anonymous payer (received on '" + payeeInfo + "')";
    }
    return payeeAccount.isEmpty() ? payeeInfo : payeeInfo + " (" + payeeAccount + ")";
  }
}
