package org.artcash.issuer.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.artcash.core.crypto.BlindRsa;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.Ecdsa;
import org.junit.jupiter.api.Test;

class SoftwareKeyVaultTest {
  private final SecureRandom random = new SecureRandom();
  private final SoftwareKeyVault vault = new SoftwareKeyVault(random);

  @Test
  void createSigningKey_signaturesVerifyUnderItsPublicKey() {
    EcSigner key = vault.createSigningKey("ca");
    byte[] message = "certificate body".getBytes(StandardCharsets.US_ASCII);

    assertTrue(Ecdsa.verify(key.publicKey(), message, key.sign(message)));
    assertFalse(Ecdsa.verify(key.publicKey(), "other".getBytes(StandardCharsets.US_ASCII),
        key.sign(message)));
  }

  @Test
  void createSigningKey_labelTaken_isRefused() {
    vault.createSigningKey("root");

    assertThrows(IllegalStateException.class, () -> vault.createSigningKey("root"));
    assertThrows(IllegalStateException.class, () -> vault.createBlindSigningKey("root", 2048));
  }

  @Test
  void createBlindSigningKey_blindSignatureFinalizesToAValidSignature() throws Exception {
    BlindSigner key = vault.createBlindSigningKey("certifier/everyday", 2048);
    byte[] message = "payment key".getBytes(StandardCharsets.US_ASCII);
    BlindRsa.Blinding blinding = BlindRsa.blind(key.publicKey(), message, random);

    byte[] signature = BlindRsa.finalizeSignature(key.publicKey(), message, blinding,
        key.blindSign(blinding.blindedMessage()));

    assertTrue(BlindRsa.verify(key.publicKey(), blinding.prefix(), message, signature));
  }

  @Test
  void keys_areFoundByLabel_andUnknownLabelsFindNothing() {
    EcSigner ec = vault.createSigningKey("art-factory");
    BlindSigner rsa = vault.createBlindSigningKey("certifier/large", 2048);

    assertSame(ec, vault.signingKey("art-factory").orElseThrow());
    assertSame(rsa, vault.blindSigningKey("certifier/large").orElseThrow());
    assertTrue(vault.signingKey("certifier/large").isEmpty());
    assertTrue(vault.blindSigningKey("nothing").isEmpty());
    assertArrayEquals(ec.publicKey(), vault.signingKey("art-factory").orElseThrow().publicKey());
  }

  @Test
  void createSecretKey_isFoundByLabel_asACopyTheCallerMayWipe() {
    byte[] key = vault.createSecretKey("identity-register", 32);
    byte[] kept = key.clone();
    Arrays.fill(key, (byte) 0);

    assertArrayEquals(kept, vault.secretKey("identity-register").orElseThrow());
    assertThrows(IllegalStateException.class, () -> vault.createSecretKey("identity-register", 32));
    assertThrows(IllegalArgumentException.class, () -> vault.createSecretKey("short", 8));
    assertTrue(vault.secretKey("root").isEmpty());
  }

  @Test
  void labels_listEveryKeyOfEveryKind() {
    vault.createSigningKey("root");
    vault.createBlindSigningKey("certifier/everyday", 2048);
    vault.createSecretKey("identity-register", 32);

    assertEquals(List.of("certifier/everyday", "identity-register", "root"),
        List.copyOf(vault.labels()));
  }
}
