package org.artcash.monebox.applet;

import javacard.framework.Util;
import javacard.security.KeyBuilder;
import javacard.security.MessageDigest;
import javacard.security.RSAPublicKey;
import javacard.security.RandomData;
import javacardx.crypto.Cipher;

/**
 * RFC 9474 RSABSSA-SHA384-PSS-Randomized on a card, for 2048-bit certifier keys: EMSA-PSS encoding
 * and verification (SHA-384, MGF1-SHA384, 48-byte salt) in applet code, the RSA public operation
 * with {@code ALG_RSA_NOPAD}, and the blinding product {@code m * r^e mod n} from two squarings,
 * {@code a*b = ((a+b)^2 - (a-b)^2) / 4 mod n}, each a NOPAD operation with exponent 2 (the trick
 * JCMathLib uses, since Java Card has no modular multiplication).
 *
 * <p>Works in a 1664-byte window of the applet's transient scratch: the modulus and five 256-byte
 * registers, then 128 bytes for hashing.
 */
public final class BlindRsa {
  public static final short K = 256;
  public static final short HASH = 48;
  public static final short SALT = 48;
  public static final short PREFIX = 32;
  /** emLen - hLen - 1: the masked data block of a 2048-bit EMSA-PSS encoding. */
  private static final short DB = (short) (K - HASH - 1);
  /** Zero bytes before the 0x01 separator in the data block. */
  private static final short PS = (short) (DB - SALT - 1);
  public static final short WINDOW = (short) (6 * K + 128);

  private final byte[] s;
  private final short n;
  /** Registers; callers may read T1 (results) and use T2/T3 between calls. */
  public final short t1;
  public final short t2;
  public final short t3;
  private final short ta;
  private final short tb;
  private final short h;

  private final RSAPublicKey key;
  private final RSAPublicKey square;
  private final Cipher pub;
  private final Cipher sq;
  private final MessageDigest sha384;

  public BlindRsa(byte[] scratch, short base) {
    s = scratch;
    n = base;
    t1 = (short) (base + K);
    t2 = (short) (base + 2 * K);
    t3 = (short) (base + 3 * K);
    ta = (short) (base + 4 * K);
    tb = (short) (base + 5 * K);
    h = (short) (base + 6 * K);
    key = (RSAPublicKey) KeyBuilder.buildKey(KeyBuilder.TYPE_RSA_PUBLIC, KeyBuilder.LENGTH_RSA_2048,
        false);
    square = (RSAPublicKey) KeyBuilder.buildKey(KeyBuilder.TYPE_RSA_PUBLIC,
        KeyBuilder.LENGTH_RSA_2048, false);
    pub = Cipher.getInstance(Cipher.ALG_RSA_NOPAD, false);
    sq = Cipher.getInstance(Cipher.ALG_RSA_NOPAD, false);
    sha384 = MessageDigest.getInstance(MessageDigest.ALG_SHA_384, false);
  }

  /**
   * Loads a certifier key; false when this card cannot use it (only a 2048-bit modulus with its
   * top bit set, and an exponent of 1 to 4 bytes).
   */
  public boolean load(byte[] mod, short mOff, short mLen, byte[] exp, short eOff, short eLen) {
    if (mLen != K || (mod[mOff] & 0x80) == 0 || eLen < 1 || eLen > 4) {
      return false;
    }
    Util.arrayCopyNonAtomic(mod, mOff, s, n, K);
    key.setModulus(mod, mOff, mLen);
    key.setExponent(exp, eOff, eLen);
    square.setModulus(mod, mOff, mLen);
    s[h] = 2;
    square.setExponent(s, h, (short) 1);
    pub.init(key, Cipher.MODE_ENCRYPT);
    sq.init(square, Cipher.MODE_ENCRYPT);
    return true;
  }

  /** out = x^e mod n for a K-byte x below n (both in scratch). */
  private void publicOp(short x, short out) {
    pub.doFinal(s, x, K, s, out);
  }

  /** out = x * y mod n; x, y < n in scratch; y is overwritten; out may be x. */
  public void modMult(short x, short y, short out) {
    if (Num.add(s, x, s, y, s, ta, K) != 0 || Num.cmp(s, ta, s, n, K) >= 0) {
      Num.sub(s, ta, s, n, s, ta, K);
    }
    if (Num.cmp(s, x, s, y, K) >= 0) {
      Num.sub(s, x, s, y, s, tb, K);
    } else {
      Num.sub(s, y, s, x, s, tb, K);
    }
    sq.doFinal(s, ta, K, s, y); // (x+y)^2
    sq.doFinal(s, tb, K, s, ta); // (x-y)^2
    if (Num.sub(s, y, s, ta, s, out, K) != 0) {
      Num.add(s, out, s, n, s, out, K); // the carry out cancels the borrow
    }
    halfMod(out);
    halfMod(out);
  }

  /** a = a / 2 mod n (n odd): an odd a becomes even by adding n first. */
  private void halfMod(short a) {
    short top = 0;
    if ((s[(short) (a + K - 1)] & 1) != 0) {
      top = Num.add(s, a, s, n, s, a, K);
    }
    Num.half(s, a, K, top);
  }

  /** SHA-384(prefix || message) into scratch at {@code out}. */
  private void messageHash(byte[] prefix, short pOff, byte[] msg, short mOff, short mLen,
      short out) {
    sha384.reset();
    sha384.update(prefix, pOff, PREFIX);
    sha384.doFinal(msg, mOff, mLen, s, out);
  }

  /** MGF1-SHA384 of the 48-byte seed at {@code seed}: DB bytes (rounded up to 240) at {@code out}. */
  private void mgf1(short seed, short out) {
    Util.arrayCopyNonAtomic(s, seed, s, h, HASH);
    Util.arrayFillNonAtomic(s, (short) (h + HASH), (short) 4, (byte) 0);
    for (short c = 0; (short) (c * HASH) < DB; c++) {
      s[(short) (h + HASH + 3)] = (byte) c;
      sha384.reset();
      sha384.doFinal(s, h, (short) (HASH + 4), s, (short) (out + c * HASH));
    }
  }

  /**
   * RFC 9474 Blind for the message {@code prefix || msg}: EMSA-PSS-ENCODE with a fresh salt, a
   * fresh r below n, and z = encoded * r^e mod n. Afterwards z is at {@link #t1} and r at
   * {@link #t2} in scratch.
   */
  public void blind(byte[] prefix, short pOff, byte[] msg, short mOff, short mLen,
      RandomData random) {
    // M' = 0^8 || mHash || salt; H = SHA-384(M')
    Util.arrayFillNonAtomic(s, h, (short) 8, (byte) 0);
    messageHash(prefix, pOff, msg, mOff, mLen, (short) (h + 8));
    random.nextBytes(s, (short) (h + 8 + HASH), SALT);
    // DB = PS || 0x01 || salt, built in t1 while the salt is still in place
    Util.arrayFillNonAtomic(s, t1, PS, (byte) 0);
    s[(short) (t1 + PS)] = 1;
    Util.arrayCopyNonAtomic(s, (short) (h + 8 + HASH), s, (short) (t1 + PS + 1), SALT);
    sha384.reset();
    sha384.doFinal(s, h, (short) (8 + HASH + SALT), s, tb); // H
    mgf1(tb, t3);
    for (short i = 0; i < DB; i++) {
      s[(short) (t1 + i)] ^= s[(short) (t3 + i)];
    }
    s[t1] &= 0x7F; // emBits = modBits - 1
    Util.arrayCopyNonAtomic(s, tb, s, (short) (t1 + DB), HASH);
    s[(short) (t1 + K - 1)] = (byte) 0xBC;
    // r uniform below 2^2047 <= n; zero has probability 2^-2047
    random.nextBytes(s, t2, K);
    s[t2] &= 0x7F;
    publicOp(t2, t3); // r^e
    modMult(t1, t3, t1);
  }

  /**
   * RSASSA-PSS verification (RFC 8017 sec. 8.1.2, EMSA-PSS-VERIFY with SHA-384 and a 48-byte salt)
   * of {@code sig} over {@code prefix || msg} under the loaded key; fails closed.
   */
  public boolean verify(byte[] sig, short sOff, short sLen, byte[] prefix, short pOff, byte[] msg,
      short mOff, short mLen) {
    if (sLen != K) {
      return false;
    }
    Util.arrayCopyNonAtomic(sig, sOff, s, t1, K);
    if (Num.cmp(s, t1, s, n, K) >= 0) {
      return false;
    }
    publicOp(t1, t2); // EM
    if (s[(short) (t2 + K - 1)] != (byte) 0xBC || (s[t2] & 0x80) != 0) {
      return false;
    }
    mgf1((short) (t2 + DB), t3);
    for (short i = 0; i < DB; i++) {
      s[(short) (t3 + i)] ^= s[(short) (t2 + i)];
    }
    s[t3] &= 0x7F;
    if (!Num.isZero(s, t3, PS) || s[(short) (t3 + PS)] != 1) {
      return false;
    }
    Util.arrayFillNonAtomic(s, h, (short) 8, (byte) 0);
    messageHash(prefix, pOff, msg, mOff, mLen, (short) (h + 8));
    Util.arrayCopyNonAtomic(s, (short) (t3 + PS + 1), s, (short) (h + 8 + HASH), SALT);
    sha384.reset();
    sha384.doFinal(s, h, (short) (8 + HASH + SALT), s, ta);
    return Util.arrayCompare(s, ta, s, (short) (t2 + DB), HASH) == 0;
  }

  /** The scratch array this works in (for callers that read results). */
  public byte[] scratch() {
    return s;
  }
}
