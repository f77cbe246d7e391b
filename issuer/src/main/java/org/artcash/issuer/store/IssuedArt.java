package org.artcash.issuer.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.codec.Bytes;

/**
 * An aggregating receipt token the ART factory issued: to whom (pseudonym), which kind, its
 * validity and configuration; once returned, when it first came back and the best payment log
 * returned for it; and when a returned log showed it used up (no payment can follow).
 */
public record IssuedArt(
    Bytes artId,
    Bytes pseudonym,
    int kind,
    Instant issuedAt,
    Instant notAfter,
    byte[] config,
    Optional<Instant> returnedAt,
    Optional<byte[]> fullArt,
    Optional<Instant> usedUpAt) {

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
    Objects.requireNonNull(usedUpAt, "usedUpAt");
    if (usedUpAt.isPresent() && returnedAt.isEmpty()) {
      throw new IllegalArgumentException("only a returned log can show an ART used up");
    }
  }

  public boolean returned() {
    return returnedAt.isPresent();
  }

  public boolean usedUp() {
    return usedUpAt.isPresent();
  }

  /**
   * Still valid at {@code now} and not shown used up by a returned log: it holds a place under the
   * live-ART limit, also when it was returned early (payments could still follow the return).
   */
  public boolean liveAt(Instant now) {
    return !usedUp() && notAfter.isAfter(now);
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
        && Arrays.equals(fullArt.orElse(null), a.fullArt.orElse(null))
        && usedUpAt.equals(a.usedUpAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(artId, pseudonym, kind, issuedAt, notAfter, Arrays.hashCode(config),
        returnedAt, Arrays.hashCode(fullArt.orElse(null)), usedUpAt);
  }

  @Override
  public String toString() {
    return "IssuedArt[" + artId.shortHex() + " to " + pseudonym.shortHex() + ", kind " + kind
        + ", " + issuedAt + " .. " + notAfter
        + returnedAt.map(t -> ", returned " + t).orElse(", not returned")
        + usedUpAt.map(t -> ", used up " + t).orElse("") + "]";
  }
}
