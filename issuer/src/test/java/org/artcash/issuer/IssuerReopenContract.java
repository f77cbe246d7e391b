package org.artcash.issuer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.UUID;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtKind;
import org.artcash.core.art.ArtRules;
import org.artcash.core.codec.Bytes;
import org.artcash.core.credential.ArtGrant;
import org.artcash.core.credential.ArtRequest;
import org.artcash.core.credential.CertificationRequest;
import org.artcash.core.credential.CredentialService.CertifierOffer;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.CertRole;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.PaymentKeyClass;
import org.artcash.core.pki.RevocationList;
import org.artcash.core.pki.TrustStore;
import org.artcash.issuer.IssuerConfig.CertifierClass;
import org.artcash.issuer.issuance.IssuanceOffice;
import org.artcash.issuer.keys.FileKeyVault;
import org.artcash.issuer.keys.SoftwareKeyVault;
import org.artcash.issuer.pseudonym.IdentityDetails;
import org.artcash.issuer.store.IssuerDatabase;
import org.artcash.issuer.testing.SoftwareMonEboxes;
import org.artcash.issuer.testing.TestClock;
import org.artcash.issuer.testing.TestIssuer;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.MonEboxStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An issuer stopped and opened again over its database (H2 file or PostgreSQL, by subclass) and
 * its {@link FileKeyVault} is the same issuer, and one opened over a database and vault that do
 * not belong together is refused without changing either.
 */
abstract class IssuerReopenContract {
  private static final char[] PASSPHRASE = "issuer test passphrase".toCharArray();
  private static final Currency EUR = Currency.of("EUR");
  private static final IdentityDetails ANNA = new IdentityDetails("Anna Jansen",
      LocalDate.of(1980, 5, 17), "NL", "Oudegracht 1, Utrecht", "KvK 12345678");

  private final SecureRandom random = new SecureRandom();
  private final TestClock clock = new TestClock(TestIssuer.T0);
  private final IssuerConfig config = IssuerConfig.defaults();
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();

  @TempDir
  Path dir;

  /** Opens this test's database, empty at first; every call opens the same one. */
  protected abstract IssuerDatabase openDatabase();

  /** Runs after the test, once everything it opened is closed. */
  protected void dropDatabase() {
  }

  @AfterEach
  void closeEverything() throws Exception {
    try {
      stop();
    } finally {
      dropDatabase();
    }
  }

  @Test
  void open_again_isTheSameIssuer_andServesTheMonEboxesItProvisionedBefore() throws Exception {
    IssuerDatabase db = database();
    IssuerSystem first = IssuerSystem.open(config, db, vault("keys"), clock, random);
    MonEbox issuerBox = SoftwareMonEboxes.issuers(first);
    first.openIssuanceOffice(issuerBox).issue(Amount.of(EUR, 1_000_00), List.of(0, 1),
        clock.instant());
    MonEbox shop = SoftwareMonEboxes.blank();
    shop.personalise(first.personalisationFor(shop, 1, false, Optional.of(ANNA),
        "Bakery Jansen, Utrecht"));
    MonEbox customer = SoftwareMonEboxes.blank();
    customer.personalise(first.personalisationFor(customer, 0, false, Optional.empty(), ""));
    RevocationList listBefore = first.credentialService().revocationList();
    customer.updateRevocationList(listBefore, List.of(first.caCertificate()));
    Bytes shopPseudonym = shop.status().pseudonym().orElseThrow();
    Bytes annasReference = db.pseudonyms().find(shopPseudonym).orElseThrow().identityRef()
        .orElseThrow();
    stop();
    clock.advance(Duration.ofHours(1));

    IssuerDatabase reopened = database();
    IssuerSystem again = IssuerSystem.open(config, reopened, vault("keys"), clock, random);

    assertEquals(first.root(), again.root());
    assertEquals(first.root().subjectKeyId(), again.root().subjectKeyId());
    assertEquals(first.caCertificate(), again.caCertificate());
    assertEquals(first.monEboxManagement().attestationCertificate(),
        again.monEboxManagement().attestationCertificate());
    assertEquals(first.artFactory().chain(), again.artFactory().chain());
    assertEquals(offered(first), offered(again));
    assertEquals(first.committee().size(), again.committee().size());
    for (int i = 0; i < first.committee().size(); i++) {
      assertArrayEquals(first.committee().publicKeys().get(i),
          again.committee().publicKeys().get(i));
    }

    // A MonEbox provisioned before the restart gets a payment key certified ...
    CertifierOffer everyday = again.credentialService().certifiers().get(0);
    CertificationRequest request = customer.requestPaymentKeyCertification(
        everyday.certificate(), everyday.chain(), clock.instant());
    MonEboxStatus.PaymentKeyInfo key = customer.installPaymentKeyCertificate(
        again.credentialService().certify(request));
    assertTrue(key.certified());

    // ... and fresh ARTs that verify under the root it was personalised with.
    ArtGrant grant = again.credentialService().issueArts(shop.requestArts(
        new ArtRequest.Wish(ArtKind.PAYMENT, 2, 200, 100_000, 1_000_000), clock.instant()));
    assertFalse(grant.arts().isEmpty());
    TrustStore payer = TrustStore.anchoredAt(customer.rootOfTrust());
    for (ArtConfig art : grant.arts()) {
      ArtRules.verifyConfig(art, payer, grant.chain());
      assertEquals(shopPseudonym, art.owner());
      assertEquals("Bakery Jansen, Utrecht", art.payeeInfo());
    }

    // Revocation lists go on from where they were, so MonEboxes accept them.
    RevocationList listAfter = again.credentialService().revocationList();
    assertTrue(listAfter.sequence() > listBefore.sequence());
    customer.updateRevocationList(listAfter, List.of(again.caCertificate()));

    // The committee's orders still verify in the issuer's MonEbox.
    IssuanceOffice office = again.openIssuanceOffice(issuerBox);
    office.issue(Amount.of(EUR, 500_00), List.of(1, 2), clock.instant());
    assertEquals(Amount.of(EUR, 1_500_00), office.supply(EUR).outstanding());

    // The identity register's key is the same: the same person gets the same reference.
    MonEbox secondShop = SoftwareMonEboxes.blank();
    secondShop.personalise(again.personalisationFor(secondShop, 1, false, Optional.of(ANNA),
        "Jansen"));
    assertEquals(Optional.of(annasReference), reopened.pseudonyms()
        .find(secondShop.status().pseudonym().orElseThrow()).orElseThrow().identityRef());
  }

  @Test
  void open_storesEveryCertificateTheCaIssued() throws Exception {
    IssuerDatabase db = database();
    IssuerSystem issuer = IssuerSystem.open(config, db, vault("keys"), clock, random);

    Map<String, Certificate> stored = db.issuerCertificates().all();

    assertEquals(List.of("art-factory", "ca", "certifier/everyday", "certifier/large",
        "certifier/wholesale", "device-attestation", "root"), List.copyOf(stored.keySet()));
    assertEquals(issuer.root(), stored.get("root"));
    assertEquals(issuer.caCertificate(), stored.get("ca"));
    assertEquals(issuer.artFactory().chain().get(0), stored.get("art-factory"));
    assertEquals(issuer.monEboxManagement().attestationCertificate(),
        stored.get("device-attestation"));
    assertEquals(offered(issuer), List.of(stored.get("certifier/everyday"),
        stored.get("certifier/large"), stored.get("certifier/wholesale")));
  }

  @Test
  void open_emptyVaultOverAnIssuersDatabase_isRefused_andChangesNothing() throws Exception {
    IssuerSystem.open(config, database(), vault("keys"), clock, random);
    stop();
    IssuerDatabase db = database();
    Map<String, Certificate> before = db.issuerCertificates().all();
    FileKeyVault empty = vault("other-keys");

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> IssuerSystem.open(config, db, empty, clock, random));

    assertEquals(Reason.WRONG_STATE, e.reason());
    assertTrue(e.getMessage().contains("whose keys are not in this key vault"), e.getMessage());
    assertTrue(empty.labels().isEmpty());
    assertEquals(before, db.issuerCertificates().all());
  }

  @Test
  void open_anotherIssuersVault_isRefused_andChangesNothing() throws Exception {
    IssuerSystem.open(config, database(), vault("keys"), clock, random);
    stop();
    SoftwareKeyVault other = new SoftwareKeyVault(random);
    IssuerSystem.open(config, inMemoryDatabase(), other, clock, random);
    SortedSet<String> otherLabels = other.labels();
    IssuerDatabase db = database();
    Map<String, Certificate> before = db.issuerCertificates().all();

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> IssuerSystem.open(config, db, other, clock, random));

    assertEquals(Reason.WRONG_STATE, e.reason());
    assertTrue(e.getMessage().contains("belongs to another issuer"), e.getMessage());
    assertEquals(otherLabels, other.labels());
    assertEquals(before, db.issuerCertificates().all());
  }

  @Test
  void open_vaultThatLostAnAgentKey_isRefused_andMakesNoNewOne() throws Exception {
    IssuerSystem.open(config, database(), vault("keys"), clock, random);
    stop();
    Files.delete(dir.resolve("keys").resolve("art-factory.key"));
    FileKeyVault vault = vault("keys");

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> IssuerSystem.open(config, database(), vault, clock, random));

    assertEquals(Reason.WRONG_STATE, e.reason());
    assertTrue(e.getMessage().startsWith("the key vault does not hold the issuer's key"
        + " 'art-factory'"), e.getMessage());
    assertTrue(vault.signingKey("art-factory").isEmpty());
  }

  @Test
  void open_usedVaultOverAnEmptyDatabase_isRefused() throws Exception {
    FileKeyVault vault = vault("keys");
    IssuerSystem.open(config, inMemoryDatabase(), vault, clock, random);
    IssuerDatabase empty = database();

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> IssuerSystem.open(config, empty, vault, clock, random));

    assertEquals(Reason.WRONG_STATE, e.reason());
    assertTrue(e.getMessage().contains("holds none of their certificates"), e.getMessage());
    assertTrue(empty.issuerCertificates().all().isEmpty());
  }

  @Test
  void open_withAnotherCommitteeSize_isRefused() throws Exception {
    IssuerSystem.open(config, database(), vault("keys"), clock, random);
    stop();
    IssuerConfig fourMembers = new IssuerConfig(config.currency(), config.validity(),
        config.certifiers(), config.certificationQuotaPeriod(), config.certifierModulusBits(),
        config.artPolicy(), 4, config.committeeQuorum(), config.buttonThreshold(),
        config.maxBindings());
    IssuerDatabase db = database();
    FileKeyVault vault = vault("keys");
    SortedSet<String> labels = vault.labels();

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> IssuerSystem.open(fourMembers, db, vault, clock, random));

    assertEquals(Reason.WRONG_STATE, e.reason());
    assertTrue(e.getMessage().contains("3 issuance committee key(s)"), e.getMessage());
    assertEquals(labels, vault.labels());
  }

  @Test
  void open_classWithOtherTermsUnderItsOldName_isRefused() throws Exception {
    IssuerSystem.open(config, database(), vault("keys"), clock, random);
    stop();
    List<CertifierClass> classes = new ArrayList<>(config.certifiers());
    CertifierClass everyday = classes.get(0);
    classes.set(0, new CertifierClass("everyday", new PaymentKeyClass(1,
        everyday.keyClass().maxSinglePayment(), 50, 0), everyday.maxPerDevicePerPeriod()));

    ArtcashException e = assertThrows(ArtcashException.class, () -> IssuerSystem.open(
        config.withCertifiers(classes), database(), vault("keys"), clock, random));

    assertEquals(Reason.WRONG_STATE, e.reason());
    assertTrue(e.getMessage().startsWith("payment-key class 'everyday'"), e.getMessage());
  }

  @Test
  void open_withANewPaymentKeyClass_certifiesItAndKeepsTheOthers() throws Exception {
    IssuerSystem first = IssuerSystem.open(config, database(), vault("keys"), clock, random);
    List<Certificate> before = offered(first);
    stop();
    List<CertifierClass> classes = new ArrayList<>(config.certifiers());
    classes.add(new CertifierClass("pocket-money",
        new PaymentKeyClass(4, Amount.of(EUR, 10_00), 20, 0), 5));
    IssuerConfig withPocketMoney = config.withCertifiers(classes);

    IssuerSystem again = IssuerSystem.open(withPocketMoney, database(), vault("keys"), clock,
        random);

    List<Certificate> after = offered(again);
    assertEquals(before, after.subList(0, 3));
    Certificate pocketMoney = after.get(3);
    assertEquals(4, PaymentKeyClass.decode(pocketMoney.attributes()).classId());
    TrustStore.anchoredAt(first.root()).validate(pocketMoney, CertRole.PAYMENT_KEY_CERTIFIER,
        clock.instant(), again.chainFor(pocketMoney));
    stop();

    IssuerSystem third = IssuerSystem.open(withPocketMoney, database(), vault("keys"), clock,
        random);
    assertEquals(after, offered(third));
  }

  @Test
  void create_onAnIssuersDatabase_isRefused() throws Exception {
    IssuerSystem.open(config, database(), vault("keys"), clock, random);
    stop();
    IssuerDatabase db = database();

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> IssuerSystem.create(config, db, clock, random));

    assertTrue(e.getMessage().contains("already belongs to an issuer"), e.getMessage());
  }

  private IssuerDatabase database() {
    return remember(openDatabase());
  }

  private IssuerDatabase inMemoryDatabase() {
    return remember(IssuerDatabase.inMemoryH2("other-" + UUID.randomUUID()));
  }

  private FileKeyVault vault(String name) throws ArtcashException {
    return remember(FileKeyVault.open(dir.resolve(name), PASSPHRASE, random));
  }

  private <T extends AutoCloseable> T remember(T resource) {
    opened.push(resource);
    return resource;
  }

  /** Closes everything opened so far, as a stopped issuer process leaves its database and keys. */
  private void stop() throws Exception {
    while (!opened.isEmpty()) {
      opened.pop().close();
    }
  }

  private static List<Certificate> offered(IssuerSystem issuer) throws ArtcashException {
    return issuer.credentialService().certifiers().stream().map(CertifierOffer::certificate)
        .toList();
  }
}
