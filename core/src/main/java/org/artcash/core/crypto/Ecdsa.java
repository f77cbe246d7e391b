package org.artcash.core.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.artcash.core.ArtcashException;

/**
 * ECDSA P-256 with SHA-256, signatures as 64 bytes r||s. Verification fails closed: a wrong length,
 * r or s out of range, or any provider exception means "not valid". ECDSA is malleable, so nothing
 * in artcash identifies an object by its signature bytes (STYLE.md).
 */
public final class Ecdsa {
  public static final int SIGNATURE_LENGTH = 64;
  private static final String ALG = "SHA256withECDSAinP1363Format";
  private static final BigInteger N = P256.PARAMS.getOrder();

  private Ecdsa() {}

  public static byte[] sign(PrivateKey key, byte[] message, SecureRandom random) {
    try {
      Signature s = Signature.getInstance(ALG);
      s.initSign(key, random);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ECDSA signing failed", e);
    }
  }

  public static boolean verify(ECPublicKey key, byte[] message, byte[] signature) {
    if (signature == null || signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
    if (r.signum() == 0 || s.signum() == 0 || r.compareTo(N) >= 0 || s.compareTo(N) >= 0) {
      return false;
    }
    try {
      Signature v = Signature.getInstance(ALG);
      v.initVerify(key);
      v.update(message);
      return v.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** Verifies against an encoded 65-byte public key; a malformed key is simply "not valid". */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    try {
      return verify(P256.decode(publicKey), message, signature);
    } catch (ArtcashException e) {
      return false;
    }
  }

  /** A signer over a software private key. */
  public static EcSigner softwareSigner(ECPrivateKey priv, ECPublicKey pub, SecureRandom random) {
    byte[] encoded = P256.encode(pub);
    return new EcSigner() {
      @Override
      public byte[] publicKey() {
        return encoded.clone();
      }

      @Override
      public byte[] sign(byte[] message) {
        return Ecdsa.sign(priv, message, random);
      }
    };
  }
}
