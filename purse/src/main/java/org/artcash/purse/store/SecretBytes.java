package org.artcash.purse.store;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A secret key held in memory: never printed, copied in and out, compared in constant time, wiped
 * by {@link #wipe()} when it is no longer needed (STYLE.md, after Tink's {@code SecretBytes}).
 */
public final class SecretBytes {
  private final byte[] value;
  private boolean wiped;

  private SecretBytes(byte[] value) {
    this.value = value;
  }

  /** Copies {@code value}; the caller should wipe its own copy. */
  public static SecretBytes copyOf(byte[] value) {
    Objects.requireNonNull(value, "value");
    return new SecretBytes(value.clone());
  }

  /** A copy of the secret; wipe it after use ({@code Arrays.fill(copy, (byte) 0)}). */
  public synchronized byte[] toByteArray() {
    if (wiped) {
      throw new IllegalStateException("this secret has been wiped");
    }
    return value.clone();
  }

  public int length() {
    return value.length;
  }

  /** Constant-time comparison of the two secrets. */
  public synchronized boolean equalsSecret(SecretBytes other) {
    if (wiped) {
      return false;
    }
    byte[] theirs = other.toByteArray();
    try {
      return MessageDigest.isEqual(value, theirs);
    } finally {
      Arrays.fill(theirs, (byte) 0);
    }
  }

  /** Overwrites the secret with zeros; afterwards it cannot be read. */
  public synchronized void wipe() {
    Arrays.fill(value, (byte) 0);
    wiped = true;
  }

  @Override
  public String toString() {
    return "SecretBytes[" + value.length + " bytes, not shown]";
  }
}
