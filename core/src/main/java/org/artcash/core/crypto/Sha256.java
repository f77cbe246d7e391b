package org.artcash.core.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.artcash.core.codec.Bytes;

/** SHA-256 over the concatenation of its inputs. */
public final class Sha256 {
  private Sha256() {}

  public static byte[] hash(byte[]... parts) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
    for (byte[] p : parts) {
      md.update(p);
    }
    return md.digest();
  }

  public static Bytes digest(byte[]... parts) {
    return Bytes.copyOf(hash(parts));
  }
}
