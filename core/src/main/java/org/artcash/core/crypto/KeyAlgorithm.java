package org.artcash.core.crypto;

import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;

/** The kinds of public key a certificate can carry. */
public enum KeyAlgorithm {
  /** ECDSA P-256 with SHA-256; key encoded as a 65-byte uncompressed point. */
  EC_P256(1),
  /**
   * RSA for RFC 9474 RSABSSA-SHA384-PSS-Randomized blind signatures; key encoded as u16 length +
   * modulus (big-endian, no leading zero) then u16 length + public exponent.
   */
  RSA_BSSA_SHA384_PSS_RANDOMIZED(2);

  private final int code;

  KeyAlgorithm(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static KeyAlgorithm fromCode(int code) throws ArtcashException {
    for (KeyAlgorithm a : values()) {
      if (a.code == code) {
        return a;
      }
    }
    throw new ArtcashException(Reason.MALFORMED, "unknown key algorithm " + code);
  }
}
