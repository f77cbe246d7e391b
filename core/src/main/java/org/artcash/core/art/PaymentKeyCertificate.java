package org.artcash.core.art;

import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import org.artcash.core.ArtcashException;
import org.artcash.core.codec.Bytes;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.artcash.core.crypto.BlindRsa;
import org.artcash.core.crypto.KeyAlgorithm;
import org.artcash.core.crypto.KeyId;
import org.artcash.core.crypto.P256;

/**
 * An anonymous payment-key certificate: an RFC 9474 blind RSA signature by a certification key
 * over the payer's payment public key. The certifier never saw the key, so the certificate cannot
 * be linked to the device that asked for it (de Jong 2024, sec. 3.3). Its limits are those of the
 * certification key's class ({@link org.artcash.core.pki.PaymentKeyClass}). Type 0x04.
 */
public final class PaymentKeyCertificate {
  public static final int TYPE = 0x04;
  public static final int VERSION = 1;
  public static final int MIN_SIGNATURE = 256;
  public static final int MAX_SIGNATURE = 512;
  public static final int MAX_ENCODED = 2 + KeyId.LENGTH + P256.PUBLIC_KEY_LENGTH
      + BlindRsa.PREFIX_LENGTH + 2 + MAX_SIGNATURE;

  private final Bytes certifierKeyId;
  private final byte[] paymentPublicKey;
  private final byte[] prefix;
  private final byte[] signature;

  private PaymentKeyCertificate(Bytes certifierKeyId, byte[] paymentPublicKey, byte[] prefix,
      byte[] signature) {
    this.certifierKeyId = certifierKeyId;
    this.paymentPublicKey = paymentPublicKey;
    this.prefix = prefix;
    this.signature = signature;
  }

  public static PaymentKeyCertificate of(Bytes certifierKeyId, byte[] paymentPublicKey,
      byte[] prefix, byte[] signature) {
    if (certifierKeyId.length() != KeyId.LENGTH || paymentPublicKey.length != P256.PUBLIC_KEY_LENGTH
        || prefix.length != BlindRsa.PREFIX_LENGTH || signature.length < MIN_SIGNATURE
        || signature.length > MAX_SIGNATURE) {
      throw new IllegalArgumentException("payment key certificate fields have the wrong length");
    }
    return new PaymentKeyCertificate(certifierKeyId, paymentPublicKey.clone(), prefix.clone(),
        signature.clone());
  }

  /**
   * The message the certifier blind-signs: type, version, certifier key id and payment public key.
   * Binding the certifier key id stops a signature of one class being presented as another.
   */
  public static byte[] messageToSign(Bytes certifierKeyId, byte[] paymentPublicKey) {
    return new Encoder().u8(TYPE).u8(VERSION).fixed(certifierKeyId, KeyId.LENGTH)
        .fixed(paymentPublicKey, P256.PUBLIC_KEY_LENGTH).toByteArray();
  }

  public static PaymentKeyCertificate decode(byte[] encoded) throws ArtcashException {
    Decoder d = Decoder.of(encoded, "payment key certificate");
    d.header(TYPE, VERSION);
    Bytes certifier = d.fixedBytes(KeyId.LENGTH, "certifier key id");
    byte[] pk = d.fixed(P256.PUBLIC_KEY_LENGTH, "payment public key");
    P256.decode(pk);
    byte[] prefix = d.fixed(BlindRsa.PREFIX_LENGTH, "message prefix");
    byte[] sig = d.var(MIN_SIGNATURE, MAX_SIGNATURE, "blind signature");
    d.finish();
    return new PaymentKeyCertificate(certifier, pk, prefix, sig);
  }

  public byte[] encode() {
    return new Encoder().u8(TYPE).u8(VERSION).fixed(certifierKeyId, KeyId.LENGTH)
        .fixed(paymentPublicKey, P256.PUBLIC_KEY_LENGTH).fixed(prefix, BlindRsa.PREFIX_LENGTH)
        .var(signature, MAX_SIGNATURE).toByteArray();
  }

  public boolean verify(RSAPublicKey certifierKey) {
    return BlindRsa.verify(certifierKey, prefix,
        messageToSign(certifierKeyId, paymentPublicKey), signature);
  }

  /** The payment key's identifier; used to count its payments and to revoke it. */
  public Bytes paymentKeyId() {
    return KeyId.of(KeyAlgorithm.EC_P256, paymentPublicKey);
  }

  public Bytes certifierKeyId() {
    return certifierKeyId;
  }

  public byte[] paymentPublicKey() {
    return paymentPublicKey.clone();
  }

  public byte[] prefix() {
    return prefix.clone();
  }

  public byte[] signature() {
    return signature.clone();
  }

  /** Equal when they certify the same key under the same certifier (signature bytes not compared). */
  @Override
  public boolean equals(Object o) {
    return o instanceof PaymentKeyCertificate c && certifierKeyId.equals(c.certifierKeyId)
        && Arrays.equals(paymentPublicKey, c.paymentPublicKey);
  }

  @Override
  public int hashCode() {
    return certifierKeyId.hashCode() * 31 + Arrays.hashCode(paymentPublicKey);
  }

  @Override
  public String toString() {
    return "payment key " + paymentKeyId().shortHex() + " certified by "
        + certifierKeyId.shortHex();
  }

}
