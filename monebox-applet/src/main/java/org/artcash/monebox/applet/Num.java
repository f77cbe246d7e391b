package org.artcash.monebox.applet;

/**
 * Unsigned big-endian arithmetic on byte arrays, for a card without {@code long}: 64-bit amounts
 * and times, 32-bit counters, and the 2048-bit numbers of blind RSA. Every method works on the
 * arrays in place and allocates nothing.
 */
public final class Num {
  private Num() {}

  /** Unsigned compare of two {@code len}-byte numbers: -1, 0 or 1. */
  public static short cmp(byte[] a, short aOff, byte[] b, short bOff, short len) {
    for (short i = 0; i < len; i++) {
      short x = (short) (a[(short) (aOff + i)] & 0xFF);
      short y = (short) (b[(short) (bOff + i)] & 0xFF);
      if (x != y) {
        return x < y ? (short) -1 : (short) 1;
      }
    }
    return 0;
  }

  public static boolean isZero(byte[] a, short off, short len) {
    for (short i = 0; i < len; i++) {
      if (a[(short) (off + i)] != 0) {
        return false;
      }
    }
    return true;
  }

  /** out = a + b over {@code len} bytes; returns the carry out (0 or 1). {@code out} may alias. */
  public static short add(byte[] a, short aOff, byte[] b, short bOff, byte[] out, short oOff,
      short len) {
    short carry = 0;
    for (short i = (short) (len - 1); i >= 0; i--) {
      short s = (short) ((a[(short) (aOff + i)] & 0xFF) + (b[(short) (bOff + i)] & 0xFF) + carry);
      out[(short) (oOff + i)] = (byte) s;
      carry = (short) ((s >> 8) & 1);
    }
    return carry;
  }

  /** out = a - b over {@code len} bytes; returns the borrow (0 or 1). {@code out} may alias. */
  public static short sub(byte[] a, short aOff, byte[] b, short bOff, byte[] out, short oOff,
      short len) {
    short borrow = 0;
    for (short i = (short) (len - 1); i >= 0; i--) {
      short d = (short) ((a[(short) (aOff + i)] & 0xFF) - (b[(short) (bOff + i)] & 0xFF) - borrow);
      out[(short) (oOff + i)] = (byte) d;
      borrow = (short) (d < 0 ? 1 : 0);
    }
    return borrow;
  }

  /** Shifts a {@code len}-byte number right by one bit, {@code topBit} (0 or 1) entering on top. */
  public static void half(byte[] a, short off, short len, short topBit) {
    short in = topBit;
    for (short i = 0; i < len; i++) {
      short v = (short) (a[(short) (off + i)] & 0xFF);
      a[(short) (off + i)] = (byte) ((v >> 1) | (in << 7));
      in = (short) (v & 1);
    }
  }

  /**
   * out = a + b for artcash u64 values (top bit clear); returns false on overflow, when the sum
   * needs the top bit: the encoding has no such values (docs/PROTOCOL.md sec. 1).
   */
  public static boolean add64(byte[] a, short aOff, byte[] b, short bOff, byte[] out, short oOff) {
    short carry = add(a, aOff, b, bOff, out, oOff, (short) 8);
    return carry == 0 && (out[oOff] & 0x80) == 0;
  }

  /** out = a - b for u64 values; returns false when b > a (nothing is written then). */
  public static boolean sub64(byte[] a, short aOff, byte[] b, short bOff, byte[] out, short oOff) {
    if (cmp(a, aOff, b, bOff, (short) 8) < 0) {
      return false;
    }
    sub(a, aOff, b, bOff, out, oOff, (short) 8);
    return true;
  }

  /** Adds one to a {@code len}-byte counter; returns false if it would wrap to zero. */
  public static boolean increment(byte[] a, short off, short len) {
    for (short i = (short) (len - 1); i >= 0; i--) {
      byte v = (byte) (a[(short) (off + i)] + 1);
      a[(short) (off + i)] = v;
      if (v != 0) {
        return true;
      }
    }
    return false;
  }

  /** Unsigned compare of two u16 values held in shorts. */
  public static short cmpU16(short a, short b) {
    short x = (short) (a ^ (short) 0x8000);
    short y = (short) (b ^ (short) 0x8000);
    return x < y ? (short) -1 : (x == y ? (short) 0 : (short) 1);
  }

  /** The larger of two u64 values, copied to {@code out} (which may alias either). */
  public static void max64(byte[] a, short aOff, byte[] b, short bOff, byte[] out, short oOff) {
    if (cmp(a, aOff, b, bOff, (short) 8) >= 0) {
      copy(a, aOff, out, oOff, (short) 8);
    } else {
      copy(b, bOff, out, oOff, (short) 8);
    }
  }

  /** A copy that tolerates overlap and never uses the transaction journal of a card. */
  public static void copy(byte[] src, short sOff, byte[] dst, short dOff, short len) {
    javacard.framework.Util.arrayCopyNonAtomic(src, sOff, dst, dOff, len);
  }
}
