package org.artcash.issuer.keys;

import java.util.Optional;
import java.util.SortedSet;
import org.artcash.core.crypto.EcSigner;

/**
 * Where the issuer's and its agents' private keys live; callers only ever get something that signs
 * (de Jong 2024, sec. 6, footnote 26: agents keep their keys in an HSM). Keys are created inside
 * the vault and found again by label. {@link SoftwareKeyVault} keeps them in memory, {@link
 * FileKeyVault} in passphrase-encrypted files; a PKCS#11 HSM implementation is a separate step.
 */
public interface KeyVault {

  /**
   * Creates a new P-256 signing key under {@code label}.
   *
   * @throws IllegalStateException when the label is taken
   */
  EcSigner createSigningKey(String label);

  /**
   * Creates a new RSA key for RFC 9474 blind signatures under {@code label}.
   *
   * @throws IllegalStateException when the label is taken
   */
  BlindSigner createBlindSigningKey(String label, int modulusBits);

  /**
   * Creates a new random secret key of {@code length} bytes under {@code label}, for a symmetric
   * algorithm (the identity register's key), and returns a copy that the caller wipes after use.
   *
   * @throws IllegalStateException when the label is taken
   */
  byte[] createSecretKey(String label, int length);

  Optional<EcSigner> signingKey(String label);

  Optional<BlindSigner> blindSigningKey(String label);

  /** A copy of the secret key's bytes, which the caller wipes after use. */
  Optional<byte[]> secretKey(String label);

  /** The labels of every key in the vault, of any kind. */
  SortedSet<String> labels();
}
