package org.artcash.issuer;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.credential.CredentialService;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.TrustStore;
import org.artcash.issuer.ca.CertificateAuthority;
import org.artcash.issuer.certification.PaymentKeyCertification;
import org.artcash.issuer.device.MonEboxManagement;
import org.artcash.issuer.factory.ArtFactory;
import org.artcash.issuer.inspection.InspectionService;
import org.artcash.issuer.issuance.IssuanceCommittee;
import org.artcash.issuer.issuance.IssuanceOffice;
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
 * {@link IssuerDatabase} and one {@link KeyVault}. {@link #open} on the same database and vault
 * again is the same issuer; {@link #create} keeps its keys in memory, for the demo and tests.
 */
public final class IssuerSystem {
  public static final String DEVICE_ATTESTATION_KEY = "device-attestation";
  public static final String ART_FACTORY_KEY = "art-factory";
  public static final String CERTIFIER_KEY_PREFIX = "certifier/";
  /** The identity register's secret key (sealing and references), see {@link IdentitySealer}. */
  public static final String IDENTITY_REGISTER_KEY = "identity-register";
  /** Followed by the member's number, 1 to n, in the order the issuer's MonEbox holds them. */
  public static final String COMMITTEE_KEY_PREFIX = "committee/member-";

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
   * A new issuer whose keys are fresh software keys in this process's memory ({@link
   * SoftwareKeyVault}), lost when it ends: for the demo and tests. Its certificates are stored in
   * {@code db}, which must not belong to another issuer yet (see {@link #open}).
   *
   * @throws IllegalStateException when {@code db} belongs to another issuer
   */
  public static IssuerSystem create(IssuerConfig config, IssuerDatabase db, Clock clock,
      SecureRandom random) {
    Objects.requireNonNull(random, "random");
    try {
      return open(config, db, new SoftwareKeyVault(random), clock, random);
    } catch (ArtcashException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * The issuer whose keys are in {@code vault} and whose registers and certificates are in {@code
   * db}. On an empty vault over a database without issuer certificates, it generates every key
   * (root, CA, device attestation, ART factory, one certifier per payment-key class, the identity
   * register's key, the committee members' keys), has the CA certify the agents' keys from the
   * clock's now and stores those certificates in the database. Otherwise it reuses the keys and
   * certificates, checked against each other, so it is the same issuer as before: the same root
   * of trust, pseudonyms and identity references, and committee. A payment-key class added to the
   * configuration since gets its key and certificate now. The database is used as it is (migrated
   * on opening) and neither it nor the vault is closed here.
   *
   * @throws ArtcashException {@link Reason#WRONG_STATE} when vault and database do not belong to
   *     one issuer (an empty vault over a used database, a used vault over an empty database, a
   *     key that is not the certified one), or the configuration contradicts them (another
   *     committee size, a payment-key class with other terms under an old name); {@link
   *     Reason#CHAIN_INVALID} when the stored certificates do not chain. Nothing is changed then.
   */
  public static IssuerSystem open(IssuerConfig config, IssuerDatabase db, KeyVault vault,
      Clock clock, SecureRandom random) throws ArtcashException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(vault, "vault");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    IssuerConfig.Validity validity = config.validity();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    IssuerKeys keys = IssuerKeys.establish(config, db, vault, now, random);
    CertificateAuthority ca = keys.ca();
    MonEboxManagement devices = new MonEboxManagement(keys.attestationKey(), keys.attestation(),
        db.devices(), validity.device(), random);
    PaymentKeyCertification certification = new PaymentKeyCertification(keys.certifiers(),
        ca.caCertificate(), devices, ca.trustStore(), db.certifications(),
        config.certificationQuotaPeriod());
    PseudonymService pseudonyms = new PseudonymService(db.pseudonyms(), db.identities(),
        new PayeeInfoRegister(db), keys.sealer(), random);
    InspectionService inspection = new InspectionService(ca.trustStore(), db.inspections(),
        new InspectedPayments(db));
    ArtFactory factory = new ArtFactory(keys.factoryKey(), keys.factory(), ca.caCertificate(),
        config.artPolicy(), devices, ca.trustStore(), pseudonyms, db.arts(),
        new ArtGrantStore(db), inspection, random);
    return new IssuerSystem(config, db, clock, ca, devices, pseudonyms, certification,
        inspection, factory, keys.committee());
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
