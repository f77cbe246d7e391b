package org.artcash.issuer;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.credential.CredentialService;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.TrustStore;
import org.artcash.issuer.IssuerConfig.CertifierClass;
import org.artcash.issuer.ca.CertificateAuthority;
import org.artcash.issuer.certification.Certifier;
import org.artcash.issuer.certification.PaymentKeyCertification;
import org.artcash.issuer.device.MonEboxManagement;
import org.artcash.issuer.factory.ArtFactory;
import org.artcash.issuer.inspection.InspectionService;
import org.artcash.issuer.issuance.IssuanceCommittee;
import org.artcash.issuer.issuance.IssuanceOffice;
import org.artcash.issuer.keys.BlindSigner;
import org.artcash.issuer.keys.KeyVault;
import org.artcash.issuer.keys.SoftwareKeyVault;
import org.artcash.issuer.provisioning.ProvisioningStation;
import org.artcash.issuer.pseudonym.IdentityDetails;
import org.artcash.issuer.pseudonym.IdentitySealer;
import org.artcash.issuer.pseudonym.PseudonymService;
import org.artcash.issuer.store.ArtGrantStore;
import org.artcash.issuer.store.InspectedPayments;
import org.artcash.issuer.store.IssuanceJournal;
import org.artcash.issuer.store.IssuerDatabase;
import org.artcash.issuer.store.PayeeInfoRegister;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.Personalisation;

/**
 * The whole issuer in one process, wired (de Jong 2024, figs. 7, 8, 9 and 14): certificate
 * authority, MonEbox management, user pseudonyms and identity register, provisioning station,
 * payment-key certification, ART factory, e-cash inspection and the issuance committee, over one
 * {@link IssuerDatabase}. For the
 * demo and tests: every key is a fresh software key in memory ({@link SoftwareKeyVault}), so a new
 * {@code IssuerSystem} is a new root of trust even on an old database.
 */
public final class IssuerSystem {
  public static final String DEVICE_ATTESTATION_KEY = "device-attestation";
  public static final String ART_FACTORY_KEY = "art-factory";
  public static final String CERTIFIER_KEY_PREFIX = "certifier/";

  private final IssuerConfig config;
  private final IssuerDatabase db;
  private final Clock clock;
  private final CertificateAuthority ca;
  private final MonEboxManagement devices;
  private final PseudonymService pseudonyms;
  private final PaymentKeyCertification certification;
  private final InspectionService inspection;
  private final ArtFactory factory;
  private final IssuanceCommittee committee;
  private final CredentialService credentials;
  private final ProvisioningStation provisioning;

  private IssuerSystem(IssuerConfig config, IssuerDatabase db, Clock clock,
      CertificateAuthority ca, MonEboxManagement devices, PseudonymService pseudonyms,
      PaymentKeyCertification certification, InspectionService inspection, ArtFactory factory,
      IssuanceCommittee committee) {
    this.config = config;
    this.db = db;
    this.clock = clock;
    this.ca = ca;
    this.devices = devices;
    this.pseudonyms = pseudonyms;
    this.certification = certification;
    this.inspection = inspection;
    this.factory = factory;
    this.committee = committee;
    this.credentials = new IssuerCredentialService(certification, factory, ca, clock);
    this.provisioning = new ProvisioningStation(ca.root(),
        List.of(ca.caCertificate(), devices.attestationCertificate()), devices, pseudonyms,
        committee, config.currency(), config.buttonThreshold(), config.maxBindings());
  }

  /**
   * Generates every key, has the CA certify the agents' keys from the clock's now, and wires the
   * components. The database is used as it is (migrated on opening) and not closed here.
   */
  public static IssuerSystem create(IssuerConfig config, IssuerDatabase db, Clock clock,
      SecureRandom random) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    IssuerConfig.Validity validity = config.validity();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    KeyVault vault = new SoftwareKeyVault(random);
    CertificateAuthority ca = CertificateAuthority.create(vault, db.revocations(),
        validity.root(), validity.ca(), validity.revocationList(), now, random);
    try {
      EcSigner attestationKey = vault.createSigningKey(DEVICE_ATTESTATION_KEY);
      Certificate attestation = ca.certifyDeviceAttestation(attestationKey.publicKey(), now,
          validity.deviceAttestation());
      MonEboxManagement devices = new MonEboxManagement(attestationKey, attestation,
          db.devices(), validity.device(), random);

      List<Certifier> certifiers = new ArrayList<>();
      for (CertifierClass c : config.certifiers()) {
        BlindSigner key = vault.createBlindSigningKey(CERTIFIER_KEY_PREFIX + c.name(),
            config.certifierModulusBits());
        Certificate cert = ca.certifyPaymentKeyCertifier(key.publicKey(), c.keyClass(), now,
            validity.certifier());
        certifiers.add(new Certifier(c.name(), key, cert, c.keyClass(),
            c.maxPerDevicePerPeriod()));
      }
      PaymentKeyCertification certification = new PaymentKeyCertification(certifiers,
          ca.caCertificate(), devices, ca.trustStore(), db.certifications(),
          config.certificationQuotaPeriod());

      PseudonymService pseudonyms = new PseudonymService(db.pseudonyms(), db.identities(),
          new PayeeInfoRegister(db), IdentitySealer.generate(random), random);
      InspectionService inspection = new InspectionService(ca.trustStore(), db.inspections(),
          new InspectedPayments(db));

      EcSigner factoryKey = vault.createSigningKey(ART_FACTORY_KEY);
      Certificate factoryCert = ca.certifyArtFactory(factoryKey.publicKey(), now,
          validity.artFactory());
      ArtFactory factory = new ArtFactory(factoryKey, factoryCert, ca.caCertificate(),
          config.artPolicy(), devices, ca.trustStore(), pseudonyms, db.arts(),
          new ArtGrantStore(db), inspection, random);

      IssuanceCommittee committee = IssuanceCommittee.generate(config.committeeSize(),
          config.committeeQuorum(), random);
      return new IssuerSystem(config, db, clock, ca, devices, pseudonyms, certification,
          inspection, factory, committee);
    } catch (ArtcashException e) {
      throw new IllegalStateException("a key generated here was refused by the CA: "
          + e.describe(), e);
    }
  }

  /**
   * The provisioning station's preparation of one MonEbox at the clock's now (see {@link
   * ProvisioningStation#personalisationFor}); install the result with {@link MonEbox#personalise}.
   */
  public Personalisation personalisationFor(MonEbox box, int deviceClass, boolean issuerDevice,
      Optional<IdentityDetails> identity, String payeeInfo) throws ArtcashException {
    return provisioning.personalisationFor(box, deviceClass, issuerDevice, identity, payeeInfo,
        now());
  }

  /**
   * Opens the issuance office on the personalised issuer's MonEbox, reconciling the supply ledger
   * with it first (see {@link IssuanceOffice}).
   */
  public IssuanceOffice openIssuanceOffice(MonEbox issuerMonEbox) throws ArtcashException {
    return IssuanceOffice.open(issuerMonEbox, committee, db.supply(), new IssuanceJournal(db),
        now());
  }

  /** The agents' services as the e-purse calls them, in process, with this system's clock. */
  public CredentialService credentialService() {
    return credentials;
  }

  public Certificate root() {
    return ca.root();
  }

  public Certificate caCertificate() {
    return ca.caCertificate();
  }

  /** The certificates from {@code leaf} up to the root (leaf first, root excluded). */
  public List<Certificate> chainFor(Certificate leaf) {
    return ca.chainFor(leaf);
  }

  public TrustStore trustStore() {
    return ca.trustStore();
  }

  public IssuerConfig config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  public IssuerDatabase database() {
    return db;
  }

  public CertificateAuthority certificateAuthority() {
    return ca;
  }

  public MonEboxManagement monEboxManagement() {
    return devices;
  }

  public PseudonymService pseudonyms() {
    return pseudonyms;
  }

  public ProvisioningStation provisioningStation() {
    return provisioning;
  }

  public PaymentKeyCertification certification() {
    return certification;
  }

  public ArtFactory artFactory() {
    return factory;
  }

  public InspectionService inspection() {
    return inspection;
  }

  public IssuanceCommittee committee() {
    return committee;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }
}
