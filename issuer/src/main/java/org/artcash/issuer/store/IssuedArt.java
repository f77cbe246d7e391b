package org.artcash.issuer.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.codec.Bytes;

/**
 * An aggregating receipt token the ART factory issued: to whom (pseudonym), which kind, its
 * validity and configuration; once returned, when and the full token with its payment log.
 */
public record IssuedArt(
    Bytes artId,
    Bytes pseudonym,
    int kind,
    Instant issuedAt,
    Instant notAfter,
    byte[] config,
    Optional<Instant> returnedAt,
    Optional<byte[]> fullArt) {

  public IssuedArt {
    Objects.requireNonNull(artId, "artId");
    Objects.requireNonNull(pseudonym, "pseudonym");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(notAfter, "notAfter");
    config = Objects.requireNonNull(config, "config").clone();
    Objects.requireNonNull(returnedAt, "returnedAt");
    fullArt = Objects.requireNonNull(fullArt, "fullArt").map(byte[]::clone);
    if (returnedAt.isPresent() != fullArt.isPresent()) {
      throw new IllegalArgumentException("a returned ART has both a return time and its content");
    }
  }

  public boolean returned() {
    return returnedAt.isPresent();
  }

  /** Issued, not returned, and still valid at {@code now}. */
  public boolean liveAt(Instant now) {
    return !returned() && notAfter.isAfter(now);
  }

  @Override
  public byte[] config() {
    return config.clone();
  }

  @Override
  public Optional<byte[]> fullArt() {
    return fullArt.map(byte[]::clone);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IssuedArt a
        && artId.equals(a.artId)
        && pseudonym.equals(a.pseudonym)
        && kind == a.kind
        && issuedAt.equals(a.issuedAt)
        && notAfter.equals(a.notAfter)
        && Arrays.equals(config, a.config)
        && returnedAt.equals(a.returnedAt)
        && Arrays.equals(fullArt.orElse(null), a.fullArt.orElse(null));
  }

  @Override
  public int hashCode() {
    return Objects.hash(artId, pseudonym, kind, issuedAt, notAfter, Arrays.hashCode(config),
        returnedAt, Arrays.hashCode(fullArt.orElse(null)));
  }

  @Override
  public String toString() {
    return "IssuedArt[" + artId.shortHex() + " to " + pseudonym.shortHex() + ", kind " + kind
        + ", " + issuedAt + " .. " + notAfter
        + returnedAt.map(t -> ", returned " + t).orElse(", not returned") + "]";
  }
}
