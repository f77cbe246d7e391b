package org.artcash.monebox.software;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.Ecdsa;
import org.artcash.core.crypto.KeyAlgorithm;
import org.artcash.core.crypto.KeyId;
import org.artcash.core.crypto.P256;

/**
 * A P-256 key pair generated inside the MonEbox (device key, payment keys); the private half is
 * used only through {@link #signer} and never leaves this package.
 */
record InternalKey(ECPrivateKey privateKey, byte[] publicKey) {
  InternalKey {
    publicKey = publicKey.clone();
  }

  static InternalKey generate(SecureRandom random) {
    KeyPair kp = P256.generate(random);
    return new InternalKey((ECPrivateKey) kp.getPrivate(),
        P256.encode((ECPublicKey) kp.getPublic()));
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  EcSigner signer(SecureRandom random) {
    byte[] pub = publicKey.clone();
    return new EcSigner() {
      @Override
      public byte[] publicKey() {
        return pub.clone();
      }

      @Override
      public byte[] sign(byte[] message) {
        return Ecdsa.sign(privateKey, message, random);
      }
    };
  }

  @Override
  public String toString() {
    return "P-256 key " + KeyId.of(KeyAlgorithm.EC_P256, publicKey).shortHex()
        + " (private part not shown)";
  }
}
