package org.artcash.monebox;

import java.time.Instant;
import org.artcash.core.art.PaymentRequest;

/**
 * The host's instruction to pay (de Jong 2024, diagram 2, "payment instruction"): the payee's
 * request, the approved amount, the host's clock, and the approval cryptogram made with the binding
 * key ({@link Binding#approvalMac}).
 */
public record PaymentInstruction(PaymentRequest request, long amount, Instant hostTime,
    int bindingId, long counter, byte[] approvalMac) {
  public PaymentInstruction {
    if (amount <= 0 || counter < 1 || counter > 0xFFFF_FFFFL || approvalMac.length != Binding.MAC_LENGTH) {
      throw new IllegalArgumentException("positive amount, counter 1..2^32-1, 32-byte MAC");
    }
    if (hostTime.getNano() != 0) {
      throw new IllegalArgumentException("host time is whole seconds");
    }
    approvalMac = approvalMac.clone();
  }

  @Override
  public byte[] approvalMac() {
    return approvalMac.clone();
  }
}
