package org.artcash.issuer.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.codec.Bytes;

/**
 * A user pseudonym (paper sec. 3.3) and the e-purse (MonEbox) it was installed in. {@code
 * identityRef} names the sealed identity record; empty for an anonymous user.
 */
public record PseudonymRecord(
    Bytes pseudonym, Bytes deviceId, Optional<Bytes> identityRef, Instant createdAt) {
  public PseudonymRecord {
    Objects.requireNonNull(pseudonym, "pseudonym");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(identityRef, "identityRef");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public boolean anonymous() {
    return identityRef.isEmpty();
  }
}
