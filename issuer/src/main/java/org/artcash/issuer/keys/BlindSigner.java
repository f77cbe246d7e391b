package org.artcash.issuer.keys;

import java.security.interfaces.RSAPublicKey;
import org.artcash.core.ArtcashException;

/**
 * Something that makes RFC 9474 blind signatures with an RSA private key it keeps: the payment-key
 * certifier's key (de Jong 2024, sec. 3.3). It sees only blinded messages.
 */
public interface BlindSigner {

  RSAPublicKey publicKey();

  /**
   * RFC 9474 BlindSign of a blinded message of exactly the modulus length.
   *
   * @throws ArtcashException {@link org.artcash.core.Reason#MALFORMED} for a message of the wrong
   *     length or not less than the modulus
   */
  byte[] blindSign(byte[] blindedMessage) throws ArtcashException;
}
