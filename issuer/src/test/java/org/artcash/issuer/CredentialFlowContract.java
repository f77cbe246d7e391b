package org.artcash.issuer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.Art;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtKind;
import org.artcash.core.art.ArtRules;
import org.artcash.core.credential.ArtGrant;
import org.artcash.core.credential.ArtRequest;
import org.artcash.core.credential.CertificationRequest;
import org.artcash.core.credential.CertificationResponse;
import org.artcash.core.credential.CredentialService;
import org.artcash.core.credential.CredentialService.CertifierOffer;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.PaymentKeyClass;
import org.artcash.core.pki.RevocationList;
import org.artcash.core.pki.TrustStore;
import org.artcash.issuer.inspection.InspectionService;
import org.artcash.issuer.issuance.IssuanceOffice;
import org.artcash.issuer.pseudonym.IdentityDetails;
import org.artcash.issuer.testing.PaymentKey;
import org.artcash.issuer.testing.SoftwareMonEboxes;
import org.artcash.issuer.testing.TestIssuer;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.MonEboxStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole issuer as the e-purses see it, over one database (H2 or PostgreSQL, by subclass):
 * provisioning, issuance, payment-key certification and ARTs for software MonEboxes through the
 * {@link CredentialService}, revocation lists, and returned ARTs reaching inspection.
 */
abstract class CredentialFlowContract {
  private static final Currency EUR = Currency.of("EUR");

  protected TestIssuer issuer;

  /** A complete issuer over a fresh, empty database of the subclass's kind. */
  protected abstract TestIssuer openIssuer();

  @BeforeEach
  void open() {
    issuer = openIssuer();
  }

  @AfterEach
  void close() {
    issuer.close();
  }

  @Test
  void credentialService_servesMonEboxesFromProvisioningToReturnedArts()
      throws ArtcashException {
    IssuerSystem system = issuer.system;
    CredentialService agents = system.credentialService();

    // The issuer's MonEbox and the issuance committee put e-cash into circulation.
    MonEbox issuerBox = SoftwareMonEboxes.issuers(system);
    IssuanceOffice office = system.openIssuanceOffice(issuerBox);
    office.issue(Amount.of(EUR, 1_000_000_00L), List.of(0, 2), issuer.now());
    assertEquals(Amount.of(EUR, 1_000_000_00L), office.supply(EUR).outstanding());

    // A shop (identified) and a customer (anonymous) get their MonEboxes.
    MonEbox shop = SoftwareMonEboxes.blank();
    shop.personalise(system.personalisationFor(shop, 1, false, Optional.of(new IdentityDetails(
        "Anna Jansen", LocalDate.of(1980, 5, 17), "NL", "Oudegracht 1, Utrecht",
        "KvK 12345678")), "Bakery Jansen, Utrecht"));
    MonEbox customer = SoftwareMonEboxes.blank();
    customer.personalise(system.personalisationFor(customer, 0, false, Optional.empty(), ""));

    // The customer's MonEbox gets an everyday payment key certified, blind.
    CertifierOffer everyday = agents.certifiers().stream()
        .filter(o -> decode(o).classId() == 1).findFirst().orElseThrow();
    CertificationRequest request = customer.requestPaymentKeyCertification(
        everyday.certificate(), everyday.chain(), issuer.now());
    CertificationResponse response = agents.certify(request);
    assertArrayEquals(response.blindSignature(), agents.certify(request).blindSignature());
    MonEboxStatus.PaymentKeyInfo key = customer.installPaymentKeyCertificate(response);
    assertTrue(key.certified());
    assertEquals(Amount.of(EUR, 5_000), key.maxSinglePayment());

    // The shop's MonEbox gets ARTs for its pseudonym, with its payee information.
    ArtRequest artRequest = shop.requestArts(
        new ArtRequest.Wish(ArtKind.PAYMENT, 2, 200, 100_000, 1_000_000), issuer.now());
    ArtGrant grant = agents.issueArts(artRequest);
    assertEquals(grant.arts(), agents.issueArts(artRequest).arts());
    TrustStore payer = TrustStore.anchoredAt(customer.rootOfTrust());
    for (ArtConfig art : grant.arts()) {
      ArtRules.verifyConfig(art, payer, grant.chain());
      assertEquals(shop.status().pseudonym().orElseThrow(), art.owner());
      assertEquals("Bakery Jansen, Utrecht", art.payeeInfo());
    }

    // Revocation lists reach the MonEboxes.
    RevocationList list = agents.revocationList();
    shop.updateRevocationList(list, List.of(system.caCertificate()));
    assertTrue(list.verifySignature(system.caCertificate().publicKey()));

    // A used ART comes back and is inspected.
    PaymentKey payerKey = issuer.paymentKey(issuer.device(0), "everyday");
    Art used = issuer.paid(grant.arts().get(0), payerKey, 1_999, 4_250);
    issuer.clock.advance(Duration.ofDays(31));
    agents.returnArts(List.of(used));
    agents.returnArts(List.of(used));

    InspectionService.Summary summary = system.inspection().summary();
    assertEquals(1, summary.artsInspected());
    assertEquals(2, summary.payments());
    assertEquals(List.of(Amount.of(EUR, 6_249)), summary.value());
    assertEquals(0, summary.anomalies());
  }

  @Test
  void revokedCertifier_isNoLongerOffered_andItsKeysAreRefused() throws ArtcashException {
    IssuerSystem system = issuer.system;
    CredentialService agents = system.credentialService();
    CertifierOffer everyday = agents.certifiers().get(0);
    MonEbox customer = SoftwareMonEboxes.blank();
    customer.personalise(system.personalisationFor(customer, 0, false, Optional.empty(), ""));

    system.certificateAuthority().revoke(everyday.certificate().subjectKeyId(),
        "certification key compromised", issuer.now());

    assertEquals(2, agents.certifiers().size());
    assertTrue(agents.revocationList().isRevoked(everyday.certificate().subjectKeyId()));
    CertificationRequest request = customer.requestPaymentKeyCertification(
        everyday.certificate(), everyday.chain(), issuer.now());
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> agents.certify(request));
    assertEquals(Reason.REVOKED, e.reason());
  }

  @Test
  void returnArts_whoeverReturnsFirst_theOwnersLogIsInspected_andAConflictingOneReported()
      throws ArtcashException {
    CredentialService agents = issuer.system.credentialService();
    ArtConfig art = issuer.freshArt(issuer.device(1));
    PaymentKey payerKey = issuer.paymentKey(issuer.device(0), "everyday");
    Art real = issuer.paid(art, payerKey, 1_999, 4_250);
    Art forged = issuer.paid(art, issuer.impostorOf(payerKey), 10);

    // an empty log and a forged one, from someone who saw the ART in a payment request
    agents.returnArts(List.of(new Art(art, List.of(), List.of())));
    agents.returnArts(List.of(forged));
    issuer.clock.advance(Duration.ofDays(31));
    agents.returnArts(List.of(real));
    agents.returnArts(List.of(real));

    assertEquals(real.records(), Art.decode(issuer.db.arts().find(art.artId()).orElseThrow()
        .fullArt().orElseThrow()).records());
    InspectionService.Summary summary = issuer.system.inspection().summary();
    assertEquals(2, summary.payments());
    assertEquals(List.of(Amount.of(EUR, 6_249)), summary.value());
    assertEquals(List.of("BAD_SIGNATURE", "FORK"), issuer.system.inspection().anomalies()
        .stream().map(a -> a.code()).toList());
  }

  private static PaymentKeyClass decode(CertifierOffer offer) {
    try {
      return PaymentKeyClass.decode(offer.certificate().attributes());
    } catch (ArtcashException e) {
      throw new AssertionError(e);
    }
  }
}
