package org.artcash.purse;

import java.time.Duration;
import java.util.Objects;
import org.artcash.core.art.ArtKind;
import org.artcash.core.credential.ArtRequest;

/**
 * The credential manager's targets (de Jong 2024, sec. 4.1: "credentials are provisioned with
 * overlapping expiry periods so they are always available").
 *
 * @param minUsableArts keep at least this many PAYMENT ARTs that can take a payment and stay valid
 *     for {@code minArtValidity}; fewer means fresh ones are requested (at most 16 at a time)
 * @param artMaxPayments the payments per ART to ask the factory for (its policy may give fewer)
 * @param artMaxSingle the largest single payment to ask for, in minor units
 * @param artMaxAggregate the largest total per ART to ask for, in minor units
 * @param minArtValidity an ART that expires sooner no longer counts as usable
 * @param inUseGrace how long after its expiry an ART in an open request is kept, for a payer whose
 *     MonEbox clock lags, before it is retired and returned
 */
public record PursePolicy(int minUsableArts, int artMaxPayments, long artMaxSingle,
    long artMaxAggregate, Duration minArtValidity, Duration inUseGrace) {

  public PursePolicy {
    Objects.requireNonNull(minArtValidity, "minArtValidity");
    Objects.requireNonNull(inUseGrace, "inUseGrace");
    if (minUsableArts < 0 || minUsableArts > 1000) {
      throw new IllegalArgumentException("minUsableArts must be 0..1000: " + minUsableArts);
    }
    if (minArtValidity.isNegative() || inUseGrace.isNegative()) {
      throw new IllegalArgumentException("durations cannot be negative");
    }
    // Checked by the wish's own rules, so a bad policy fails here and not during a refresh.
    new ArtRequest.Wish(ArtKind.PAYMENT, 1, artMaxPayments, artMaxSingle, artMaxAggregate);
  }

  /** Three ARTs of 100 payments, up to 500.00 each and 5000.00 in total, valid for an hour more. */
  public static PursePolicy defaults() {
    return new PursePolicy(3, 100, 500_00, 5_000_00, Duration.ofHours(1), Duration.ofDays(1));
  }

  /** What to ask the ART factory for when {@code count} ARTs are missing. */
  ArtRequest.Wish wish(int count) {
    return new ArtRequest.Wish(ArtKind.PAYMENT, Math.min(count, ArtRequest.MAX_COUNT),
        artMaxPayments, artMaxSingle, artMaxAggregate);
  }
}
