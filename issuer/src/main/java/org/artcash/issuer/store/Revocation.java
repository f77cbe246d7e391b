package org.artcash.issuer.store;

import java.time.Instant;
import java.util.Objects;
import org.artcash.core.codec.Bytes;

/** A revoked key (any level: agent, device or payment key), why, and since when. */
public record Revocation(Bytes keyId, String reason, Instant revokedAt) {
  public Revocation {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(revokedAt, "revokedAt");
  }
}
