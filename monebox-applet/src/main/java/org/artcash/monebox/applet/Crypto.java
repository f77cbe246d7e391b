package org.artcash.monebox.applet;

import javacard.framework.Util;
import javacard.security.ECPublicKey;
import javacard.security.KeyAgreement;
import javacard.security.KeyBuilder;
import javacard.security.MessageDigest;
import javacard.security.PrivateKey;
import javacard.security.RandomData;
import javacard.security.Signature;

/**
 * The applet's P-256 and SHA-256 work: ECDSA with artcash's 64-byte r||s signatures, key ids,
 * HMAC-SHA256 built from the SHA-256 digest (the binding key lives in EEPROM as bytes, so no HMAC
 * key object is rewritten per payment), and ECDH. Uses a 256-byte window of the transient scratch.
 */
public final class Crypto {
  public static final short SIG = 64;
  public static final short KEY_ID = 16;
  public static final short WINDOW = 256;
  private static final byte[] KEY_LABEL = {'a', 'r', 't', 'c', 'a', 's', 'h', '-', 'k', 'e', 'y'};

  private final byte[] s;
  private final short w;
  final MessageDigest sha256;
  final RandomData random;
  private final Signature ecdsa;
  private final ECPublicKey verifyKey;
  private final KeyAgreement ecdh;

  public Crypto(byte[] scratch, short base) {
    s = scratch;
    w = base;
    sha256 = MessageDigest.getInstance(MessageDigest.ALG_SHA_256, false);
    random = RandomData.getInstance(RandomData.ALG_TRNG);
    ecdsa = Signature.getInstance(Signature.ALG_ECDSA_SHA_256, false);
    verifyKey = (ECPublicKey) KeyBuilder.buildKey(KeyBuilder.TYPE_EC_FP_PUBLIC,
        KeyBuilder.LENGTH_EC_FP_256, false);
    P256.setCurve(verifyKey);
    ecdh = KeyAgreement.getInstance(KeyAgreement.ALG_EC_SVDP_DH_PLAIN, false);
  }

  /**
   * Verifies a 64-byte r||s signature over {@code msg} with a 65-byte public key; fails closed:
   * r or s outside [1, n), a key the card rejects, or any card exception mean "not valid".
   */
  public boolean verify(byte[] pub, short pOff, byte[] msg, short mOff, short mLen, byte[] sig,
      short sOff) {
    if (pub[pOff] != 0x04 || !inRange(sig, sOff) || !inRange(sig, (short) (sOff + 32))) {
      return false;
    }
    try {
      verifyKey.setW(pub, pOff, P256.POINT_LENGTH);
      ecdsa.init(verifyKey, Signature.MODE_VERIFY);
      short derLen = Der.fromP1363(sig, sOff, s, w);
      return ecdsa.verify(msg, mOff, mLen, s, w, derLen);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean inRange(byte[] v, short off) {
    return !Num.isZero(v, off, (short) 32)
        && Num.cmp(v, off, P256.N, (short) 0, (short) 32) < 0;
  }

  /** Signs {@code msg}; writes the 64-byte r||s at {@code out}. */
  public void sign(PrivateKey key, byte[] msg, short mOff, short mLen, byte[] out, short oOff) {
    ecdsa.init(key, Signature.MODE_SIGN);
    short derLen = ecdsa.sign(msg, mOff, mLen, s, w);
    if (!Der.toP1363(s, w, derLen, out, oOff)) {
      javacard.framework.ISOException.throwIt(Sw.UNKNOWN);
    }
  }

  /** The 16-byte key id: SHA-256("artcash-key" || alg || key)[0..16). */
  public void keyId(byte alg, byte[] key, short kOff, short kLen, byte[] out, short oOff) {
    sha256.reset();
    sha256.update(KEY_LABEL, (short) 0, (short) KEY_LABEL.length);
    s[w] = alg;
    sha256.update(s, w, (short) 1);
    sha256.doFinal(key, kOff, kLen, s, w);
    Util.arrayCopyNonAtomic(s, w, out, oOff, KEY_ID);
  }

  /** SHA-256 of one range, 32 bytes at {@code out}. */
  public void hash(byte[] in, short off, short len, byte[] out, short oOff) {
    sha256.reset();
    sha256.doFinal(in, off, len, out, oOff);
  }

  /** HMAC-SHA256 (RFC 2104) with a 32-byte key; the 32-byte tag at {@code out}. */
  public void hmac(byte[] key, short kOff, byte[] msg, short mOff, short mLen, byte[] out,
      short oOff) {
    pad(key, kOff, (byte) 0x36);
    sha256.reset();
    sha256.update(s, w, (short) 64);
    sha256.doFinal(msg, mOff, mLen, s, (short) (w + 64));
    pad(key, kOff, (byte) 0x5C);
    sha256.reset();
    sha256.update(s, w, (short) 64);
    sha256.doFinal(s, (short) (w + 64), (short) 32, out, oOff);
    Util.arrayFillNonAtomic(s, w, (short) 96, (byte) 0);
  }

  private void pad(byte[] key, short kOff, byte fill) {
    Util.arrayFillNonAtomic(s, w, (short) 64, fill);
    for (short i = 0; i < 32; i++) {
      s[(short) (w + i)] ^= key[(short) (kOff + i)];
    }
  }

  /**
   * ECDH x-coordinate (32 bytes at {@code out}) of our private key and a peer's 65-byte point;
   * false when the card refuses the point (not on the curve).
   */
  public boolean agree(PrivateKey own, byte[] peer, short pOff, byte[] out, short oOff) {
    if (peer[pOff] != 0x04) {
      return false;
    }
    try {
      ecdh.init(own);
      return ecdh.generateSecret(peer, pOff, P256.POINT_LENGTH, out, oOff) == 32;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Constant-time comparison of {@code len} bytes. */
  public static boolean equal(byte[] a, short aOff, byte[] b, short bOff, short len) {
    short diff = 0;
    for (short i = 0; i < len; i++) {
      diff |= (short) (a[(short) (aOff + i)] ^ b[(short) (bOff + i)]);
    }
    return diff == 0;
  }
}
