package org.artcash.issuer.provisioning;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.DeviceAttributes;
import org.artcash.issuer.device.MonEboxManagement;
import org.artcash.issuer.issuance.IssuanceCommittee;
import org.artcash.issuer.pseudonym.IdentityDetails;
import org.artcash.issuer.pseudonym.PseudonymService;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.Personalisation;

/**
 * The e-purse provisioning station (de Jong 2024, sec. 3.2, fig. 8, and sec. 6): the last step
 * before a MonEbox is handed to its user. The MonEbox generates its device key, MonEbox management
 * certifies and registers it, the user pseudonym component gives it a pseudonym, and the station
 * installs the root of trust and the issuer's limits. Loading the initial value is a payment, made
 * afterwards by the station's own e-purse.
 */
public final class ProvisioningStation {
  private final Certificate root;
  private final List<Certificate> chain;
  private final MonEboxManagement devices;
  private final PseudonymService pseudonyms;
  private final IssuanceCommittee committee;
  private final Currency currency;
  private final long buttonThreshold;
  private final int maxBindings;

  /**
   * @param chain the certificates between a device certificate and the root: the CA and the
   *     device attestation certificate
   * @param committee installed only in the issuer's own MonEbox
   */
  public ProvisioningStation(Certificate root, List<Certificate> chain, MonEboxManagement devices,
      PseudonymService pseudonyms, IssuanceCommittee committee, Currency currency,
      long buttonThreshold, int maxBindings) {
    this.root = Objects.requireNonNull(root, "root");
    this.chain = List.copyOf(chain);
    this.devices = Objects.requireNonNull(devices, "devices");
    this.pseudonyms = Objects.requireNonNull(pseudonyms, "pseudonyms");
    this.committee = Objects.requireNonNull(committee, "committee");
    this.currency = Objects.requireNonNull(currency, "currency");
    this.buttonThreshold = buttonThreshold;
    this.maxBindings = maxBindings;
  }

  /**
   * Prepares a blank MonEbox for its user and returns what to install with {@link
   * MonEbox#personalise}. The issuer's own MonEbox ({@code issuerDevice}) also gets the issuance
   * committee.
   *
   * @param payeeInfo the short payee information payers will see, at most 48 UTF-8 bytes
   */
  public Personalisation personalisationFor(MonEbox box, int deviceClass, boolean issuerDevice,
      Optional<IdentityDetails> identity, String payeeInfo, Instant now)
      throws ArtcashException {
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    byte[] devicePublicKey = box.generateDeviceKey();
    Certificate device = devices.certifyDevice(devicePublicKey, deviceClass, issuerDevice, at);
    Bytes deviceId = DeviceAttributes.decode(device.attributes()).deviceId();
    Bytes pseudonym = pseudonyms.register(deviceId, identity, payeeInfo, at);
    return new Personalisation(root, chain, device, pseudonym, currency, buttonThreshold,
        maxBindings,
        issuerDevice ? Optional.of(committee.forPersonalisation()) : Optional.empty(), at);
  }
}
