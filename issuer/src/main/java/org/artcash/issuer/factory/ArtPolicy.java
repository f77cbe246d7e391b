package org.artcash.issuer.factory;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.art.ArtKind;
import org.artcash.core.credential.ArtRequest;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;

/**
 * The issuer's configuration for ARTs (de Jong 2024, sec. 3.1: "set the configuration for ART
 * credentials to be applied by agents"): per kind, the most a factory grants, separately for
 * identified and anonymous payees (sec. 3.3, footnote 12: anonymous payees get generic AML
 * constraints), and how many unreturned ARTs one pseudonym may hold.
 */
public record ArtPolicy(Currency currency, Map<ArtKind, Limits> identified,
    Map<ArtKind, Limits> anonymous, int maxLivePerPseudonym) {

  /**
   * The most granted for one kind. ARTs are valid for {@code validity} from issue and can be
   * redeemed for {@code redemptionGrace} after that.
   */
  public record Limits(int maxPayments, Amount maxSingle, Amount maxAggregate, Duration validity,
      Duration redemptionGrace) {
    public Limits {
      if (maxPayments < 1 || maxPayments > 0xFFFF) {
        throw new IllegalArgumentException("maxPayments is 1..65535: " + maxPayments);
      }
      if (maxSingle.isZero() || maxSingle.compareTo(maxAggregate) > 0) {
        throw new IllegalArgumentException("need 0 < maxSingle <= maxAggregate");
      }
      if (!whole(validity) || validity.isZero() || !whole(redemptionGrace)) {
        throw new IllegalArgumentException(
            "validity is positive and the grace not negative, both whole seconds");
      }
    }

    private static boolean whole(Duration d) {
      return d != null && !d.isNegative() && d.getNano() == 0;
    }
  }

  /** What is granted for one wish: the lower of wish and policy in each limit. */
  public record Grant(int count, int maxPayments, long maxSingle, long maxAggregate,
      Duration validity, Duration redemptionGrace) {}

  public ArtPolicy {
    Objects.requireNonNull(currency, "currency");
    identified = copy(identified, currency);
    anonymous = copy(anonymous, currency);
    if (maxLivePerPseudonym < 1) {
      throw new IllegalArgumentException("maxLivePerPseudonym must be at least 1");
    }
  }

  public Optional<Limits> limits(ArtKind kind, boolean anonymousPayee) {
    return Optional.ofNullable((anonymousPayee ? anonymous : identified).get(kind));
  }

  /** The lower of the wish and {@code limits} in every field; {@code room} caps the count. */
  public static Grant grant(ArtRequest.Wish wish, Limits limits, int room) {
    if (room < 1) {
      throw new IllegalArgumentException("no room for ARTs");
    }
    return new Grant(Math.min(wish.count(), room),
        Math.min(wish.maxPayments(), limits.maxPayments()),
        Math.min(wish.maxSingle(), limits.maxSingle().minor()),
        Math.min(wish.maxAggregate(), limits.maxAggregate().minor()),
        limits.validity(), limits.redemptionGrace());
  }

  private static Map<ArtKind, Limits> copy(Map<ArtKind, Limits> limits, Currency currency) {
    Map<ArtKind, Limits> out = new EnumMap<>(ArtKind.class);
    for (Map.Entry<ArtKind, Limits> e : limits.entrySet()) {
      if (!e.getValue().maxSingle().currency().equals(currency)) {
        throw new IllegalArgumentException("the " + e.getKey() + " limits are in "
            + e.getValue().maxSingle().currency() + ", the policy in " + currency);
      }
      out.put(e.getKey(), e.getValue());
    }
    return Map.copyOf(out);
  }
}
