package org.artcash.monebox.software;

import java.util.List;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.DeviceAttributes;

/**
 * What personalisation installed (de Jong 2024, sec. 4.2): root of trust, device certificate and
 * its chain, the owner's pseudonym, the currency and the issuer's limits. Never changes afterwards.
 */
record Provisioned(Certificate root, List<Certificate> chain, Certificate deviceCertificate,
    DeviceAttributes attributes, Bytes pseudonym, Currency currency, long issuerButtonThreshold,
    int maxBindings) {
  Provisioned {
    chain = List.copyOf(chain);
  }
}
