package org.artcash.core.crypto;

import java.util.Arrays;
import org.artcash.core.codec.Bytes;

/**
 * The 16-byte identifier of a public key: the first 16 bytes of SHA-256("artcash-key" || algorithm
 * byte || encoded public key). Certificates name their issuer by it.
 */
public final class KeyId {
  public static final int LENGTH = 16;
  private static final byte[] LABEL = "artcash-key".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private KeyId() {}

  public static Bytes of(KeyAlgorithm alg, byte[] encodedPublicKey) {
    byte[] h = Sha256.hash(LABEL, new byte[] {(byte) alg.code()}, encodedPublicKey);
    return Bytes.copyOf(Arrays.copyOf(h, LENGTH));
  }
}
