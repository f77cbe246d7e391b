package org.artcash.core.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;

/**
 * NIST P-256 keys in the form smart cards use: public keys as 65-byte uncompressed SEC1 points
 * (0x04 || X || Y), checked to lie on the curve when decoded.
 */
public final class P256 {
  public static final int PUBLIC_KEY_LENGTH = 65;
  public static final ECParameterSpec PARAMS;
  private static final BigInteger P;
  private static final BigInteger A;
  private static final BigInteger B;

  static {
    try {
      AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
      ap.init(new ECGenParameterSpec("secp256r1"));
      PARAMS = ap.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 is required by every JDK", e);
    }
    P = ((java.security.spec.ECFieldFp) PARAMS.getCurve().getField()).getP();
    A = PARAMS.getCurve().getA();
    B = PARAMS.getCurve().getB();
  }

  private P256() {}

  public static KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 key generation failed", e);
    }
  }

  public static byte[] encode(ECPublicKey key) {
    byte[] out = new byte[PUBLIC_KEY_LENGTH];
    out[0] = 0x04;
    writeFixed(key.getW().getAffineX(), out, 1);
    writeFixed(key.getW().getAffineY(), out, 33);
    return out;
  }

  /** Decodes and validates an uncompressed point: right length, prefix 0x04, on the curve. */
  public static ECPublicKey decode(byte[] encoded) throws ArtcashException {
    if (encoded == null || encoded.length != PUBLIC_KEY_LENGTH || encoded[0] != 0x04) {
      throw new ArtcashException(Reason.MALFORMED,
          "a P-256 public key is 65 bytes starting with 0x04 (uncompressed point)");
    }
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(encoded, 1, 33));
    BigInteger y = new BigInteger(1, Arrays.copyOfRange(encoded, 33, 65));
    if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0
        || !y.multiply(y).subtract(x.pow(3).add(A.multiply(x)).add(B)).mod(P).equals(BigInteger.ZERO)) {
      throw new ArtcashException(Reason.MALFORMED, "the public key is not a point on P-256");
    }
    try {
      return (ECPublicKey) KeyFactory.getInstance("EC")
          .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), PARAMS));
    } catch (GeneralSecurityException e) {
      throw new ArtcashException(Reason.MALFORMED, "the public key is not a valid P-256 key", e);
    }
  }

  static void writeFixed(BigInteger v, byte[] out, int offset) {
    byte[] raw = v.toByteArray();
    int start = raw.length > 32 ? raw.length - 32 : 0;
    int n = raw.length - start;
    Arrays.fill(out, offset, offset + 32 - n, (byte) 0);
    System.arraycopy(raw, start, out, offset + 32 - n, n);
  }
}
