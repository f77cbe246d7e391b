package org.artcash.core.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.engines.RSABlindingEngine;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.params.RSABlindingParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.signers.RSABlindSignatureServer;
import org.bouncycastle.util.BigIntegers;

/**
 * RSA blind signatures, RFC 9474 variant RSABSSA-SHA384-PSS-Randomized: SHA-384, MGF1-SHA384,
 * 48-byte salt, and a random 32-byte prefix so the signer never sees a message it chose itself.
 */
public final class BlindRsa {
  public static final int PREFIX_LENGTH = 32;
  public static final int MIN_MODULUS_BITS = 2048;
  private static final int SALT_LENGTH = 48;
  private static final int MAX_FIELD_BYTES = 2048; // 16384-bit modulus, far above any real key
  private static final String KEY_NAME = "RSA blind-signature public key";

  /** Client-side state of one blinding: keep secret until finalize. */
  public record Blinding(byte[] prefix, byte[] blindedMessage, byte[] inverse) {}

  private BlindRsa() {}

  public static KeyPair generateKeyPair(int modulusBits, SecureRandom random) {
    if (modulusBits < MIN_MODULUS_BITS) {
      throw new IllegalArgumentException("an RSA blind-signature key needs at least "
          + MIN_MODULUS_BITS + " bits, not " + modulusBits);
    }
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(new RSAKeyGenParameterSpec(modulusBits, RSAKeyGenParameterSpec.F4), random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA key generation failed", e);
    }
  }

  /**
   * Public key encoding: u16 length + modulus (big-endian unsigned, no leading zero byte) + u16
   * length + exponent.
   */
  public static byte[] encodePublicKey(RSAPublicKey key) {
    return new Encoder()
        .var(BigIntegers.asUnsignedByteArray(key.getModulus()), MAX_FIELD_BYTES)
        .var(BigIntegers.asUnsignedByteArray(key.getPublicExponent()), MAX_FIELD_BYTES)
        .toByteArray();
  }

  /** Strict inverse of {@link #encodePublicKey}: one encoding per key, only keys fit for use. */
  public static RSAPublicKey decodePublicKey(byte[] encoded) throws ArtcashException {
    Decoder d = Decoder.of(encoded, KEY_NAME);
    BigInteger n = unsigned(d, "modulus");
    BigInteger e = unsigned(d, "exponent");
    d.finish();
    if (n.bitLength() < MIN_MODULUS_BITS) {
      throw d.malformed("modulus", "is " + n.bitLength() + " bits; at least " + MIN_MODULUS_BITS
          + " are required, so ask the issuer for a stronger key");
    }
    if (!n.testBit(0)) {
      throw d.malformed("modulus", "is even, so it is not an RSA modulus");
    }
    if (!e.testBit(0) || e.compareTo(BigInteger.ONE) <= 0 || e.compareTo(n) >= 0) {
      throw d.malformed("exponent", "must be odd, greater than 1 and less than the modulus");
    }
    try {
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    } catch (GeneralSecurityException ex) {
      throw new ArtcashException(Reason.MALFORMED, KEY_NAME + ": not a valid RSA key", ex);
    }
  }

  /** RFC 9474 Prepare (random 32-byte prefix) + Blind. */
  public static Blinding blind(RSAPublicKey key, byte[] message, SecureRandom random)
      throws ArtcashException {
    BigInteger n = key.getModulus();
    byte[] prefix = new byte[PREFIX_LENGTH]; // RFC 9474 sec. 4.1 Prepare, randomized variant
    random.nextBytes(prefix);
    byte[] salt = new byte[SALT_LENGTH];
    random.nextBytes(salt);
    BigInteger r; // RFC 9474 sec. 4.2: r uniform in [1, n), invertible mod n
    do {
      r = new BigInteger(n.bitLength(), random);
    } while (r.signum() == 0 || r.compareTo(n) >= 0 || !r.gcd(n).equals(BigInteger.ONE));
    return blind(key, message, prefix, salt, r);
  }

  /** The deterministic core of {@link #blind(RSAPublicKey, byte[], SecureRandom)}, for the KAT. */
  static Blinding blind(RSAPublicKey key, byte[] message, byte[] prefix, byte[] salt, BigInteger r)
      throws ArtcashException {
    BigInteger n = key.getModulus();
    if (n.bitLength() < MIN_MODULUS_BITS) {
      throw new ArtcashException(Reason.MALFORMED, "the issuer's RSA key is " + n.bitLength()
          + " bits; at least " + MIN_MODULUS_BITS + " are required before blinding for it");
    }
    // RFC 9474 sec. 4.2: m = EMSA-PSS-ENCODE(prefix||msg), x = m * r^e mod n. BC's PSSSigner over
    // RSABlindingEngine does both (emBits = bits(n) - 1, as RFC 8017 verification expects); the
    // salt is passed in so that all randomness comes from the caller.
    PSSSigner pss =
        new PSSSigner(new RSABlindingEngine(), new SHA384Digest(), new SHA384Digest(), salt);
    pss.init(true, new RSABlindingParameters(publicParams(key), r));
    pss.update(prefix, 0, prefix.length);
    pss.update(message, 0, message.length);
    BigInteger z;
    try {
      z = new BigInteger(1, pss.generateSignature());
    } catch (CryptoException e) {
      throw new IllegalStateException(
          "EMSA-PSS encoding failed for a " + n.bitLength() + "-bit key", e);
    }
    // Sec. 4.2: m must be coprime with n ("invalid input"); r is, so z is exactly when m is.
    if (!z.gcd(n).equals(BigInteger.ONE)) {
      throw new ArtcashException(Reason.MALFORMED,
          "the encoded message shares a factor with the issuer's modulus; blind again");
    }
    int k = modulusLength(key);
    return new Blinding(prefix.clone(), BigIntegers.asUnsignedByteArray(k, z),
        BigIntegers.asUnsignedByteArray(k, r.modInverse(n)));
  }

  /**
   * RFC 9474 BlindSign: checks the input length and range, signs, and verifies its own result (RFC
   * step).
   */
  public static byte[] blindSign(RSAPrivateCrtKey key, byte[] blindedMessage)
      throws ArtcashException {
    int k = BigIntegers.getUnsignedByteLength(key.getModulus());
    if (blindedMessage == null || blindedMessage.length != k) { // RFC 9474 sec. 4.3
      throw new ArtcashException(Reason.MALFORMED, "the blinded message is "
          + (blindedMessage == null ? "missing" : blindedMessage.length + " bytes")
          + "; this issuer key takes exactly " + k + " bytes (the modulus length)");
    }
    if (new BigInteger(1, blindedMessage).compareTo(key.getModulus()) >= 0) { // RSASP1 step 1
      throw new ArtcashException(Reason.MALFORMED,
          "the blinded message is not less than the issuer's modulus; blind it for this key");
    }
    // BC's server does sec. 4.3 as written: RSASP1 (with side-channel blinding and CRT), then
    // RSAVP1 on the result so a faulty signature (which would leak a factor of n) never leaves.
    RSAPrivateCrtKeyParameters sk = new RSAPrivateCrtKeyParameters(key.getModulus(),
        key.getPublicExponent(), key.getPrivateExponent(), key.getPrimeP(), key.getPrimeQ(),
        key.getPrimeExponentP(), key.getPrimeExponentQ(), key.getCrtCoefficient());
    try {
      return new RSABlindSignatureServer(sk).blindSign(blindedMessage);
    } catch (CryptoException e) {
      throw new IllegalStateException("the blind signature failed its own check:"
          + " the private key is corrupt or the signer faulted", e);
    }
  }

  /** RFC 9474 Finalize: unblinds and verifies; returns the signature over prefix||message. */
  public static byte[] finalizeSignature(RSAPublicKey key, byte[] message, Blinding blinding,
      byte[] blindSignature) throws ArtcashException {
    int k = modulusLength(key);
    if (blindSignature == null || blindSignature.length != k) { // RFC 9474 sec. 4.4
      throw new ArtcashException(Reason.MALFORMED, "the blind signature is "
          + (blindSignature == null ? "missing" : blindSignature.length + " bytes")
          + "; this issuer key gives exactly " + k + " bytes");
    }
    if (blinding.inverse().length != k || blinding.prefix().length != PREFIX_LENGTH) {
      throw new ArtcashException(Reason.MALFORMED,
          "the blinding state does not belong to this issuer key; blind the message again");
    }
    BigInteger n = key.getModulus();
    BigInteger s = new BigInteger(1, blindSignature)
        .multiply(new BigInteger(1, blinding.inverse())).mod(n); // s = z * inv mod n
    byte[] sig = BigIntegers.asUnsignedByteArray(k, s);
    if (!verify(key, blinding.prefix(), message, sig)) { // sec. 4.4: never return a bad sig
      throw new ArtcashException(Reason.BAD_SIGNATURE,
          "the issuer's blind signature does not verify under its public key:"
              + " it was made with another key or for another blinded message");
    }
    return sig;
  }

  /**
   * RSASSA-PSS (SHA-384, MGF1-SHA384, salt 48) verification of sig over prefix||message; fails
   * closed (any exception => false, wrong length => false).
   */
  public static boolean verify(RSAPublicKey key, byte[] prefix, byte[] message, byte[] signature) {
    try {
      // RFC 8017 sec. 8.1.2 step 1: the signature is exactly k bytes (BC would accept shorter).
      if (prefix.length != PREFIX_LENGTH || signature.length != modulusLength(key)) {
        return false;
      }
      PSSSigner pss =
          new PSSSigner(new RSAEngine(), new SHA384Digest(), new SHA384Digest(), SALT_LENGTH);
      pss.init(false, publicParams(key));
      pss.update(prefix, 0, prefix.length);
      pss.update(message, 0, message.length);
      return pss.verifySignature(signature);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** A u16-prefixed unsigned big-endian number; a leading zero would be a second encoding. */
  private static BigInteger unsigned(Decoder d, String field) throws ArtcashException {
    byte[] v = d.var(MAX_FIELD_BYTES, field);
    if (v.length > 0 && v[0] == 0) {
      throw d.nonCanonical(field,
          "starts with a zero byte; write the number without leading zeros");
    }
    return new BigInteger(1, v);
  }

  private static RSAKeyParameters publicParams(RSAPublicKey key) {
    return new RSAKeyParameters(false, key.getModulus(), key.getPublicExponent());
  }

  private static int modulusLength(RSAPublicKey key) {
    return BigIntegers.getUnsignedByteLength(key.getModulus());
  }
}
