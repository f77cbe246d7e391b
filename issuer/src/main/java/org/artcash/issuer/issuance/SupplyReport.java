package org.artcash.issuer.issuance;

import java.util.Objects;
import org.artcash.core.money.Amount;

/**
 * The e-cash supply of one currency (de Jong 2024, sec. 6): all ever issued, all ever destroyed,
 * and what is outstanding (issued minus destroyed).
 */
public record SupplyReport(Amount issued, Amount destroyed, Amount outstanding) {
  public SupplyReport {
    Objects.requireNonNull(issued, "issued");
    Objects.requireNonNull(destroyed, "destroyed");
    Objects.requireNonNull(outstanding, "outstanding");
    if (!issued.currency().equals(destroyed.currency())
        || !issued.currency().equals(outstanding.currency())
        || issued.minor() - destroyed.minor() != outstanding.minor()) {
      throw new IllegalArgumentException("outstanding = issued - destroyed, in one currency");
    }
  }
}
