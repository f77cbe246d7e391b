package org.artcash.issuer.keys;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.artcash.core.crypto.BlindRsa;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.Ecdsa;
import org.artcash.core.crypto.P256;

/**
 * Keys generated in this process's memory with the JDK providers, lost when it ends: for the demo,
 * tests and development. Production keys belong in an HSM (a separate {@link KeyVault}).
 * Thread-safe.
 */
public final class SoftwareKeyVault implements KeyVault {
  private final SecureRandom random;
  private final Map<String, EcSigner> signingKeys = new ConcurrentHashMap<>();
  private final Map<String, BlindSigner> blindSigningKeys = new ConcurrentHashMap<>();
  private final Map<String, byte[]> secretKeys = new ConcurrentHashMap<>();

  public SoftwareKeyVault(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  @Override
  public EcSigner createSigningKey(String label) {
    requireFree(label);
    KeyPair pair = P256.generate(random);
    EcSigner signer = Ecdsa.softwareSigner(
        (ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic(), random);
    if (signingKeys.putIfAbsent(label, signer) != null) {
      throw taken(label);
    }
    return signer;
  }

  @Override
  public BlindSigner createBlindSigningKey(String label, int modulusBits) {
    requireFree(label);
    KeyPair pair = BlindRsa.generateKeyPair(modulusBits, random);
    BlindSigner signer = new SoftwareBlindSigner(
        (RSAPrivateCrtKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic());
    if (blindSigningKeys.putIfAbsent(label, signer) != null) {
      throw taken(label);
    }
    return signer;
  }

  @Override
  public byte[] createSecretKey(String label, int length) {
    requireFree(label);
    if (length < 16 || length > 64) {
      throw new IllegalArgumentException("a secret key is 16 to 64 bytes, not " + length);
    }
    byte[] key = new byte[length];
    random.nextBytes(key);
    if (secretKeys.putIfAbsent(label, key) != null) {
      throw taken(label);
    }
    return key.clone();
  }

  @Override
  public Optional<EcSigner> signingKey(String label) {
    return Optional.ofNullable(signingKeys.get(label));
  }

  @Override
  public Optional<BlindSigner> blindSigningKey(String label) {
    return Optional.ofNullable(blindSigningKeys.get(label));
  }

  @Override
  public Optional<byte[]> secretKey(String label) {
    return Optional.ofNullable(secretKeys.get(label)).map(byte[]::clone);
  }

  @Override
  public SortedSet<String> labels() {
    SortedSet<String> all = new TreeSet<>(signingKeys.keySet());
    all.addAll(blindSigningKeys.keySet());
    all.addAll(secretKeys.keySet());
    return Collections.unmodifiableSortedSet(all);
  }

  private void requireFree(String label) {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("a key needs a label");
    }
    if (signingKeys.containsKey(label) || blindSigningKeys.containsKey(label)
        || secretKeys.containsKey(label)) {
      throw taken(label);
    }
  }

  private static IllegalStateException taken(String label) {
    return new IllegalStateException("the key vault already holds a key labelled '" + label + "'");
  }
}
