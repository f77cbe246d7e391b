package org.artcash.monebox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.Certificate;

/**
 * What a provisioning station installs in a keyed MonEbox (de Jong 2024, sec. 3.2 and sec. 6): the
 * root of trust, the device certificate with its chain, the owner's pseudonym, the currency, the
 * issuer's button threshold and binding limit, and for the issuer's own MonEbox the issuance
 * committee. {@code time} is an issuer-signed time (the device certificate's notBefore is used if
 * later).
 */
public record Personalisation(Certificate root, List<Certificate> chain, Certificate deviceCertificate,
    Bytes pseudonym, Currency currency, long buttonThreshold, int maxBindings,
    Optional<Committee> committee, Instant time) {

  /** The issuance committee: member public keys (65-byte P-256 points) and the quorum k. */
  public record Committee(List<byte[]> members, int quorum) {
    @Override
    public List<byte[]> members() {
      return members.stream().map(byte[]::clone).toList();
    }

    public Committee {
      members = members.stream().map(byte[]::clone).toList();
      if (quorum < 1 || quorum > members.size() || members.size() > 16) {
        throw new IllegalArgumentException("need 1 <= k <= n <= 16");
      }
      for (int i = 0; i < members.size(); i++) {
        for (int j = 0; j < i; j++) {
          if (java.util.Arrays.equals(members.get(i), members.get(j))) {
            throw new IllegalArgumentException("committee member keys must be distinct");
          }
        }
      }
    }
  }

  public Personalisation {
    chain = List.copyOf(chain);
    if (pseudonym.length() != 16) {
      throw new IllegalArgumentException("pseudonym is 16 bytes");
    }
    if (buttonThreshold < 0 || maxBindings < 1 || maxBindings > 8) {
      throw new IllegalArgumentException("threshold >= 0, 1..8 bindings");
    }
  }
}
