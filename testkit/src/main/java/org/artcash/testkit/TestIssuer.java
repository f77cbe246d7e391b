package org.artcash.testkit;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtKind;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.credential.ArtGrant;
import org.artcash.core.credential.ArtRequest;
import org.artcash.core.credential.CertificationRequest;
import org.artcash.core.credential.CertificationResponse;
import org.artcash.core.credential.CredentialService.CertifierOffer;
import org.artcash.core.crypto.BlindRsa;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.Ecdsa;
import org.artcash.core.crypto.KeyAlgorithm;
import org.artcash.core.crypto.KeyId;
import org.artcash.core.crypto.P256;
import org.artcash.core.issuance.IssuanceOrder;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.CertRole;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.DeviceAttributes;
import org.artcash.core.pki.PaymentKeyClass;
import org.artcash.core.pki.RevocationList;
import org.artcash.core.pki.TrustStore;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.MonEboxStatus;
import org.artcash.monebox.Personalisation;

/**
 * A whole issuer for tests, from the core alone and without a database (de Jong 2024, sec. 3 and
 * 6): root, CA, ART factory, device attestation, two payment-key certifiers and a 2-of-3 issuance
 * committee. Its clock is an instant the test sets; nothing here reads the system clock.
 */
public final class TestIssuer {
  public static final Currency EUR = Currency.of("EUR");
  /** Every test issuer's clock starts here. */
  public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  /** The issuer's button threshold for personalised MonEboxes: EUR 100.00. */
  public static final long BUTTON_THRESHOLD = 100_00;
  public static final int MAX_BINDINGS = 2;
  public static final int COMMITTEE_SIZE = 3;
  public static final int COMMITTEE_QUORUM = 2;
  /** Small payment keys: up to EUR 50.00 each, 100 payments, any device class. */
  public static final int SMALL_CLASS = 1;
  /** Large payment keys: up to EUR 5000.00 each, 20 payments, device class 1 or higher. */
  public static final int LARGE_CLASS = 2;
  /** Certifiers are valid from 2026-01-01 to 2027-01-01: time beyond that expires their keys. */
  public static final Instant CERTIFIERS_UNTIL = Instant.parse("2027-01-01T00:00:00Z");

  private static final Instant ROOT_FROM = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant ROOT_UNTIL = Instant.parse("2036-01-01T00:00:00Z");
  private static final Instant AGENTS_FROM = Instant.parse("2025-06-01T00:00:00Z");
  private static final Instant AGENTS_UNTIL = Instant.parse("2030-01-01T00:00:00Z");
  private static final Instant CERTIFIERS_FROM = Instant.parse("2026-01-01T00:00:00Z");
  private static final int RSA_BITS = 2048;

  /** RSA key generation is slow, so issuers made by {@link #create()} share one set of keys. */
  private static Keys sharedKeys;

  private record Keys(EcSigner root, EcSigner ca, EcSigner factory, EcSigner attestation,
      List<EcSigner> committee, KeyPair small, KeyPair large, KeyPair next) {}

  /** One device personalised by this issuer. */
  public record Device(Bytes deviceId, Bytes pseudonym, Certificate certificate) {}

  /** The terms of a fresh ART; {@link #standard()} is EUR, 100 payments of up to EUR 500.00. */
  public record ArtSpec(Currency currency, int maxPayments, long maxSingle, long maxAggregate,
      Duration validity, Duration redemptionWindow) {
    public static ArtSpec standard() {
      return new ArtSpec(EUR, 100, 500_00, 5_000_00, Duration.ofDays(30), Duration.ofDays(60));
    }

    public ArtSpec withCurrency(Currency c) {
      return new ArtSpec(c, maxPayments, maxSingle, maxAggregate, validity, redemptionWindow);
    }

    public ArtSpec withMaxPayments(int n) {
      return new ArtSpec(currency, n, maxSingle, maxAggregate, validity, redemptionWindow);
    }

    public ArtSpec withLimits(long single, long aggregate) {
      return new ArtSpec(currency, maxPayments, single, aggregate, validity, redemptionWindow);
    }

    public ArtSpec withValidity(Duration v, Duration redemption) {
      return new ArtSpec(currency, maxPayments, maxSingle, maxAggregate, v, redemption);
    }
  }

  private final SecureRandom random = new SecureRandom();
  private final Keys keys;
  private final Certificate root;
  private final Certificate ca;
  private final Certificate factory;
  private final Certificate attestation;
  private final PaymentKeyClass smallClass;
  private final PaymentKeyClass largeClass;
  private final Certificate smallCertifier;
  private final Certificate largeCertifier;
  private Instant now = START;

  private TestIssuer(Keys keys) {
    this.keys = keys;
    root = Certificate.issue(keys.root(), serial(), CertRole.ROOT, KeyAlgorithm.EC_P256,
        keys.root().publicKey(), new byte[0], ROOT_FROM, ROOT_UNTIL);
    ca = Certificate.issue(keys.root(), serial(), CertRole.CA, KeyAlgorithm.EC_P256,
        keys.ca().publicKey(), new byte[0], ROOT_FROM, ROOT_UNTIL);
    factory = Certificate.issue(keys.ca(), serial(), CertRole.ART_FACTORY, KeyAlgorithm.EC_P256,
        keys.factory().publicKey(), new byte[0], AGENTS_FROM, AGENTS_UNTIL);
    attestation = Certificate.issue(keys.ca(), serial(), CertRole.DEVICE_ATTESTATION,
        KeyAlgorithm.EC_P256, keys.attestation().publicKey(), new byte[0], AGENTS_FROM,
        AGENTS_UNTIL);
    smallClass = new PaymentKeyClass(SMALL_CLASS, Amount.of(EUR, 50_00), 100, 0);
    largeClass = new PaymentKeyClass(LARGE_CLASS, Amount.of(EUR, 5_000_00), 20, 1);
    smallCertifier = certifierCertificate(keys.small(), smallClass);
    largeCertifier = certifierCertificate(keys.large(), largeClass);
  }

  /** An issuer with the shared test keys and fresh certificates; cheap after the first. */
  public static TestIssuer create() {
    synchronized (TestIssuer.class) {
      if (sharedKeys == null) {
        sharedKeys = generateKeys();
      }
      return new TestIssuer(sharedKeys);
    }
  }

  private static Keys generateKeys() {
    SecureRandom r = new SecureRandom();
    List<EcSigner> committee = new ArrayList<>();
    for (int i = 0; i < COMMITTEE_SIZE; i++) {
      committee.add(ecKey(r));
    }
    return new Keys(ecKey(r), ecKey(r), ecKey(r), ecKey(r), committee,
        BlindRsa.generateKeyPair(RSA_BITS, r), BlindRsa.generateKeyPair(RSA_BITS, r),
        BlindRsa.generateKeyPair(RSA_BITS, r));
  }

  private static EcSigner ecKey(SecureRandom r) {
    KeyPair kp = P256.generate(r);
    return Ecdsa.softwareSigner((ECPrivateKey) kp.getPrivate(), (ECPublicKey) kp.getPublic(), r);
  }

  private Certificate certifierCertificate(KeyPair rsa, PaymentKeyClass cls) {
    return certifierCertificate(rsa, cls, CERTIFIERS_FROM, CERTIFIERS_UNTIL);
  }

  private Certificate certifierCertificate(KeyPair rsa, PaymentKeyClass cls, Instant from,
      Instant until) {
    return Certificate.issue(keys.ca(), serial(), CertRole.PAYMENT_KEY_CERTIFIER,
        KeyAlgorithm.RSA_BSSA_SHA384_PSS_RANDOMIZED,
        BlindRsa.encodePublicKey((RSAPublicKey) rsa.getPublic()), cls.encode(), from, until);
  }

  private Bytes serial() {
    return randomBytes(16);
  }

  private Bytes randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return Bytes.copyOf(b);
  }

  // --- the clock

  public Instant now() {
    return now;
  }

  public void setNow(Instant time) {
    now = time.truncatedTo(ChronoUnit.SECONDS);
  }

  public void advance(Duration d) {
    setNow(now.plus(d));
  }

  // --- certificates

  public Certificate root() {
    return root;
  }

  public Certificate ca() {
    return ca;
  }

  public Certificate factoryCertificate() {
    return factory;
  }

  /** What travels with an ART: the factory's certificate and the CA's. */
  public List<Certificate> factoryChain() {
    return List.of(factory, ca);
  }

  /** What travels with a device certificate: the attestation key's certificate and the CA's. */
  public List<Certificate> deviceChain() {
    return List.of(attestation, ca);
  }

  public PaymentKeyClass smallClass() {
    return smallClass;
  }

  public PaymentKeyClass largeClass() {
    return largeClass;
  }

  public CertifierOffer smallCertifier() {
    return new CertifierOffer(smallCertifier, List.of(ca));
  }

  public CertifierOffer largeCertifier() {
    return new CertifierOffer(largeCertifier, List.of(ca));
  }

  /**
   * The next period's certifier of small payment keys: a key of its own, valid from {@code from}
   * to {@code until}, as the issuer publishes it ahead of its validity. {@link #certify} answers
   * requests to it.
   */
  public CertifierOffer nextSmallCertifier(Instant from, Instant until) {
    return new CertifierOffer(certifierCertificate(keys.next(), smallClass, from, until),
        List.of(ca));
  }

  /** What a payee or auditor starts from: the root of trust and nothing else. */
  public TrustStore rootOnlyTrust() throws ArtcashException {
    return TrustStore.anchoredAt(root);
  }

  // --- devices

  /** Keys, certifies and personalises a blank MonEbox with the issuer's standard limits. */
  public Device personalise(MonEbox box, int deviceClass, boolean issuerDevice)
      throws ArtcashException {
    return personalise(box, deviceClass, issuerDevice, BUTTON_THRESHOLD, MAX_BINDINGS);
  }

  public Device personalise(MonEbox box, int deviceClass, boolean issuerDevice,
      long buttonThreshold, int maxBindings) throws ArtcashException {
    byte[] deviceKey = box.generateDeviceKey();
    DeviceAttributes attributes = new DeviceAttributes(randomBytes(16), deviceClass, issuerDevice);
    Certificate cert = deviceCertificate(deviceKey, attributes);
    Bytes pseudonym = randomBytes(16);
    Optional<Personalisation.Committee> committee = issuerDevice
        ? Optional.of(new Personalisation.Committee(committeeKeys(), COMMITTEE_QUORUM))
        : Optional.empty();
    box.personalise(new Personalisation(root, deviceChain(), cert, pseudonym, EUR,
        buttonThreshold, maxBindings, committee, now));
    return new Device(attributes.deviceId(), pseudonym, cert);
  }

  /** A device certificate, valid from now for five years, for any key the test chooses. */
  public Certificate deviceCertificate(byte[] devicePublicKey, DeviceAttributes attributes) {
    return Certificate.issue(keys.attestation(), serial(), CertRole.DEVICE, KeyAlgorithm.EC_P256,
        devicePublicKey, attributes.encode(), now, now.plus(Duration.ofDays(5 * 365)));
  }

  public List<byte[]> committeeKeys() {
    return keys.committee().stream().map(EcSigner::publicKey).toList();
  }

  // --- credentials

  /**
   * The certifier's side (de Jong 2024, sec. 3.3): the seal must verify under a genuine device
   * certificate; then the blinded message is signed without the certifier learning the key.
   */
  public CertificationResponse certify(CertificationRequest request) throws ArtcashException {
    if (!request.verifySeal()) {
      throw new ArtcashException(Reason.BAD_SIGNATURE, "the certification request is not sealed"
          + " by the key of the device certificate it carries");
    }
    genuineDevice(request.deviceCertificate());
    KeyPair certifier = certifierKeys().get(request.certifierKeyId());
    if (certifier == null) {
      throw new ArtcashException(Reason.UNKNOWN_ISSUER, "this issuer has no certification key "
          + request.certifierKeyId().shortHex());
    }
    byte[] blindSignature = BlindRsa.blindSign((RSAPrivateCrtKey) certifier.getPrivate(),
        request.blindedMessage());
    return new CertificationResponse(request.requestHash(), request.certifierKeyId(),
        blindSignature);
  }

  private Map<Bytes, KeyPair> certifierKeys() {
    Bytes next = KeyId.of(KeyAlgorithm.RSA_BSSA_SHA384_PSS_RANDOMIZED,
        BlindRsa.encodePublicKey((RSAPublicKey) keys.next().getPublic()));
    return Map.of(smallCertifier.subjectKeyId(), keys.small(), largeCertifier.subjectKeyId(),
        keys.large(), next, keys.next());
  }

  private void genuineDevice(Certificate device) throws ArtcashException {
    try {
      rootOnlyTrust().validate(device, CertRole.DEVICE, now, deviceChain());
    } catch (ArtcashException e) {
      throw new ArtcashException(Reason.NOT_GENUINE_DEVICE,
          "the request does not come from a genuine MonEbox: " + e.getMessage(), e);
    }
  }

  /** Request, certify and install one payment key of the offered class. */
  public MonEboxStatus.PaymentKeyInfo equipPaymentKey(MonEbox box, CertifierOffer offer)
      throws ArtcashException {
    CertificationRequest request =
        box.requestPaymentKeyCertification(offer.certificate(), offer.chain(), now);
    return box.installPaymentKeyCertificate(certify(request));
  }

  public ArtConfig freshArt(Bytes owner) {
    return freshArt(owner, ArtSpec.standard());
  }

  /** A fresh ART (value zero) for {@code owner}, issued now, signed by the factory. */
  public ArtConfig freshArt(Bytes owner, ArtSpec spec) {
    Instant notAfter = now.plus(spec.validity());
    return ArtConfig.sign(new ArtConfig.Terms(randomBytes(16), owner, ArtKind.PAYMENT,
        spec.currency(), now, notAfter, notAfter.plus(spec.redemptionWindow()), spec.maxPayments(),
        spec.maxSingle(), spec.maxAggregate(), "test payee", ""), keys.factory());
  }

  /** The factory's side: fresh ARTs for a sealed request, within the standard terms. */
  public ArtGrant artsFor(ArtRequest request) throws ArtcashException {
    if (!request.verifySeal()) {
      throw new ArtcashException(Reason.BAD_SIGNATURE, "the ART request is not sealed by the key"
          + " of the device certificate it carries");
    }
    genuineDevice(request.deviceCertificate());
    ArtSpec policy = ArtSpec.standard();
    ArtRequest.Wish w = request.wish();
    long single = Math.min(w.maxSingle(), policy.maxSingle());
    ArtSpec spec = policy.withMaxPayments(Math.min(w.maxPayments(), policy.maxPayments()))
        .withLimits(single, Math.max(single, Math.min(w.maxAggregate(), policy.maxAggregate())));
    List<ArtConfig> arts = new ArrayList<>();
    for (int i = 0; i < w.count(); i++) {
      arts.add(freshArt(request.pseudonym(), spec));
    }
    return new ArtGrant(arts, factoryChain());
  }

  /**
   * A payee's request for {@code amount} on {@code state}, carrying what the payer needs to check
   * the state (de Jong 2024, sec. 4.1): the factory chain and, after a payment, the certifier of
   * the last payer's key.
   */
  public PaymentRequest paymentRequest(ArtState state, long amount) {
    return new PaymentRequest(state, OptionalLong.of(amount), requestChain(state));
  }

  /** A payee's request without an amount: the payer decides it. */
  public PaymentRequest openPaymentRequest(ArtState state) {
    return new PaymentRequest(state, OptionalLong.empty(), requestChain(state));
  }

  private List<Certificate> requestChain(ArtState state) {
    LinkedHashSet<Certificate> chain = new LinkedHashSet<>(factoryChain());
    state.last().map(r -> r.keyCertificate().certifierKeyId()).ifPresent(id -> {
      for (Certificate c : List.of(smallCertifier, largeCertifier)) {
        if (c.subjectKeyId().equals(id)) {
          chain.add(c);
        }
      }
    });
    return List.copyOf(chain);
  }

  /**
   * What a payee's e-purse hands its MonEbox to redeem: the received token with the ART factory's
   * chain added, since the MonEbox checks the ART's factory signature as well as the payer's.
   */
  public TransferToken forRedemption(TransferToken received) {
    LinkedHashSet<Certificate> chain = new LinkedHashSet<>(factoryChain());
    chain.addAll(received.chain());
    return new TransferToken(received.config(), received.record(), List.copyOf(chain));
  }

  // --- issuance and revocation

  /** An order signed by the committee members whose indexes are given (0..2). */
  public IssuanceOrder issuanceOrder(Bytes issuerDeviceId, long sequence, IssuanceOrder.Kind kind,
      Amount amount, int... signers) {
    IssuanceOrder order = IssuanceOrder.draft(issuerDeviceId, sequence, kind, amount, now);
    for (int i : Arrays.stream(signers).distinct().toArray()) {
      order = order.signedBy(i, keys.committee().get(i));
    }
    return order;
  }

  /** A CA-signed revocation list issued now, valid for a week. */
  public RevocationList revocationList(long sequence, Bytes... revokedKeyIds) {
    return RevocationList.issue(keys.ca(), sequence, now, now.plus(Duration.ofDays(7)),
        List.of(revokedKeyIds));
  }
}
