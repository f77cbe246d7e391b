package org.artcash.issuer.keys;

import java.util.Optional;
import org.artcash.core.crypto.EcSigner;

/**
 * Where the issuer's and its agents' private keys live; callers only ever get something that signs
 * (de Jong 2024, sec. 6, footnote 26: agents keep their keys in an HSM). Keys are created inside
 * the vault and found again by label. {@link SoftwareKeyVault} keeps them in memory; a PKCS#11 HSM
 * implementation is a separate step.
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

  Optional<EcSigner> signingKey(String label);

  Optional<BlindSigner> blindSigningKey(String label);
}
