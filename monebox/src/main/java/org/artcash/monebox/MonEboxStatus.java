package org.artcash.monebox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;

/**
 * What a MonEbox tells about itself. {@code balance} is empty before personalisation; the supply
 * counters are present only on the issuer's MonEbox.
 */
public record MonEboxStatus(DeviceState state, Optional<Bytes> deviceId, int deviceClass,
    Optional<Bytes> pseudonym, Optional<Amount> balance, Instant trustedNow, int bindings,
    long buttonThreshold, List<PaymentKeyInfo> paymentKeys, Optional<Supply> supply) {

  public MonEboxStatus {
    paymentKeys = List.copyOf(paymentKeys);
  }

  /** One payment key slot; {@code certified} is false while its certificate is being fetched. */
  public record PaymentKeyInfo(int slot, Bytes certifierKeyId, boolean certified, int classId,
      Amount maxSinglePayment, long maxPayments, long used, Instant notAfter) {
    public long usesLeft() {
      return maxPayments - used;
    }
  }

  /** Issued and destroyed totals and the last executed order (issuer's MonEbox only). */
  public record Supply(Amount issued, Amount destroyed, long lastOrder) {}
}
