package org.artcash.issuer;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.artcash.core.art.ArtKind;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.PaymentKeyClass;
import org.artcash.issuer.factory.ArtPolicy;

/**
 * The issuer's operational parameters (de Jong 2024, sec. 3.1 and sec. 6): key and certificate
 * lifetimes, the payment-key classes on offer, the ART policy, the issuance committee, and the
 * limits installed in every MonEbox. {@link #defaults()} is a complete euro configuration.
 */
public record IssuerConfig(Currency currency, Validity validity, List<CertifierClass> certifiers,
    Duration certificationQuotaPeriod, int certifierModulusBits, ArtPolicy artPolicy,
    int committeeSize, int committeeQuorum, long buttonThreshold, int maxBindings) {

  /**
   * How long each kind of certificate is valid, and a revocation list current. Agent certificates
   * are cut at the CA's end, device certificates at the attestation key's end.
   */
  public record Validity(Duration root, Duration ca, Duration artFactory,
      Duration deviceAttestation, Duration device, Duration certifier, Duration revocationList) {
    public Validity {
      for (Duration d : List.of(root, ca, artFactory, deviceAttestation, device, certifier,
          revocationList)) {
        if (d.isNegative() || d.isZero() || d.getNano() != 0) {
          throw new IllegalArgumentException("validities are positive whole seconds: " + d);
        }
      }
    }
  }

  /**
   * A payment-key class on offer (sec. 3.3) with its name and how many keys of it one MonEbox may
   * have certified per quota period.
   */
  public record CertifierClass(String name, PaymentKeyClass keyClass, int maxPerDevicePerPeriod) {
    public CertifierClass {
      if (name == null || name.isBlank() || maxPerDevicePerPeriod < 1) {
        throw new IllegalArgumentException("a class has a name and allows at least one key");
      }
      Objects.requireNonNull(keyClass, "keyClass");
    }
  }

  public IssuerConfig {
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(validity, "validity");
    certifiers = List.copyOf(certifiers);
    Set<Integer> ids = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (CertifierClass c : certifiers) {
      if (!c.keyClass().currency().equals(currency)) {
        throw new IllegalArgumentException("payment-key class '" + c.name() + "' is in "
            + c.keyClass().currency() + ", the issuer in " + currency);
      }
      if (!ids.add(c.keyClass().classId()) || !names.add(c.name())) {
        throw new IllegalArgumentException("payment-key class ids and names are unique: "
            + c.name());
      }
    }
    if (certificationQuotaPeriod.getSeconds() < 1 || certificationQuotaPeriod.getNano() != 0) {
      throw new IllegalArgumentException("the quota period is a positive number of seconds");
    }
    if (!artPolicy.currency().equals(currency)) {
      throw new IllegalArgumentException("the ART policy is in " + artPolicy.currency()
          + ", the issuer in " + currency);
    }
    if (committeeQuorum < 1 || committeeQuorum > committeeSize || committeeSize > 16) {
      throw new IllegalArgumentException("need 1 <= quorum <= committee size <= 16");
    }
    if (buttonThreshold < 0 || maxBindings < 1 || maxBindings > 8) {
      throw new IllegalArgumentException("button threshold >= 0 and 1..8 bindings");
    }
  }

  /**
   * Euro defaults: three payment-key classes ("everyday" EUR 50.00 x 100 payments for any MonEbox,
   * "large" EUR 5,000.00 x 20 from class 1, "wholesale" EUR 1,000,000.00 x 1000 from class 2),
   * certification keys valid 90 days, ARTs valid 30 days with lower limits for anonymous payees, a
   * committee of 3 with quorum 2, and the owner's button required above EUR 50.00.
   */
  public static IssuerConfig defaults() {
    Currency eur = Currency.of("EUR");
    Validity validity = new Validity(Duration.ofDays(7305), Duration.ofDays(3652),
        Duration.ofDays(365), Duration.ofDays(3652), Duration.ofDays(2922), Duration.ofDays(90),
        Duration.ofDays(1));
    List<CertifierClass> classes = List.of(
        new CertifierClass("everyday", new PaymentKeyClass(1, euros(eur, 50), 100, 0), 10),
        new CertifierClass("large", new PaymentKeyClass(2, euros(eur, 5_000), 20, 1), 4),
        new CertifierClass("wholesale",
            new PaymentKeyClass(3, euros(eur, 1_000_000), 1000, 2), 10));
    Duration month = Duration.ofDays(30);
    ArtPolicy policy = new ArtPolicy(eur,
        Map.of(ArtKind.PAYMENT,
            new ArtPolicy.Limits(1000, euros(eur, 100_000), euros(eur, 1_000_000), month, month),
            ArtKind.WHOLESALE,
            new ArtPolicy.Limits(1000, euros(eur, 1_000_000), euros(eur, 100_000_000),
                Duration.ofDays(7), month)),
        Map.of(ArtKind.PAYMENT,
            new ArtPolicy.Limits(200, euros(eur, 1_000), euros(eur, 10_000), month, month)),
        16);
    return new IssuerConfig(eur, validity, classes, Duration.ofDays(7), 2048, policy, 3, 2,
        euros(eur, 50).minor(), 4);
  }

  public IssuerConfig withCertifiers(List<CertifierClass> classes) {
    return new IssuerConfig(currency, validity, classes, certificationQuotaPeriod,
        certifierModulusBits, artPolicy, committeeSize, committeeQuorum, buttonThreshold,
        maxBindings);
  }

  public IssuerConfig withArtPolicy(ArtPolicy policy) {
    return new IssuerConfig(currency, validity, certifiers, certificationQuotaPeriod,
        certifierModulusBits, policy, committeeSize, committeeQuorum, buttonThreshold,
        maxBindings);
  }

  private static Amount euros(Currency eur, long whole) {
    return Amount.of(eur, Math.multiplyExact(whole, 100L));
  }
}
