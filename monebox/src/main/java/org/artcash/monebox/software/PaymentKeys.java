package org.artcash.monebox.software;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.artcash.core.ArtcashException;
import org.artcash.core.codec.Bytes;
import org.artcash.core.crypto.KeyAlgorithm;
import org.artcash.core.crypto.KeyId;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.CertRole;
import org.artcash.core.pki.TrustStore;

/** Which payment key signs a payment, and which slot a new key may take. */
final class PaymentKeys {
  private PaymentKeys() {}

  /**
   * The key to sign a payment of {@code amount} at {@code now}: certified, of the currency, within
   * its class's single-payment limit, uses left, certifier chain valid at {@code now} and nothing
   * revoked. Of several, the one with the smallest single-payment limit (then the lowest slot), so
   * keys of a larger class, which have fewer uses, are kept for the payments only they can make.
   */
  static Optional<PaymentKeySlot> choose(Collection<PaymentKeySlot> slots, Currency currency,
      long amount, Instant now, TrustStore trust) {
    return slots.stream()
        .filter(PaymentKeySlot::certified)
        .filter(s -> s.keyClass().currency().equals(currency))
        .filter(s -> !s.usedUp())
        .filter(s -> amount <= s.keyClass().maxSinglePayment().minor())
        .filter(s -> !trust.isRevoked(paymentKeyId(s)))
        .filter(s -> chainValid(s, now, trust))
        .min(Comparator.comparingLong((PaymentKeySlot s) -> s.keyClass().maxSinglePayment().minor())
            .thenComparingInt(PaymentKeySlot::slot));
  }

  /**
   * A slot for a new key: an empty one, else one whose key can never pay again (used up, its
   * certifier expired, or it or its certifier revoked).
   */
  static OptionalInt freeSlot(Map<Integer, PaymentKeySlot> slots, Instant now,
      TrustStore trust) {
    for (int i = 0; i < DeviceImage.MAX_PAYMENT_KEYS; i++) {
      PaymentKeySlot s = slots.get(i);
      if (s == null || spent(s, now, trust)) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }

  static Bytes paymentKeyId(PaymentKeySlot s) {
    return KeyId.of(KeyAlgorithm.EC_P256, s.key().publicKey());
  }

  private static boolean spent(PaymentKeySlot s, Instant now, TrustStore trust) {
    return (s.certified() && s.usedUp()) || s.certifier().notAfter().isBefore(now)
        || trust.isRevoked(s.certifierKeyId()) || trust.isRevoked(paymentKeyId(s));
  }

  private static boolean chainValid(PaymentKeySlot s, Instant now, TrustStore trust) {
    try {
      trust.validate(s.certifier(), CertRole.PAYMENT_KEY_CERTIFIER, now, s.certifierChain());
      return true;
    } catch (ArtcashException e) {
      return false;
    }
  }
}
