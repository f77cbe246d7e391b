package org.artcash.issuer.certification;

import java.util.Arrays;
import java.util.Objects;
import org.artcash.core.ArtcashException;
import org.artcash.core.codec.Bytes;
import org.artcash.core.crypto.BlindRsa;
import org.artcash.core.pki.CertRole;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.PaymentKeyClass;
import org.artcash.issuer.keys.BlindSigner;

/**
 * One payment-key class's certification key (de Jong 2024, sec. 3.3): the blind-signature key, its
 * PAYMENT_KEY_CERTIFIER certificate carrying the class, and how many payment keys one MonEbox may
 * have certified by it per period.
 */
public record Certifier(String name, BlindSigner key, Certificate certificate,
    PaymentKeyClass keyClass, int maxPerDevicePerPeriod) {

  public Certifier {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(keyClass, "keyClass");
    if (maxPerDevicePerPeriod < 1) {
      throw new IllegalArgumentException("a certifier allows at least one key per period");
    }
    if (certificate.role() != CertRole.PAYMENT_KEY_CERTIFIER
        || !Arrays.equals(certificate.publicKey(), BlindRsa.encodePublicKey(key.publicKey()))
        || !keyClass.equals(classOf(certificate))) {
      throw new IllegalArgumentException(
          "the certificate must be a PAYMENT_KEY_CERTIFIER certificate for this key and class");
    }
  }

  /** The certification key's identifier, as payment-key certificates and requests name it. */
  public Bytes keyId() {
    return certificate.subjectKeyId();
  }

  private static PaymentKeyClass classOf(Certificate certificate) {
    try {
      return PaymentKeyClass.decode(certificate.attributes());
    } catch (ArtcashException e) {
      throw new IllegalArgumentException("the certifier certificate has unreadable attributes", e);
    }
  }
}
