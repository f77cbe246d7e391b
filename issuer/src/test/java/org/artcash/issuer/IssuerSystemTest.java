package org.artcash.issuer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.CertRole;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.DeviceAttributes;
import org.artcash.core.pki.PaymentKeyClass;
import org.artcash.core.pki.TrustStore;
import org.artcash.issuer.IssuerConfig.CertifierClass;
import org.artcash.issuer.certification.Certifier;
import org.artcash.issuer.pseudonym.IdentityDetails;
import org.artcash.issuer.pseudonym.RegisteredPseudonym;
import org.artcash.issuer.store.DeviceStatus;
import org.artcash.issuer.testing.SoftwareMonEboxes;
import org.artcash.issuer.testing.TestIssuer;
import org.artcash.monebox.DeviceState;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.MonEboxStatus;
import org.artcash.monebox.Personalisation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IssuerSystemTest {
  private final TestIssuer issuer = TestIssuer.onH2();
  private final IssuerSystem system = issuer.system;

  @AfterEach
  void close() {
    issuer.close();
  }

  @Test
  void create_everyAgentKeyChainsToTheOneRootOfTrust() throws ArtcashException {
    TrustStore purse = TrustStore.anchoredAt(system.root());
    Certificate factory = system.artFactory().chain().get(0);
    Certificate attestation = system.monEboxManagement().attestationCertificate();

    purse.validate(factory, CertRole.ART_FACTORY, issuer.now(), system.chainFor(factory));
    purse.validate(attestation, CertRole.DEVICE_ATTESTATION, issuer.now(),
        system.chainFor(attestation));
    for (Certifier c : system.certification().certifiers()) {
      purse.validate(c.certificate(), CertRole.PAYMENT_KEY_CERTIFIER, issuer.now(),
          system.chainFor(c.certificate()));
    }
    assertEquals(List.of(factory, system.caCertificate()), system.chainFor(factory));
  }

  @Test
  void defaults_offerEverydayLargeAndWholesalePaymentKeys() {
    IssuerConfig config = IssuerConfig.defaults();
    Currency eur = Currency.of("EUR");

    assertEquals(List.of("everyday", "large", "wholesale"),
        config.certifiers().stream().map(CertifierClass::name).toList());
    assertEquals(Amount.of(eur, 5_000), config.certifiers().get(0).keyClass().maxSinglePayment());
    assertEquals(100, config.certifiers().get(0).keyClass().maxPayments());
    assertEquals(Amount.of(eur, 500_000),
        config.certifiers().get(1).keyClass().maxSinglePayment());
    assertEquals(1, config.certifiers().get(1).keyClass().minDeviceClass());
    assertEquals(Amount.of(eur, 100_000_000),
        config.certifiers().get(2).keyClass().maxSinglePayment());
    assertEquals(2, config.certifiers().get(2).keyClass().minDeviceClass());
    assertEquals(3, config.committeeSize());
    assertEquals(2, config.committeeQuorum());
  }

  @Test
  void config_classInAnotherCurrency_isRefused() {
    IssuerConfig defaults = IssuerConfig.defaults();
    CertifierClass dollars = new CertifierClass("dollars",
        new PaymentKeyClass(9, Amount.of(Currency.of("USD"), 100), 10, 0), 1);

    assertThrows(IllegalArgumentException.class,
        () -> defaults.withCertifiers(List.of(dollars)));
  }

  @Test
  void personalisationFor_anOrdinaryMonEbox_installsRootDeviceCertificateAndPseudonym()
      throws ArtcashException {
    MonEbox box = SoftwareMonEboxes.blank();
    IdentityDetails owner = new IdentityDetails("Anna Jansen", LocalDate.of(1980, 5, 17), "NL",
        "Oudegracht 1, Utrecht", "NL passport NX1234567");

    Personalisation p = system.personalisationFor(box, 1, false, Optional.of(owner),
        "Bakery Jansen, Utrecht");
    box.personalise(p);

    MonEboxStatus status = box.status();
    assertEquals(DeviceState.ACTIVE, status.state());
    assertEquals(Optional.of(p.pseudonym()), status.pseudonym());
    assertEquals(1, status.deviceClass());
    assertEquals(system.root(), box.rootOfTrust());
    assertEquals(List.of(system.caCertificate(),
        system.monEboxManagement().attestationCertificate()), p.chain());
    assertTrue(p.committee().isEmpty());
    assertEquals(IssuerConfig.defaults().buttonThreshold(), p.buttonThreshold());
    DeviceAttributes attributes = DeviceAttributes.decode(p.deviceCertificate().attributes());
    assertFalse(attributes.issuerDevice());
    assertEquals(DeviceStatus.ACTIVE,
        system.monEboxManagement().record(attributes.deviceId()).status());
    RegisteredPseudonym registered = system.pseudonyms().find(p.pseudonym()).orElseThrow();
    assertEquals(attributes.deviceId(), registered.deviceId());
    assertFalse(registered.anonymous());
    assertEquals("Bakery Jansen, Utrecht", registered.payeeInfo());
  }

  @Test
  void personalisationFor_theIssuersMonEbox_installsTheIssuanceCommittee()
      throws ArtcashException {
    MonEbox box = SoftwareMonEboxes.blank();

    Personalisation p = system.personalisationFor(box, 2, true, Optional.empty(), "Issuer");
    box.personalise(p);

    Personalisation.Committee committee = p.committee().orElseThrow();
    assertEquals(2, committee.quorum());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(system.committee().members().get(i).key().publicKey(),
          committee.members().get(i));
    }
    assertTrue(DeviceAttributes.decode(p.deviceCertificate().attributes()).issuerDevice());
    assertEquals(Amount.zero(Currency.of("EUR")),
        box.status().supply().orElseThrow().issued());
  }
}
