package org.artcash.purse.store;

import java.util.Objects;
import java.util.Optional;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.monebox.PaymentInstruction;

/**
 * A payment the owner approved, with the exact instruction for the MonEbox, stored before the
 * MonEbox is asked (table {@code purse_payment_intent}). Retries send this instruction again, so
 * a lost reply is never paid twice. {@code outcome} says why it was refused or is unresolved, or,
 * for a PAID one, why its token failed the payer's own check.
 */
public record PaymentIntent(PaymentInstruction instruction, Status status,
    Optional<Reason> outcomeReason, Optional<String> outcomeMessage) {

  public enum Status {
    /** Approved; the MonEbox's answer is not known yet. */
    PENDING,
    /** The token is stored with the payments made. */
    PAID,
    /** The MonEbox refused it after checking its approval counter: it was not executed. */
    REFUSED,
    /** Executed, but the MonEbox no longer holds the token: recover it via the issuer. */
    UNRESOLVED
  }

  public PaymentIntent {
    Objects.requireNonNull(instruction, "instruction");
    Objects.requireNonNull(status, "status");
    if (outcomeReason.isPresent() != outcomeMessage.isPresent()) {
      throw new IllegalArgumentException("an outcome has both a reason and a message, or neither");
    }
  }

  public long counter() {
    return instruction.counter();
  }

  public Bytes stateHash() {
    return instruction.request().state().stateHash();
  }

  public Amount amount() {
    return Amount.of(instruction.request().state().config().currency(), instruction.amount());
  }

  /** What was approved, for a person: "EUR 30.00 to 'Bakery' (ART 1a2b.., approval #7 of ...)". */
  public String describe() {
    ArtConfig config = instruction.request().state().config();
    return amount() + " to '" + config.payeeInfo() + "' (ART " + config.artId().shortHex()
        + ", approval #" + instruction.counter() + " of " + instruction.hostTime() + ")";
  }
}
