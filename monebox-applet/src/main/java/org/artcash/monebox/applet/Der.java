package org.artcash.monebox.applet;

/**
 * ECDSA signature formats: Java Card makes and takes DER {@code SEQUENCE { INTEGER r, INTEGER s }};
 * artcash carries 64 bytes {@code r || s} (IEEE P1363, docs/PROTOCOL.md sec. 1).
 */
public final class Der {
  /** Longest DER form of a P-256 signature: 2 + 2 * (2 + 33). */
  public static final short MAX_LENGTH = 72;

  private Der() {}

  /** Writes the DER form of {@code r || s} (32 + 32 bytes); returns its length. */
  public static short fromP1363(byte[] rs, short off, byte[] out, short outOff) {
    short p = (short) (outOff + 2);
    p = integer(rs, off, out, p);
    p = integer(rs, (short) (off + 32), out, p);
    out[outOff] = 0x30;
    out[(short) (outOff + 1)] = (byte) (p - outOff - 2);
    return (short) (p - outOff);
  }

  private static short integer(byte[] in, short off, byte[] out, short p) {
    short start = 0;
    while (start < 31 && in[(short) (off + start)] == 0) {
      start++;
    }
    short n = (short) (32 - start);
    boolean pad = (in[(short) (off + start)] & 0x80) != 0;
    out[p++] = 0x02;
    out[p++] = (byte) (pad ? n + 1 : n);
    if (pad) {
      out[p++] = 0;
    }
    Num.copy(in, (short) (off + start), out, p, n);
    return (short) (p + n);
  }

  /**
   * Reads a DER signature into {@code r || s}, each left-padded to 32 bytes; returns false when it
   * is not a DER signature of two integers of at most 32 significant bytes.
   */
  public static boolean toP1363(byte[] der, short off, short len, byte[] out, short outOff) {
    if (len < 8 || der[off] != 0x30 || (der[(short) (off + 1)] & 0xFF) != (short) (len - 2)) {
      return false;
    }
    short end = (short) (off + len);
    short p = readInteger(der, (short) (off + 2), end, out, outOff);
    if (p < 0) {
      return false;
    }
    p = readInteger(der, p, end, out, (short) (outOff + 32));
    return p == end;
  }

  private static short readInteger(byte[] der, short p, short end, byte[] out, short outOff) {
    if ((short) (end - p) < 3 || der[p] != 0x02) {
      return -1;
    }
    short n = (short) (der[(short) (p + 1)] & 0xFF);
    p += 2;
    if (n < 1 || n > 33 || (short) (end - p) < n) {
      return -1;
    }
    while (n > 32) {
      if (der[p] != 0) {
        return -1;
      }
      p++;
      n--;
    }
    javacard.framework.Util.arrayFillNonAtomic(out, outOff, (short) (32 - n), (byte) 0);
    Num.copy(der, p, out, (short) (outOff + 32 - n), n);
    return (short) (p + n);
  }
}
