package org.artcash.core.crypto;

/**
 * Something that signs with a P-256 private key it keeps: a software key, a PKCS#11 HSM slot, a
 * MonEbox. Signatures are ECDSA with SHA-256 in the 64-byte r||s form (IEEE P1363).
 */
public interface EcSigner {
  /** The 65-byte uncompressed public key. */
  byte[] publicKey();

  byte[] sign(byte[] message);
}
