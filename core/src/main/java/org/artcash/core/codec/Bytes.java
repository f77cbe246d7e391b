package org.artcash.core.codec;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/** Immutable bytes with value equality (constant time), for identifiers and hashes. */
public final class Bytes implements Comparable<Bytes> {
  private static final HexFormat HEX = HexFormat.of();
  private final byte[] value;

  private Bytes(byte[] value) {
    this.value = value;
  }

  public static Bytes copyOf(byte[] value) {
    return new Bytes(value.clone());
  }

  public static Bytes fromHex(String hex) {
    return new Bytes(HEX.parseHex(hex));
  }

  public byte[] toArray() {
    return value.clone();
  }

  public int length() {
    return value.length;
  }

  /** Writes the bytes into {@code out} at {@code offset} without exposing the internal array. */
  public void copyTo(byte[] out, int offset) {
    System.arraycopy(value, 0, out, offset, value.length);
  }

  public String hex() {
    return HEX.formatHex(value);
  }

  /** The first 8 bytes in hex: enough for a person to tell identifiers apart in a listing. */
  public String shortHex() {
    return HEX.formatHex(value, 0, Math.min(8, value.length));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes b && MessageDigest.isEqual(value, b.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public int compareTo(Bytes o) {
    return Arrays.compareUnsigned(value, o.value);
  }

  @Override
  public String toString() {
    return hex();
  }
}
