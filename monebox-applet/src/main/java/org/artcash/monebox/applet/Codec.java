package org.artcash.monebox.applet;

import javacard.framework.ISOException;
import javacard.framework.JCSystem;

/**
 * A strict reader of the canonical artcash encoding (docs/PROTOCOL.md sec. 1) over a byte array,
 * failing with the reason's status word: truncated, trailing bytes, wrong type or version, over-long
 * length, non-canonical value. Field readers return the offset of the field; nothing is copied.
 * The cursor lives in transient memory, so reading writes no EEPROM.
 */
public final class Codec {
  /** 9999-12-31T23:59:59Z, the last time the encoding carries. */
  private static final byte[] MAX_TIME = {0, 0, 0, 0x3A, (byte) 0xFF, (byte) 0xF4, 0x41, 0x7F};

  private final Object[] in;
  /** pos, end, length of the last var field. */
  private final short[] st;

  public Codec() {
    in = JCSystem.makeTransientObjectArray((short) 1, JCSystem.CLEAR_ON_DESELECT);
    st = JCSystem.makeTransientShortArray((short) 3, JCSystem.CLEAR_ON_DESELECT);
  }

  public void open(byte[] buf, short off, short len) {
    in[0] = buf;
    st[0] = off;
    st[1] = (short) (off + len);
  }

  public byte[] buf() {
    return (byte[]) in[0];
  }

  public short pos() {
    return st[0];
  }

  public short remaining() {
    return (short) (st[1] - st[0]);
  }

  /** Length of the last {@link #var} field read. */
  public short lastLength() {
    return st[2];
  }

  private void need(short n) {
    if (n < 0 || (short) (st[1] - st[0]) < n) {
      ISOException.throwIt(Sw.TRUNCATED);
    }
  }

  /** A fixed-length field: its offset. */
  public short fixed(short n) {
    need(n);
    short p = st[0];
    st[0] = (short) (p + n);
    return p;
  }

  public short u8() {
    return (short) (buf()[fixed((short) 1)] & 0xFF);
  }

  /** A u16 as a short (values above 32767 are negative: compare with {@link Num#cmpU16}). */
  public short u16() {
    short p = fixed((short) 2);
    byte[] b = buf();
    return (short) (((b[p] & 0xFF) << 8) | (b[(short) (p + 1)] & 0xFF));
  }

  /** A u64 with its top bit clear (else NON_CANONICAL); returns its offset. */
  public short u64() {
    short p = fixed((short) 8);
    if ((buf()[p] & 0x80) != 0) {
      ISOException.throwIt(Sw.NON_CANONICAL);
    }
    return p;
  }

  /** Seconds since 1970 up to the year 9999 (else NON_CANONICAL); returns its offset. */
  public short time() {
    short p = u64();
    if (Num.cmp(buf(), p, MAX_TIME, (short) 0, (short) 8) > 0) {
      ISOException.throwIt(Sw.NON_CANONICAL);
    }
    return p;
  }

  public boolean bool() {
    short v = u8();
    if (v > 1) {
      ISOException.throwIt(Sw.NON_CANONICAL);
    }
    return v == 1;
  }

  /** Three letters A-Z (else MALFORMED); returns its offset. */
  public short currency() {
    short p = fixed((short) 3);
    byte[] b = buf();
    for (short i = 0; i < 3; i++) {
      byte c = b[(short) (p + i)];
      if (c < 'A' || c > 'Z') {
        ISOException.throwIt(Sw.MALFORMED);
      }
    }
    return p;
  }

  /** Type byte then version byte (WRONG_TYPE, UNSUPPORTED_VERSION). */
  public void header(short type, short version) {
    if (u8() != type) {
      ISOException.throwIt(Sw.WRONG_TYPE);
    }
    if (u8() != version) {
      ISOException.throwIt(Sw.UNSUPPORTED_VERSION);
    }
  }

  /** u16 length then bytes, at most {@code max} (LENGTH_OVER_LIMIT); returns the content offset. */
  public short var(short max) {
    short n = u16();
    if (n < 0 || n > max) {
      ISOException.throwIt(Sw.LENGTH_OVER_LIMIT);
    }
    st[2] = n;
    return fixed(n);
  }

  /** A var field of {@code min..max} bytes (below min: MALFORMED). */
  public short var(short min, short max) {
    short p = var(max);
    if (st[2] < min) {
      ISOException.throwIt(Sw.MALFORMED);
    }
    return p;
  }

  /** A var field holding UTF-8 text (invalid UTF-8: NON_CANONICAL). */
  public short string(short max) {
    short p = var(max);
    if (!validUtf8(buf(), p, st[2])) {
      ISOException.throwIt(Sw.NON_CANONICAL);
    }
    return p;
  }

  /** Bytes left over are TRAILING_BYTES. */
  public void finish() {
    if (st[0] != st[1]) {
      ISOException.throwIt(Sw.TRAILING_BYTES);
    }
  }

  /** Reads a nested object at {@code off}: returns the outer end to give to {@link #leave}. */
  public short enter(short off, short len) {
    short outer = st[1];
    st[0] = off;
    st[1] = (short) (off + len);
    return outer;
  }

  /** Ends a nested object (it must be fully read) and resumes the outer one after it. */
  public void leave(short outerEnd) {
    finish();
    st[1] = outerEnd;
  }

  /** Well-formed UTF-8 as Java's strict decoder accepts it: shortest form, no surrogates. */
  public static boolean validUtf8(byte[] b, short off, short len) {
    short i = off;
    short end = (short) (off + len);
    while (i < end) {
      short c = (short) (b[i] & 0xFF);
      short more;
      short min2 = 0x80;
      short max2 = 0xBF;
      if (c < 0x80) {
        i++;
        continue;
      } else if (c >= 0xC2 && c <= 0xDF) {
        more = 1;
      } else if (c >= 0xE0 && c <= 0xEF) {
        more = 2;
        if (c == 0xE0) {
          min2 = 0xA0;
        } else if (c == 0xED) {
          max2 = 0x9F;
        }
      } else if (c >= 0xF0 && c <= 0xF4) {
        more = 3;
        if (c == 0xF0) {
          min2 = 0x90;
        } else if (c == 0xF4) {
          max2 = 0x8F;
        }
      } else {
        return false;
      }
      if ((short) (end - i) <= more) {
        return false;
      }
      short c2 = (short) (b[(short) (i + 1)] & 0xFF);
      if (c2 < min2 || c2 > max2) {
        return false;
      }
      for (short k = 2; k <= more; k++) {
        short cn = (short) (b[(short) (i + k)] & 0xFF);
        if (cn < 0x80 || cn > 0xBF) {
          return false;
        }
      }
      i = (short) (i + more + 1);
    }
    return true;
  }
}
