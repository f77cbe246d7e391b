package org.artcash.core.art;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.artcash.core.codec.Bytes;
import org.artcash.core.crypto.BlindRsa;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.Ecdsa;
import org.artcash.core.crypto.KeyAlgorithm;
import org.artcash.core.crypto.P256;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.CertRole;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.PaymentKeyClass;
import org.artcash.core.pki.TrustStore;

/**
 * A minimal issuer made of core pieces only, for core's own tests: root, CA, factory, one
 * certification class, and a payer whose payment key is blind-certified. It signs payment records
 * directly, as a MonEbox would.
 */
final class CoreFixture {
  static final Currency EUR = Currency.of("EUR");
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final SecureRandom RND = new SecureRandom();
  private static CoreFixture shared;

  final EcSigner root = signer();
  final EcSigner ca = signer();
  final EcSigner factory = signer();
  final Certificate rootCert;
  final Certificate caCert;
  final Certificate factoryCert;
  final KeyPair certifierKeys = BlindRsa.generateKeyPair(2048, RND);
  final Certificate certifierCert;
  final PaymentKeyClass paymentClass = new PaymentKeyClass(1, Amount.of(EUR, 5000), 100, 0);
  final Payer payer;

  /** A payer's payment key with its anonymous certificate. */
  record Payer(EcSigner key, PaymentKeyCertificate certificate) {}

  static synchronized CoreFixture shared() {
    if (shared == null) {
      shared = new CoreFixture();
    }
    return shared;
  }

  CoreFixture() {
    rootCert = Certificate.issue(root, serial(), CertRole.ROOT, KeyAlgorithm.EC_P256,
        root.publicKey(), new byte[0], T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(3650)));
    caCert = Certificate.issue(root, serial(), CertRole.CA, KeyAlgorithm.EC_P256, ca.publicKey(),
        new byte[0], T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1000)));
    factoryCert = Certificate.issue(ca, serial(), CertRole.ART_FACTORY, KeyAlgorithm.EC_P256,
        factory.publicKey(), new byte[0], T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(400)));
    certifierCert = Certificate.issue(ca, serial(), CertRole.PAYMENT_KEY_CERTIFIER,
        KeyAlgorithm.RSA_BSSA_SHA384_PSS_RANDOMIZED,
        BlindRsa.encodePublicKey((RSAPublicKey) certifierKeys.getPublic()), paymentClass.encode(),
        T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(90)));
    payer = newPayer();
  }

  Payer newPayer() {
    try {
      EcSigner key = signer();
      RSAPublicKey pub = (RSAPublicKey) certifierKeys.getPublic();
      byte[] msg = PaymentKeyCertificate.messageToSign(certifierCert.subjectKeyId(), key.publicKey());
      BlindRsa.Blinding b = BlindRsa.blind(pub, msg, RND);
      byte[] blindSig = BlindRsa.blindSign((RSAPrivateCrtKey) certifierKeys.getPrivate(),
          b.blindedMessage());
      byte[] sig = BlindRsa.finalizeSignature(pub, msg, b, blindSig);
      return new Payer(key, PaymentKeyCertificate.of(certifierCert.subjectKeyId(), key.publicKey(),
          b.prefix(), sig));
    } catch (org.artcash.core.ArtcashException e) {
      throw new IllegalStateException(e);
    }
  }

  TrustStore trust() {
    try {
      TrustStore t = TrustStore.anchoredAt(rootCert);
      t.addAll(List.of(caCert));
      return t;
    } catch (org.artcash.core.ArtcashException e) {
      throw new IllegalStateException(e);
    }
  }

  ArtConfig art(String payeeInfo, int maxPayments, long maxSingle, long maxAggregate) {
    return ArtConfig.sign(new ArtConfig.Terms(random16(), random16(), ArtKind.PAYMENT, EUR, T0,
        T0.plus(Duration.ofDays(30)), T0.plus(Duration.ofDays(60)), maxPayments, maxSingle,
        maxAggregate, payeeInfo, ""), factory);
  }

  List<Certificate> factoryChain() {
    return List.of(factoryCert, caCert);
  }

  List<Certificate> certifierChain() {
    return List.of(certifierCert, caCert);
  }

  /** What a payer's MonEbox computes: the next record on {@code state}, signed. */
  TransferToken pay(ArtState state, long amount, Instant time, Payer p, long keyUse) {
    PaymentRecord r = PaymentRecord.sign(new PaymentRecord.Fields(state.config().artId(),
        state.seq() + 1, amount, state.aggregate() + amount, time, state.stateHash(), keyUse,
        p.certificate()), p.key());
    return new TransferToken(state.config(), r, certifierChain());
  }

  TransferToken pay(ArtState state, long amount) {
    return pay(state, amount, T0.plus(Duration.ofHours(1)), payer, state.seq() + 1);
  }

  static Bytes serial() {
    return random16();
  }

  static Bytes random16() {
    byte[] b = new byte[16];
    RND.nextBytes(b);
    return Bytes.copyOf(b);
  }

  static EcSigner signer() {
    KeyPair kp = P256.generate(RND);
    return Ecdsa.softwareSigner((ECPrivateKey) kp.getPrivate(), (ECPublicKey) kp.getPublic(), RND);
  }
}
