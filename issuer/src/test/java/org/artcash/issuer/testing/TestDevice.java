package org.artcash.issuer.testing;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.art.PaymentKeyCertificate;
import org.artcash.core.codec.Bytes;
import org.artcash.core.credential.ArtRequest;
import org.artcash.core.credential.CertificationRequest;
import org.artcash.core.credential.CertificationResponse;
import org.artcash.core.crypto.BlindRsa;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.Ecdsa;
import org.artcash.core.crypto.KeyAlgorithm;
import org.artcash.core.crypto.P256;
import org.artcash.core.pki.CertRole;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.DeviceAttributes;
import org.artcash.issuer.IssuerSystem;
import org.artcash.issuer.pseudonym.IdentityDetails;

/**
 * A MonEbox's credential side played in software for agent tests: a device key certified by the
 * issuer's MonEbox management, a pseudonym, sealed requests, and payment keys it blinds and
 * unblinds itself, so the certifier never sees them.
 */
public final class TestDevice {
  private final EcSigner key;
  private final Certificate certificate;
  private final Bytes pseudonym;
  private final SecureRandom random;
  private final Map<Bytes, Pending> pending = new HashMap<>();

  private record Pending(EcSigner paymentKey, RSAPublicKey certifierKey, Bytes certifierKeyId,
      byte[] message, BlindRsa.Blinding blinding) {}

  public TestDevice(EcSigner key, Certificate certificate, Bytes pseudonym, SecureRandom random) {
    this.key = key;
    this.certificate = certificate;
    this.pseudonym = pseudonym;
    this.random = random;
  }

  /** A device provisioned by {@code issuer}: certified, registered ACTIVE, with a pseudonym. */
  public static TestDevice provision(IssuerSystem issuer, int deviceClass,
      Optional<IdentityDetails> identity, String payeeInfo, SecureRandom random)
      throws ArtcashException {
    EcSigner key = softwareKey(random);
    Instant now = issuer.clock().instant();
    Certificate cert = issuer.monEboxManagement().certifyDevice(key.publicKey(), deviceClass,
        false, now);
    Bytes deviceId = DeviceAttributes.decode(cert.attributes()).deviceId();
    Bytes pseudonym = issuer.pseudonyms().register(deviceId, identity, payeeInfo, now);
    return new TestDevice(key, cert, pseudonym, random);
  }

  /** A device whose certificate was made by someone who is not the issuer. */
  public static TestDevice counterfeit(int deviceClass, Instant now, SecureRandom random) {
    EcSigner forger = softwareKey(random);
    EcSigner key = softwareKey(random);
    DeviceAttributes attributes = new DeviceAttributes(randomBytes(random), deviceClass, false);
    Certificate cert = Certificate.issue(forger, randomBytes(random), CertRole.DEVICE,
        KeyAlgorithm.EC_P256, key.publicKey(), attributes.encode(), now,
        now.plusSeconds(365L * 86400));
    return new TestDevice(key, cert, randomBytes(random), random);
  }

  public static EcSigner softwareKey(SecureRandom random) {
    KeyPair pair = P256.generate(random);
    return Ecdsa.softwareSigner((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic(),
        random);
  }

  public static Bytes randomBytes(SecureRandom random) {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return Bytes.copyOf(b);
  }

  public Certificate certificate() {
    return certificate;
  }

  public EcSigner key() {
    return key;
  }

  public Bytes deviceId() throws ArtcashException {
    return DeviceAttributes.decode(certificate.attributes()).deviceId();
  }

  public Bytes pseudonym() {
    return pseudonym;
  }

  /** Generates a payment key, blinds its certification message for {@code certifier}, seals. */
  public CertificationRequest certificationRequest(Certificate certifier, Instant time)
      throws ArtcashException {
    return certificationRequest(certifier, time, key);
  }

  /** As {@link #certificationRequest(Certificate, Instant)}, sealed with {@code sealKey}. */
  public CertificationRequest certificationRequest(Certificate certifier, Instant time,
      EcSigner sealKey) throws ArtcashException {
    EcSigner paymentKey = softwareKey(random);
    RSAPublicKey rsa = certifier.rsaPublicKey();
    byte[] message = PaymentKeyCertificate.messageToSign(certifier.subjectKeyId(),
        paymentKey.publicKey());
    BlindRsa.Blinding blinding = BlindRsa.blind(rsa, message, random);
    CertificationRequest request = CertificationRequest.seal(certificate,
        certifier.subjectKeyId(), blinding.blindedMessage(), time, randomBytes(random), sealKey);
    pending.put(request.requestHash(),
        new Pending(paymentKey, rsa, certifier.subjectKeyId(), message, blinding));
    return request;
  }

  /** Unblinds the certifier's answer into a usable, certified payment key. */
  public PaymentKey install(CertificationResponse response) throws ArtcashException {
    Pending p = pending.remove(response.requestHash());
    if (p == null) {
      throw new IllegalStateException("no request is waiting for this response");
    }
    byte[] signature = BlindRsa.finalizeSignature(p.certifierKey(), p.message(), p.blinding(),
        response.blindSignature());
    return new PaymentKey(p.paymentKey(), PaymentKeyCertificate.of(p.certifierKeyId(),
        p.paymentKey().publicKey(), p.blinding().prefix(), signature));
  }

  public ArtRequest artRequest(ArtRequest.Wish wish, Instant time) {
    return artRequest(wish, time, pseudonym, key);
  }

  public ArtRequest artRequest(ArtRequest.Wish wish, Instant time, Bytes forPseudonym,
      EcSigner sealKey) {
    return ArtRequest.seal(certificate, forPseudonym, wish, time, randomBytes(random), sealKey);
  }
}
