package org.artcash.issuer.testing;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.artcash.core.ArtcashException;
import org.artcash.core.art.Art;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtKind;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentRecord;
import org.artcash.core.credential.ArtGrant;
import org.artcash.core.credential.ArtRequest;
import org.artcash.core.pki.Certificate;
import org.artcash.issuer.IssuerConfig;
import org.artcash.issuer.IssuerSystem;
import org.artcash.issuer.certification.Certifier;
import org.artcash.issuer.store.IssuerDatabase;

/** A complete issuer over a fresh database and a stopped clock, closed after the test. */
public final class TestIssuer implements AutoCloseable {
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  public final SecureRandom random = new SecureRandom();
  public final TestClock clock = new TestClock(T0);
  public final IssuerDatabase db;
  public final IssuerSystem system;
  private final Runnable afterClose;

  private TestIssuer(IssuerDatabase db, IssuerConfig config, Runnable afterClose) {
    this.db = db;
    this.afterClose = afterClose;
    this.system = IssuerSystem.create(config, db, clock, random);
  }

  /** On a fresh in-memory H2 database with the default configuration. */
  public static TestIssuer onH2() {
    return onH2(IssuerConfig.defaults());
  }

  public static TestIssuer onH2(IssuerConfig config) {
    return new TestIssuer(IssuerDatabase.inMemoryH2("issuer-" + UUID.randomUUID()), config,
        () -> { });
  }

  /** On a database opened by the caller; {@code afterClose} runs once it is closed. */
  public static TestIssuer on(IssuerDatabase db, IssuerConfig config, Runnable afterClose) {
    return new TestIssuer(db, config, afterClose);
  }

  public Instant now() {
    return clock.instant();
  }

  public TestDevice device(int deviceClass) throws ArtcashException {
    return TestDevice.provision(system, deviceClass, Optional.empty(), "Test payee", random);
  }

  public Certifier certifier(String name) {
    return system.certification().certifiers().stream().filter(c -> c.name().equals(name))
        .findFirst().orElseThrow();
  }

  /** A payment key for {@code device} certified by the named class, through the agent. */
  public PaymentKey paymentKey(TestDevice device, String className) throws ArtcashException {
    Certificate certifier = certifier(className).certificate();
    return device.install(system.credentialService()
        .certify(device.certificationRequest(certifier, now())));
  }

  /**
   * A forger's key: it carries {@code honest}'s certificate, copied from a token it saw, but signs
   * with a key of its own, so its records do not verify.
   */
  public PaymentKey impostorOf(PaymentKey honest) {
    return new PaymentKey(TestDevice.softwareKey(random), honest.certificate());
  }

  /** One fresh PAYMENT ART for {@code payee} with generous limits. */
  public ArtConfig freshArt(TestDevice payee) throws ArtcashException {
    ArtGrant grant = system.credentialService().issueArts(payee.artRequest(
        new ArtRequest.Wish(ArtKind.PAYMENT, 1, 100, 5_000, 100_000), now()));
    return grant.arts().get(0);
  }

  /**
   * The ART with one payment per amount, each by {@code payer}, an hour apart from now; the log
   * carries the factory, certifier and CA certificates.
   */
  public Art paid(ArtConfig art, PaymentKey payer, long... amounts) throws ArtcashException {
    ArtState state = ArtState.fresh(art);
    List<PaymentRecord> records = new ArrayList<>();
    Instant t = now();
    for (long amount : amounts) {
      t = t.plusSeconds(3600);
      PaymentRecord r = payer.pay(state, amount, t);
      records.add(r);
      state = ArtState.after(art, r);
    }
    return new Art(art, records, chainOf(payer));
  }

  /** The certificates an ART log paid by {@code payer} carries. */
  public List<Certificate> chainOf(PaymentKey payer) {
    Certificate certifier = system.trustStore()
        .find(payer.certificate().certifierKeyId()).orElseThrow();
    return List.of(system.artFactory().chain().get(0), certifier, system.caCertificate());
  }

  @Override
  public void close() {
    try {
      db.close();
    } finally {
      afterClose.run();
    }
  }
}
