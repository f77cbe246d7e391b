package org.artcash.core.pki;

import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.artcash.core.crypto.BlindRsa;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.Ecdsa;
import org.artcash.core.crypto.KeyAlgorithm;
import org.artcash.core.crypto.KeyId;
import org.artcash.core.crypto.P256;
import org.artcash.core.crypto.Sha256;

/**
 * An issuer-signed statement binding a public key to a role, attributes and a validity window.
 * Layout in docs/PROTOCOL.md ("Certificate", type 0x01). A root certificate signs itself.
 */
public final class Certificate {
  public static final int TYPE = 0x01;
  public static final int VERSION = 1;
  public static final int MAX_PUBLIC_KEY = 1100;
  public static final int MAX_ATTRIBUTES = 128;
  public static final int MAX_ENCODED = 1400;

  private final Bytes serial;
  private final CertRole role;
  private final KeyAlgorithm keyAlgorithm;
  private final byte[] publicKey;
  private final byte[] attributes;
  private final Instant notBefore;
  private final Instant notAfter;
  private final Bytes issuerKeyId;
  private final byte[] signature;
  private final byte[] body;

  private Certificate(Bytes serial, CertRole role, KeyAlgorithm keyAlgorithm, byte[] publicKey,
      byte[] attributes, Instant notBefore, Instant notAfter, Bytes issuerKeyId, byte[] signature,
      byte[] body) {
    this.serial = serial;
    this.role = role;
    this.keyAlgorithm = keyAlgorithm;
    this.publicKey = publicKey;
    this.attributes = attributes;
    this.notBefore = notBefore;
    this.notAfter = notAfter;
    this.issuerKeyId = issuerKeyId;
    this.signature = signature;
    this.body = body;
  }

  /** Signs a new certificate. For a root, pass the root's own signer and its own key as subject. */
  public static Certificate issue(EcSigner issuer, Bytes serial, CertRole role,
      KeyAlgorithm keyAlgorithm, byte[] subjectPublicKey, byte[] attributes, Instant notBefore,
      Instant notAfter) {
    Objects.requireNonNull(issuer, "issuer");
    if (serial.length() != 16) {
      throw new IllegalArgumentException("serial is 16 bytes");
    }
    if (!notAfter.isAfter(notBefore)) {
      throw new IllegalArgumentException("notAfter must be after notBefore");
    }
    Bytes issuerKeyId = KeyId.of(KeyAlgorithm.EC_P256, issuer.publicKey());
    byte[] body = encodeBody(serial, role, keyAlgorithm, subjectPublicKey, attributes, notBefore,
        notAfter, issuerKeyId);
    byte[] sig = issuer.sign(body);
    return new Certificate(serial, role, keyAlgorithm, subjectPublicKey.clone(), attributes.clone(),
        notBefore, notAfter, issuerKeyId, sig, body);
  }

  private static byte[] encodeBody(Bytes serial, CertRole role, KeyAlgorithm alg, byte[] pk,
      byte[] attributes, Instant notBefore, Instant notAfter, Bytes issuerKeyId) {
    return new Encoder().u8(TYPE).u8(VERSION)
        .fixed(serial, 16)
        .u8(role.code())
        .u8(alg.code())
        .var(pk, MAX_PUBLIC_KEY)
        .var(attributes, MAX_ATTRIBUTES)
        .time(notBefore)
        .time(notAfter)
        .fixed(issuerKeyId, KeyId.LENGTH)
        .toByteArray();
  }

  public static Certificate decode(byte[] encoded) throws ArtcashException {
    Decoder d = Decoder.of(encoded, "certificate");
    if (encoded.length > MAX_ENCODED) {
      throw new ArtcashException(Reason.TOO_LARGE, "certificate of " + encoded.length
          + " bytes is larger than the " + MAX_ENCODED + " allowed");
    }
    d.header(TYPE, VERSION);
    Bytes serial = d.fixedBytes(16, "serial");
    CertRole role = CertRole.fromCode(d.u8("role"));
    KeyAlgorithm alg = KeyAlgorithm.fromCode(d.u8("key algorithm"));
    byte[] pk = d.var(MAX_PUBLIC_KEY, "public key");
    byte[] attributes = d.var(MAX_ATTRIBUTES, "attributes");
    Instant notBefore = d.time("not before");
    Instant notAfter = d.time("not after");
    if (!notAfter.isAfter(notBefore)) {
      throw d.malformed("not after", "validity window is empty");
    }
    Bytes issuerKeyId = d.fixedBytes(KeyId.LENGTH, "issuer key id");
    byte[] body = d.slice(0);
    byte[] sig = d.fixed(Ecdsa.SIGNATURE_LENGTH, "signature");
    d.finish();
    // Structure of the subject key is checked here so a certificate cannot exist with a bad key.
    switch (alg) {
      case EC_P256 -> P256.decode(pk);
      case RSA_BSSA_SHA384_PSS_RANDOMIZED -> BlindRsa.decodePublicKey(pk);
    }
    return new Certificate(serial, role, alg, pk, attributes, notBefore, notAfter, issuerKeyId, sig,
        body);
  }

  public byte[] encode() {
    byte[] out = Arrays.copyOf(body, body.length + signature.length);
    System.arraycopy(signature, 0, out, body.length, signature.length);
    return out;
  }

  /** The signed part (everything but the signature). */
  public byte[] body() {
    return body.clone();
  }

  /** Identifies this certificate by what was signed, never by its (malleable) signature. */
  public Bytes fingerprint() {
    return Sha256.digest(body);
  }

  public boolean verifySignature(byte[] issuerPublicKey) {
    return Ecdsa.verify(issuerPublicKey, body, signature);
  }

  public Bytes subjectKeyId() {
    return KeyId.of(keyAlgorithm, publicKey);
  }

  public boolean isSelfSigned() {
    return issuerKeyId.equals(subjectKeyId());
  }

  public boolean isValidAt(Instant t) {
    return !t.isBefore(notBefore) && !t.isAfter(notAfter);
  }

  public ECPublicKey ecPublicKey() throws ArtcashException {
    if (keyAlgorithm != KeyAlgorithm.EC_P256) {
      throw new ArtcashException(Reason.WRONG_ROLE, "certificate " + serial.shortHex()
          + " certifies an RSA key, an ECDSA P-256 key was expected");
    }
    return P256.decode(publicKey);
  }

  public RSAPublicKey rsaPublicKey() throws ArtcashException {
    if (keyAlgorithm != KeyAlgorithm.RSA_BSSA_SHA384_PSS_RANDOMIZED) {
      throw new ArtcashException(Reason.WRONG_ROLE, "certificate " + serial.shortHex()
          + " certifies an ECDSA key, a blind-signature RSA key was expected");
    }
    return BlindRsa.decodePublicKey(publicKey);
  }

  public Bytes serial() {
    return serial;
  }

  public CertRole role() {
    return role;
  }

  public KeyAlgorithm keyAlgorithm() {
    return keyAlgorithm;
  }

  public byte[] publicKey() {
    return publicKey.clone();
  }

  public byte[] attributes() {
    return attributes.clone();
  }

  public Instant notBefore() {
    return notBefore;
  }

  public Instant notAfter() {
    return notAfter;
  }

  public Bytes issuerKeyId() {
    return issuerKeyId;
  }

  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Certificate c && Arrays.equals(body, c.body);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return role + " certificate " + serial.shortHex() + " for key " + subjectKeyId().shortHex()
        + " valid " + notBefore + " to " + notAfter;
  }
}
