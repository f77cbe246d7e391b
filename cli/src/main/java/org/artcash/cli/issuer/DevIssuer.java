package org.artcash.cli.issuer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.artcash.issuer.keys.FileKeyVault;
import org.artcash.issuer.keys.KeyVault;
import org.artcash.issuer.keys.SoftwareKeyVault;
import org.artcash.issuer.pseudonym.IdentityDetails;
import org.artcash.issuer.store.IssuerDatabase;
import org.artcash.monebox.Personalisation;
import org.artcash.monebox.software.SoftwareMonEbox;
import org.artcash.purse.EPurse;
import org.artcash.purse.PaymentPreview;
import org.artcash.purse.PursePolicy;
import org.artcash.purse.channel.Messages;
import org.artcash.purse.store.PurseStore;

/**
 * A development issuer in one long-lived process: the whole {@link IssuerSystem}, its registers in
 * an H2 file and its keys in a passphrase-encrypted {@link FileKeyVault} in {@code DIR/keys}, the
 * issuer's own MonEbox and e-purse holding a float issued by the committee, and a cash desk that
 * pays e-cash from that float into a new e-purse, standing in for buying e-cash at a bank or a post
 * office (de Jong 2024, sec. 3.2). Started again on its directory it is the same issuer, so the
 * e-purses it provisioned go on refreshing their credentials with it.
 */
public final class DevIssuer implements AutoCloseable {
  /** The largest single payment the cash desk makes. */
  public static final long CASH_DESK_LIMIT_MINOR = 500_00;
  /** The root of trust for auditors, written last by the first start: it marks a finished one. */
  public static final String ROOT_FILE = "root.artcash";
  /** The key store's directory under the issuer's. */
  public static final String KEYS_DIRECTORY = "keys";

  private static final String DATABASE_FILE = "issuer.mv.db";
  private static final String PURSE_DIRECTORY = "issuer-purse";
  private static final PursePolicy PAYER_ONLY = new PursePolicy(0, 100, 500_00, 5_000_00,
      Duration.ofHours(1), Duration.ofDays(1));

  /** What a directory holds: nothing yet, or a development issuer that can be started again. */
  public enum Layout { EMPTY, ISSUER }

  private final IssuerDatabase db;
  private final AutoCloseable vault;
  private final IssuerSystem issuer;
  private final SoftwareMonEbox centralBox;
  private final PurseStore centralStore;
  private final EPurse central;
  private final Clock clock;
  private final boolean restarted;

  private DevIssuer(IssuerDatabase db, AutoCloseable vault, IssuerSystem issuer,
      SoftwareMonEbox centralBox, PurseStore centralStore, EPurse central, Clock clock,
      boolean restarted) {
    this.db = db;
    this.vault = vault;
    this.issuer = issuer;
    this.centralBox = centralBox;
    this.centralStore = centralStore;
    this.central = central;
    this.clock = clock;
    this.restarted = restarted;
  }

  /**
   * What {@code dir} holds.
   *
   * @throws ArtcashException {@link Reason#WRONG_STATE} when it holds an issuer that cannot be
   *     started again: one whose keys were not kept, or whose first start did not finish
   */
  public static Layout inspect(Path dir) throws ArtcashException {
    boolean finished = Files.exists(dir.resolve(ROOT_FILE));
    boolean keys = FileKeyVault.exists(dir.resolve(KEYS_DIRECTORY));
    boolean database = Files.exists(dir.resolve(DATABASE_FILE));
    if (finished && !keys) {
      throw new ArtcashException(Reason.WRONG_STATE, dir + " holds a development issuer whose"
          + " keys were not kept (they lived in the memory of the process that ran it, as before"
          + " artcash kept them in " + KEYS_DIRECTORY + "/); start the development issuer in an"
          + " empty directory");
    }
    if (!finished && (keys || database)) {
      throw new ArtcashException(Reason.WRONG_STATE, "the first start of the development issuer"
          + " in " + dir + " did not finish, so nothing was handed out from it; delete " + dir
          + " or start the development issuer in an empty directory");
    }
    return finished ? Layout.ISSUER : Layout.EMPTY;
  }

  /**
   * Starts the development issuer kept in {@code dir}. In an empty directory it sets up a new one
   * (keys in {@code dir/keys} under {@code passphrase}), issues {@code floatAmount} into the
   * issuer's own e-purse and writes the root of trust to {@code dir/root.artcash}; in a directory
   * that holds one, it opens that issuer again, float and all ({@code floatAmount} is not used).
   *
   * @throws ArtcashException {@link Reason#BAD_SIGNATURE} for a wrong passphrase; see {@link
   *     #inspect} and {@link IssuerSystem#open} for directories that cannot be used
   */
  public static DevIssuer start(Path dir, char[] passphrase, Amount floatAmount, Clock clock,
      Consumer<String> progress) throws ArtcashException {
    Layout layout = inspect(dir);
    SecureRandom random = new SecureRandom();
    FileKeyVault vault = FileKeyVault.open(dir.resolve(KEYS_DIRECTORY), passphrase, random);
    try {
      return layout == Layout.EMPTY
          ? setUp(dir, vault, vault, floatAmount, clock, random, progress)
          : reopen(dir, vault, clock, random, progress);
    } catch (ArtcashException | RuntimeException e) {
      vault.close();
      throw e;
    }
  }

  /**
   * Sets up a new development issuer in {@code dir} whose keys live in this process's memory only
   * (a {@link SoftwareKeyVault}): for tests that need an issuer for one run. The directory cannot
   * be started again.
   */
  public static DevIssuer startInMemory(Path dir, Amount floatAmount, Clock clock,
      Consumer<String> progress) throws ArtcashException {
    if (inspect(dir) != Layout.EMPTY) {
      throw new ArtcashException(Reason.WRONG_STATE, dir + " holds a development issuer already;"
          + " one whose keys live in memory starts in an empty directory");
    }
    SecureRandom random = new SecureRandom();
    return setUp(dir, new SoftwareKeyVault(random), () -> { }, floatAmount, clock, random,
        progress);
  }

  private static DevIssuer setUp(Path dir, KeyVault vault, AutoCloseable closeVault,
      Amount floatAmount, Clock clock, SecureRandom random, Consumer<String> progress)
      throws ArtcashException {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new ArtcashException(Reason.STORAGE_FAILURE, "cannot create " + dir + ": "
          + e.getMessage(), e);
    }
    progress.accept("generating the issuer's keys (root, CA, agents, 3 certification keys,"
        + " identity register, issuance committee)...");
    IssuerDatabase db = IssuerDatabase.fileH2(dir);
    SoftwareMonEbox box = null;
    PurseStore store = null;
    try {
      IssuerSystem issuer = IssuerSystem.open(IssuerConfig.defaults(), db, vault, clock, random);
      progress.accept("provisioning the issuer's own MonEbox and issuing the float...");
      Path home = dir.resolve(PURSE_DIRECTORY);
      Files.createDirectories(home);
      box = SoftwareMonEbox.open(home.resolve("monebox.state"), home.resolve("monebox.counter"));
      Personalisation p = issuer.personalisationFor(box, 2, true, Optional.of(
          new IdentityDetails("Development issuer", java.time.LocalDate.of(2000, 1, 1), "NL",
              "Development", "development issuer")), "Development issuer cash desk");
      box.personalise(p);
      store = PurseStore.fileH2(home);
      EPurse central = EPurse.open(box, store, clock, random, PAYER_ONLY);
      box.pressButton();
      central.bind(p.chain());
      IssuanceOffice office = issuer.openIssuanceOffice(box);
      office.issue(floatAmount, List.of(0, 1), now(clock));
      central.refresh(issuer.credentialService());
      writeRoot(dir, rootLink(issuer));
      return new DevIssuer(db, closeVault, issuer, box, store, central, clock, false);
    } catch (ArtcashException | IOException | RuntimeException e) {
      closeAfterFailure(db, box, store);
      throw failure(e);
    }
  }

  private static DevIssuer reopen(Path dir, FileKeyVault vault, Clock clock, SecureRandom random,
      Consumer<String> progress) throws ArtcashException {
    progress.accept("opening the issuer's registers and its own e-purse...");
    IssuerDatabase db = IssuerDatabase.fileH2(dir);
    SoftwareMonEbox box = null;
    PurseStore store = null;
    try {
      IssuerSystem issuer = IssuerSystem.open(IssuerConfig.defaults(), db, vault, clock, random);
      String written = Files.readString(dir.resolve(ROOT_FILE)).strip();
      if (!written.equals(rootLink(issuer))) {
        throw new ArtcashException(Reason.WRONG_STATE, dir.resolve(ROOT_FILE) + " names another"
            + " root of trust than the issuer's keys in " + dir.resolve(KEYS_DIRECTORY)
            + "; restore " + dir + " as a whole from one backup");
      }
      Path home = dir.resolve(PURSE_DIRECTORY);
      box = SoftwareMonEbox.open(home.resolve("monebox.state"), home.resolve("monebox.counter"));
      store = PurseStore.fileH2(home);
      EPurse central = EPurse.open(box, store, clock, random, PAYER_ONLY);
      if (!central.isBound()) {
        throw new ArtcashException(Reason.WRONG_STATE, "the development issuer's own e-purse in "
            + home + " is not bound to its MonEbox; restore " + dir + " from a backup");
      }
      progress.accept("refreshing the cash desk's credentials...");
      central.refresh(issuer.credentialService());
      return new DevIssuer(db, vault, issuer, box, store, central, clock, true);
    } catch (ArtcashException | IOException | RuntimeException e) {
      closeAfterFailure(db, box, store);
      throw failure(e);
    }
  }

  /** True when this issuer was set up by an earlier start and opened again by this one. */
  public boolean restarted() {
    return restarted;
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
    try {
      vault.close();
    } catch (Exception ignored) {
      // closing a key vault only forgets keys and releases its lock
    }
  }

  private static String rootLink(IssuerSystem issuer) {
    return Messages.link(Messages.CERTIFICATE, issuer.root().encode());
  }

  /** Written in one step: its presence marks a finished first start. */
  private static void writeRoot(Path dir, String link) throws IOException {
    Path temp = dir.resolve("." + ROOT_FILE + ".part"); // readable by all, as the root is
    try {
      Files.writeString(temp, link + "\n");
      Files.move(temp, dir.resolve(ROOT_FILE), StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void closeAfterFailure(IssuerDatabase db, SoftwareMonEbox box,
      PurseStore store) {
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
  }

  private static ArtcashException failure(Exception e) {
    if (e instanceof ArtcashException a) {
      return a;
    }
    return new ArtcashException(Reason.STORAGE_FAILURE, "the development issuer could not"
        + " start: " + e.getMessage(), e);
  }

  private static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }
}
