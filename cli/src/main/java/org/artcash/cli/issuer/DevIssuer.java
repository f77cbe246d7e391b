package org.artcash.cli.issuer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.credential.CredentialService;
import org.artcash.core.money.Amount;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.DeviceAttributes;
import org.artcash.issuer.IssuerConfig;
import org.artcash.issuer.IssuerSystem;
import org.artcash.issuer.issuance.IssuanceOffice;
import org.artcash.issuer.pseudonym.IdentityDetails;
import org.artcash.issuer.store.IssuerDatabase;
import org.artcash.monebox.Personalisation;
import org.artcash.monebox.software.SoftwareMonEbox;
import org.artcash.purse.EPurse;
import org.artcash.purse.PaymentPreview;
import org.artcash.purse.PursePolicy;
import org.artcash.purse.store.PurseStore;

/**
 * A development issuer in one long-lived process: the whole {@link IssuerSystem} (its keys live in
 * this process's memory only), its registers in an H2 file, the issuer's own MonEbox and e-purse
 * holding a float issued by the committee, and a cash desk that pays e-cash from that float into
 * a new e-purse, standing in for buying e-cash at a bank or a post office (de Jong 2024, sec. 3.2).
 * Because the keys are not kept, a directory serves one run only: e-purses provisioned in it keep
 * paying each other afterwards, but cannot refresh their credentials with a new run.
 */
public final class DevIssuer implements AutoCloseable {
  /** The largest single payment the cash desk makes. */
  public static final long CASH_DESK_LIMIT_MINOR = 500_00;

  private final IssuerDatabase db;
  private final IssuerSystem issuer;
  private final SoftwareMonEbox centralBox;
  private final PurseStore centralStore;
  private final EPurse central;
  private final Clock clock;

  private DevIssuer(IssuerDatabase db, IssuerSystem issuer, SoftwareMonEbox centralBox,
      PurseStore centralStore, EPurse central, Clock clock) {
    this.db = db;
    this.issuer = issuer;
    this.centralBox = centralBox;
    this.centralStore = centralStore;
    this.central = central;
    this.clock = clock;
  }

  /**
   * Sets up a fresh issuer in {@code dir} (which must not hold an earlier run's issuer), issues
   * {@code floatAmount} into the issuer's own e-purse, and writes the root of trust to
   * {@code dir/root.artcash}.
   */
  public static DevIssuer start(Path dir, Amount floatAmount, Clock clock,
      Consumer<String> progress) throws ArtcashException {
    Path database = dir.resolve("issuer.mv.db");
    if (Files.exists(database)) {
      throw new ArtcashException(Reason.WRONG_STATE, dir + " holds an issuer from an earlier run,"
          + " whose keys lived in that process's memory and are gone; start the development"
          + " issuer in an empty directory");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new ArtcashException(Reason.STORAGE_FAILURE, "cannot create " + dir + ": "
          + e.getMessage(), e);
    }
    SecureRandom random = new SecureRandom();
    progress.accept("generating the issuer's keys (root, CA, agents, 3 certification keys)...");
    IssuerDatabase db = IssuerDatabase.fileH2(dir);
    SoftwareMonEbox box = null;
    PurseStore store = null;
    try {
      IssuerSystem issuer = IssuerSystem.create(IssuerConfig.defaults(), db, clock, random);
      progress.accept("provisioning the issuer's own MonEbox and issuing the float...");
      Path home = dir.resolve("issuer-purse");
      Files.createDirectories(home);
      box = SoftwareMonEbox.open(home.resolve("monebox.state"), home.resolve("monebox.counter"));
      Personalisation p = issuer.personalisationFor(box, 2, true, Optional.of(
          new IdentityDetails("Development issuer", java.time.LocalDate.of(2000, 1, 1), "NL",
              "Development", "development issuer")), "Development issuer cash desk");
      box.personalise(p);
      store = PurseStore.fileH2(home);
      PursePolicy payerOnly = new PursePolicy(0, 100, 500_00, 5_000_00, Duration.ofHours(1),
          Duration.ofDays(1));
      EPurse central = EPurse.open(box, store, clock, random, payerOnly);
      box.pressButton();
      central.bind(p.chain());
      IssuanceOffice office = issuer.openIssuanceOffice(box);
      office.issue(floatAmount, List.of(0, 1), now(clock));
      central.refresh(issuer.credentialService());
      Files.writeString(dir.resolve("root.artcash"), org.artcash.purse.channel.Messages.link(
          org.artcash.purse.channel.Messages.CERTIFICATE, issuer.root().encode()) + "\n");
      return new DevIssuer(db, issuer, box, store, central, clock);
    } catch (ArtcashException | IOException | RuntimeException e) {
      if (store != null) {
        store.close();
      }
      if (box != null) {
        try {
          box.close();
        } catch (ArtcashException ignored) {
          // closing after a failure: the failure is what is reported
        }
      }
      db.close();
      if (e instanceof ArtcashException a) {
        throw a;
      }
      throw new ArtcashException(Reason.STORAGE_FAILURE, "the development issuer could not"
          + " start: " + e.getMessage(), e);
    }
  }

  public Certificate root() {
    return issuer.root();
  }

  public CredentialService agents() {
    return issuer.credentialService();
  }

  /**
   * What the provisioning station installs in a blank MonEbox that sent its device key: device
   * certificate, pseudonym, root of trust and limits. The development issuer believes the device
   * class it is told; a real station reads it from the device's attestation.
   */
  public synchronized Personalisation provision(IssuerWire.Provision request)
      throws ArtcashException {
    if (request.deviceClass() > 2) {
      throw new ArtcashException(Reason.WRONG_DEVICE_CLASS, "device classes are 0 to 2, not "
          + request.deviceClass());
    }
    Instant now = now(clock);
    Certificate device = issuer.monEboxManagement().certifyDevice(request.devicePublicKey(),
        request.deviceClass(), false, now);
    Bytes deviceId = DeviceAttributes.decode(device.attributes()).deviceId();
    Bytes pseudonym = issuer.pseudonyms().register(deviceId, Optional.empty(),
        request.payeeInfo(), now);
    IssuerConfig config = issuer.config();
    return new Personalisation(issuer.root(), List.of(issuer.caCertificate(),
        issuer.monEboxManagement().attestationCertificate()), device, pseudonym,
        config.currency(), config.buttonThreshold(), config.maxBindings(), Optional.empty(), now);
  }

  /**
   * Pays the amount a new e-purse's request asks for from the float (at most {@link
   * #CASH_DESK_LIMIT_MINOR}). Asking again with the same request returns the same token.
   */
  public synchronized TransferToken cashDesk(PaymentRequest request) throws ArtcashException {
    Amount amount = request.requestedAmount().orElseThrow(() -> new ArtcashException(
        Reason.MALFORMED, "the cash desk pays the amount a request asks for; this one names none"));
    if (amount.minor() > CASH_DESK_LIMIT_MINOR) {
      throw new ArtcashException(Reason.ART_LIMIT_EXCEEDED, "the development cash desk pays at"
          + " most " + Amount.of(amount.currency(), CASH_DESK_LIMIT_MINOR) + " at a time, not "
          + amount);
    }
    PaymentPreview preview = central.preview(request);
    if (!preview.isRetry() && !preview.coveredByBalance(amount)) {
      throw new ArtcashException(Reason.INSUFFICIENT_FUNDS, "the development issuer's float is"
          + " down to " + preview.balance());
    }
    try {
      return central.pay(request, amount);
    } catch (ArtcashException e) {
      if (e.reason() != Reason.BUTTON_REQUIRED) {
        throw e;
      }
      centralBox.pressButton(); // the cash desk clerk's press on the issuer's own MonEbox
      return central.pay(request, amount);
    }
  }

  public synchronized Amount floatLeft() throws ArtcashException {
    return central.balance();
  }

  @Override
  public synchronized void close() {
    centralStore.close();
    try {
      centralBox.close();
    } catch (ArtcashException ignored) {
      // nothing more to release
    }
    db.close();
  }

  private static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }
}
