package org.artcash.purse;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.artcash.core.codec.Bytes;
import org.artcash.monebox.MonEboxStatus;

/**
 * What one credential refresh did: the revocation list installed (its sequence, when newer), the
 * payment keys certified, the redemptions made before returning ARTs (with any ART that could not
 * be redeemed), the ARTs returned to the factory with their logs, and the fresh ARTs stored.
 */
public record RefreshReport(OptionalLong revocationListInstalled,
    List<MonEboxStatus.PaymentKeyInfo> paymentKeysCertified, RedemptionReport redeemed,
    List<Bytes> artsReturned, List<Bytes> artsReceived) {

  public RefreshReport {
    paymentKeysCertified = List.copyOf(paymentKeysCertified);
    Objects.requireNonNull(redeemed, "redeemed");
    artsReturned = List.copyOf(artsReturned);
    artsReceived = List.copyOf(artsReceived);
  }
}
