package org.artcash.core.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;

/**
 * Writes the canonical binary encoding (docs/PROTOCOL.md, "Encoding"): big-endian fixed-width
 * integers, u16-length-prefixed variable fields, times as u64 epoch seconds. The same values always
 * give the same bytes. Limits are checked here too, so an object that cannot be decoded is never
 * written.
 */
public final class Encoder {
  private byte[] buf = new byte[256];
  private int len;

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  public Encoder u8(int v) {
    if (v < 0 || v > 0xFF) {
      throw new IllegalArgumentException("u8 out of range: " + v);
    }
    ensure(1);
    buf[len++] = (byte) v;
    return this;
  }

  public Encoder u16(int v) {
    if (v < 0 || v > 0xFFFF) {
      throw new IllegalArgumentException("u16 out of range: " + v);
    }
    ensure(2);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
    return this;
  }

  public Encoder u32(long v) {
    if (v < 0 || v > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("u32 out of range: " + v);
    }
    ensure(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      buf[len++] = (byte) (v >>> shift);
    }
    return this;
  }

  /** A u64 whose top bit is zero: every u64 in artcash is a non-negative Java long. */
  public Encoder u64(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("u64 field must be non-negative: " + v);
    }
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[len++] = (byte) (v >>> shift);
    }
    return this;
  }

  public Encoder bool(boolean v) {
    return u8(v ? 1 : 0);
  }

  /** Exactly {@code expectedLength} bytes, no length prefix. */
  public Encoder fixed(byte[] v, int expectedLength) {
    if (v.length != expectedLength) {
      throw new IllegalArgumentException("expected " + expectedLength + " bytes, got " + v.length);
    }
    return raw(v);
  }

  public Encoder fixed(Bytes v, int expectedLength) {
    return fixed(v.toArray(), expectedLength);
  }

  /** u16 length then the bytes; {@code max} is the field's documented limit. */
  public Encoder var(byte[] v, int max) {
    if (v.length > max || v.length > 0xFFFF) {
      throw new IllegalArgumentException("field of " + v.length + " bytes exceeds its limit " + max);
    }
    u16(v.length);
    return raw(v);
  }

  /** UTF-8 text with a u16 byte-length prefix. */
  public Encoder string(String s, int maxBytes) {
    return var(s.getBytes(StandardCharsets.UTF_8), maxBytes);
  }

  public Encoder currency(Currency c) {
    return raw(c.code().getBytes(StandardCharsets.US_ASCII));
  }

  /** Currency (3 bytes) then minor units (u64). */
  public Encoder amount(Amount a) {
    return currency(a.currency()).u64(a.minor());
  }

  /** Epoch seconds (u64); the instant must be whole seconds. */
  public Encoder time(Instant t) {
    if (t.getNano() != 0 || t.getEpochSecond() > Decoder.MAX_TIME_SECONDS) {
      throw new IllegalArgumentException("times are whole seconds before the year 10000: " + t);
    }
    return u64(t.getEpochSecond());
  }

  public Encoder raw(byte[] v) {
    ensure(v.length);
    System.arraycopy(v, 0, buf, len, v.length);
    len += v.length;
    return this;
  }

  public int size() {
    return len;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }
}
