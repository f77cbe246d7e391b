package org.artcash.core.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;

/**
 * Strict reader for the canonical encoding. Every failure names the object and field and says what
 * was wrong: truncation, trailing bytes, unknown version or type, over-long length, non-canonical
 * form. Call {@link #finish()} at the end: trailing bytes are an error.
 */
public final class Decoder {
  /** Largest object any artcash decoder accepts (a full ART with its whole log stays well below). */
  public static final int MAX_OBJECT_SIZE = 1 << 20;
  /** 9999-12-31T23:59:59Z, the last time the encoding carries. */
  public static final long MAX_TIME_SECONDS = 253402300799L;

  private final byte[] in;
  private final String what;
  private int pos;
  private final int end;

  private Decoder(byte[] in, int offset, int end, String what) {
    this.in = in;
    this.pos = offset;
    this.end = end;
    this.what = what;
  }

  /** {@code what} names the object for error messages, e.g. "ART config". */
  public static Decoder of(byte[] in, String what) throws ArtcashException {
    if (in == null) {
      throw new ArtcashException(Reason.TRUNCATED, what + ": no data");
    }
    if (in.length > MAX_OBJECT_SIZE) {
      throw new ArtcashException(Reason.TOO_LARGE,
          what + " is " + in.length + " bytes; at most " + MAX_OBJECT_SIZE + " are accepted");
    }
    return new Decoder(in, 0, in.length, what);
  }

  public int position() {
    return pos;
  }

  public int remaining() {
    return end - pos;
  }

  /** The bytes from {@code start} to the current position: the signed part of an object. */
  public byte[] slice(int start) {
    byte[] out = new byte[pos - start];
    System.arraycopy(in, start, out, 0, out.length);
    return out;
  }

  private void need(int n, String field) throws ArtcashException {
    if (end - pos < n) {
      throw new ArtcashException(Reason.TRUNCATED,
          what + ": data ends inside field '" + field + "' (needs " + n + " bytes, "
              + (end - pos) + " left)");
    }
  }

  /** Reads the type tag and version every object starts with. */
  public void header(int expectedType, int supportedVersion) throws ArtcashException {
    int type = u8("type");
    if (type != expectedType) {
      throw new ArtcashException(Reason.WRONG_TYPE,
          what + ": type tag 0x" + Integer.toHexString(type) + " is not 0x"
              + Integer.toHexString(expectedType) + "; this is not a " + what);
    }
    int version = u8("version");
    if (version != supportedVersion) {
      throw new ArtcashException(Reason.UNSUPPORTED_VERSION,
          what + ": version " + version + " is not supported (this software reads version "
              + supportedVersion + "); update artcash or ask the sender for version "
              + supportedVersion);
    }
  }

  public int u8(String field) throws ArtcashException {
    need(1, field);
    return in[pos++] & 0xFF;
  }

  public int u16(String field) throws ArtcashException {
    need(2, field);
    int v = ((in[pos] & 0xFF) << 8) | (in[pos + 1] & 0xFF);
    pos += 2;
    return v;
  }

  public long u32(String field) throws ArtcashException {
    need(4, field);
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (in[pos++] & 0xFF);
    }
    return v;
  }

  /** A u64 with its top bit clear; a set top bit is non-canonical (no artcash value needs it). */
  public long u64(String field) throws ArtcashException {
    need(8, field);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (in[pos++] & 0xFF);
    }
    if (v < 0) {
      throw nonCanonical(field, "value exceeds 2^63-1");
    }
    return v;
  }

  public boolean bool(String field) throws ArtcashException {
    int v = u8(field);
    if (v > 1) {
      throw nonCanonical(field, "a boolean is 0 or 1, found " + v);
    }
    return v == 1;
  }

  public byte[] fixed(int n, String field) throws ArtcashException {
    need(n, field);
    byte[] out = new byte[n];
    System.arraycopy(in, pos, out, 0, n);
    pos += n;
    return out;
  }

  public Bytes fixedBytes(int n, String field) throws ArtcashException {
    return Bytes.copyOf(fixed(n, field));
  }

  public byte[] var(int max, String field) throws ArtcashException {
    int n = u16(field + " length");
    if (n > max) {
      throw new ArtcashException(Reason.LENGTH_OVER_LIMIT,
          what + ": field '" + field + "' declares " + n + " bytes; at most " + max + " are allowed");
    }
    return fixed(n, field);
  }

  /** u16-prefixed var field of exactly {@code min..max} bytes. */
  public byte[] var(int min, int max, String field) throws ArtcashException {
    byte[] v = var(max, field);
    if (v.length < min) {
      throw new ArtcashException(Reason.MALFORMED,
          what + ": field '" + field + "' has " + v.length + " bytes; at least " + min + " needed");
    }
    return v;
  }

  public String string(int maxBytes, String field) throws ArtcashException {
    byte[] raw = var(maxBytes, field);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw)).toString();
    } catch (CharacterCodingException e) {
      throw nonCanonical(field, "text is not valid UTF-8");
    }
  }

  public Currency currency(String field) throws ArtcashException {
    byte[] raw = fixed(3, field);
    for (byte b : raw) {
      if (b < 'A' || b > 'Z') {
        throw new ArtcashException(Reason.MALFORMED,
            what + ": field '" + field + "' is not an ISO 4217 currency code (three letters A-Z)");
      }
    }
    return new Currency(new String(raw, StandardCharsets.US_ASCII));
  }

  public Amount amount(String field) throws ArtcashException {
    Currency c = currency(field + " currency");
    return Amount.of(c, u64(field));
  }

  public Instant time(String field) throws ArtcashException {
    long seconds = u64(field);
    if (seconds > MAX_TIME_SECONDS) {
      throw nonCanonical(field, "time is after the year 9999");
    }
    return Instant.ofEpochSecond(seconds);
  }

  /** Fails when bytes are left over: an encoding has exactly one length. */
  public void finish() throws ArtcashException {
    if (pos != end) {
      throw new ArtcashException(Reason.TRAILING_BYTES,
          what + ": " + (end - pos) + " unexpected bytes after the end of the object");
    }
  }

  public ArtcashException nonCanonical(String field, String detail) {
    return new ArtcashException(Reason.NON_CANONICAL, what + ": field '" + field + "': " + detail);
  }

  public ArtcashException malformed(String field, String detail) {
    return new ArtcashException(Reason.MALFORMED, what + ": field '" + field + "': " + detail);
  }
}
