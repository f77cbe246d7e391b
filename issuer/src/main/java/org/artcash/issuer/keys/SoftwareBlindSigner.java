package org.artcash.issuer.keys;

import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import org.artcash.core.ArtcashException;
import org.artcash.core.crypto.BlindRsa;

/** An RFC 9474 blind signer over an RSA private key held in this process's memory. */
record SoftwareBlindSigner(RSAPrivateCrtKey privateKey, RSAPublicKey publicKey)
    implements BlindSigner {
  @Override
  public byte[] blindSign(byte[] blindedMessage) throws ArtcashException {
    return BlindRsa.blindSign(privateKey, blindedMessage);
  }

  @Override
  public String toString() {
    return "software RSA blind-signature key (" + publicKey.getModulus().bitLength() + " bits)";
  }
}
