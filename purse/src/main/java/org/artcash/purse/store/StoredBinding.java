package org.artcash.purse.store;

import java.time.Instant;
import java.util.Objects;
import org.artcash.core.codec.Bytes;
import org.artcash.core.pki.Certificate;

/**
 * The e-purse's binding with its MonEbox (de Jong 2024, sec. 4.1): the MonEbox's binding slot, the
 * secret binding key, both ECDH public keys, the root of trust and the device certificate seen when
 * binding, and the last approval counter used.
 */
public record StoredBinding(int bindingId, SecretBytes bindingKey, Bytes hostPublicKey,
    Bytes monEboxPublicKey, Certificate root, Certificate deviceCertificate, long lastCounter,
    Instant boundAt) {

  public StoredBinding {
    Objects.requireNonNull(bindingKey, "bindingKey");
    if (bindingId < 0 || bindingId > 0xFF) {
      throw new IllegalArgumentException("a binding id is a u8: " + bindingId);
    }
    if (lastCounter < 0 || lastCounter > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("an approval counter is a u32: " + lastCounter);
    }
  }
}
