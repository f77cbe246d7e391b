package org.artcash.issuer.store;

import java.time.Instant;
import java.util.Objects;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Currency;

/**
 * One payment record of an inspected ART, as e-cash inspection keeps it (paper sec. 6): which
 * payment key made it, as its how-manieth use, under which certifier key, and how much.
 */
public record InspectedPayment(Bytes artId, int seq, Bytes paymentKeyId, long keyUse,
    Bytes certifierKeyId, String currency, long amountMinor, Instant paidAt) {
  public InspectedPayment {
    Jdbc.id(artId, "artId");
    Jdbc.id(paymentKeyId, "paymentKeyId");
    Jdbc.id(certifierKeyId, "certifierKeyId");
    new Currency(Objects.requireNonNull(currency, "currency"));
    Objects.requireNonNull(paidAt, "paidAt");
    if (seq < 1 || keyUse < 1 || amountMinor < 0) {
      throw new IllegalArgumentException("seq and key use start at 1; an amount is not negative");
    }
  }
}
