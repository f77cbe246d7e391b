package org.artcash.monebox.applet;

/**
 * Arithmetic modulo the P-256 prime, only to check that a point a host sends lies on the curve
 * before the card does ECDH with it (not every card checks; jCardSim does not). Multiplication is
 * double-and-add: slow (a second or so on a card) but needed only when binding or personalising.
 * Works in a 160-byte window of the scratch.
 */
public final class Fp {
  public static final short WINDOW = 160;
  private static final short L = 32;

  private Fp() {}

  /** True when {@code pt} is 0x04 || X || Y with X, Y < p and Y^2 = X^3 - 3X + B (mod p). */
  public static boolean onCurve(byte[] pt, short off, byte[] s, short w) {
    if (pt[off] != 0x04) {
      return false;
    }
    short x = (short) (off + 1);
    short y = (short) (off + 33);
    if (Num.cmp(pt, x, P256.P, (short) 0, L) >= 0 || Num.cmp(pt, y, P256.P, (short) 0, L) >= 0) {
      return false;
    }
    short xs = w;
    short t = (short) (w + L);
    short u = (short) (w + 2 * L);
    short v = (short) (w + 3 * L);
    short ys = (short) (w + 4 * L);
    Num.copy(pt, x, s, xs, L);
    Num.copy(pt, y, s, ys, L);
    mul(s, xs, xs, t, v); // x^2
    mul(s, t, xs, u, v); // x^3
    // u = x^3 + a*x + b with a = -3
    addMod(s, xs, xs, t); // 2x
    addMod(s, t, xs, t); // 3x
    subMod(s, u, t, u);
    Num.copy(P256.B, (short) 0, s, t, L);
    addMod(s, u, t, u);
    mul(s, ys, ys, t, v); // y^2
    return Num.cmp(s, u, s, t, L) == 0;
  }

  /** out = a * b mod p by double-and-add; {@code tmp} is a 32-byte register; out != a, b. */
  static void mul(byte[] s, short a, short b, short out, short tmp) {
    javacard.framework.Util.arrayFillNonAtomic(s, out, L, (byte) 0);
    for (short i = 0; i < L; i++) {
      short bits = (short) (s[(short) (b + i)] & 0xFF);
      for (short k = 7; k >= 0; k--) {
        addMod(s, out, out, out);
        if (((bits >> k) & 1) != 0) {
          addMod(s, out, a, out);
        }
      }
    }
  }

  /** out = a + b mod p for a, b < p; out may alias. */
  static void addMod(byte[] s, short a, short b, short out) {
    short carry = Num.add(s, a, s, b, s, out, L);
    if (carry != 0 || Num.cmp(s, out, P256.P, (short) 0, L) >= 0) {
      Num.sub(s, out, P256.P, (short) 0, s, out, L);
    }
  }

  /** out = a - b mod p for a, b < p; out may alias. */
  static void subMod(byte[] s, short a, short b, short out) {
    if (Num.sub(s, a, s, b, s, out, L) != 0) {
      Num.add(s, out, P256.P, (short) 0, s, out, L);
    }
  }
}
