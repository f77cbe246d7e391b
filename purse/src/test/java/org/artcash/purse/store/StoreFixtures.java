package org.artcash.purse.store;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtKind;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentKeyCertificate;
import org.artcash.core.art.PaymentRecord;
import org.artcash.core.codec.Bytes;
import org.artcash.core.crypto.BlindRsa;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.Ecdsa;
import org.artcash.core.crypto.KeyAlgorithm;
import org.artcash.core.crypto.KeyId;
import org.artcash.core.crypto.P256;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.CertRole;
import org.artcash.core.pki.Certificate;

/**
 * Well-formed protocol objects for the store tests. The store keeps objects and does not verify
 * them, so the payment-key certificates here carry random bytes where the blind signature goes.
 */
final class StoreFixtures {
  static final Currency EUR = Currency.of("EUR");
  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  private static final SecureRandom RANDOM = new SecureRandom();

  final EcSigner factory = signer();
  final EcSigner payer = signer();
  final Bytes owner = randomBytes(16);

  static EcSigner signer() {
    KeyPair kp = P256.generate(RANDOM);
    return Ecdsa.softwareSigner((ECPrivateKey) kp.getPrivate(), (ECPublicKey) kp.getPublic(),
        RANDOM);
  }

  static Bytes randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return Bytes.copyOf(b);
  }

  static Amount eur(long cents) {
    return Amount.of(EUR, cents);
  }

  /** A self-signed root certificate valid around {@link #T0}. */
  static Certificate certificate(EcSigner key) {
    return Certificate.issue(key, randomBytes(16), CertRole.ROOT, KeyAlgorithm.EC_P256,
        key.publicKey(), new byte[0], T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(3650)));
  }

  /** An ART issued at {@link #T0}, valid 30 days: 3 payments of at most 50.00, 100.00 in all. */
  ArtConfig art() {
    return art(T0, T0.plus(Duration.ofDays(30)), 3, 50_00, 100_00);
  }

  ArtConfig art(Instant issuedAt, Instant notAfter, int maxPayments, long maxSingle,
      long maxAggregate) {
    return ArtConfig.sign(new ArtConfig.Terms(randomBytes(16), owner, ArtKind.PAYMENT, EUR,
        issuedAt, notAfter, notAfter.plus(Duration.ofDays(30)), maxPayments, maxSingle,
        maxAggregate, "Bakery Jansen, till 2", "NL91ABNA0417164300"), factory);
  }

  /** The next payment on {@code previous}, signed by {@link #payer}. */
  PaymentRecord payment(ArtState previous, long amount, Instant time) {
    PaymentKeyCertificate certificate = PaymentKeyCertificate.of(randomBytes(KeyId.LENGTH),
        payer.publicKey(), randomBytes(BlindRsa.PREFIX_LENGTH).toArray(),
        randomBytes(256).toArray());
    return PaymentRecord.sign(new PaymentRecord.Fields(previous.config().artId(),
        previous.seq() + 1, amount, previous.aggregate() + amount, time, previous.stateHash(),
        previous.seq() + 1, certificate), payer);
  }
}
