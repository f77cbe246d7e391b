package org.artcash.cli.purse;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.artcash.cli.console.Clocks;
import org.artcash.cli.http.WebClient;
import org.artcash.cli.issuer.RemoteIssuer;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.monebox.MonEboxStatus;
import org.artcash.monebox.Personalisation;
import org.artcash.monebox.software.SoftwareMonEbox;
import org.artcash.purse.EPurse;
import org.artcash.purse.PursePolicy;
import org.artcash.purse.schedule.StandingArts;
import org.artcash.purse.store.PurseStore;
import org.artcash.purse.store.StoreException;

/**
 * One e-purse in a data directory: the software MonEbox's state and counter files, the e-purse
 * database (H2) and {@code purse.properties} (the issuer's address and the owner's payee
 * information). Opened for one command and closed after it; the MonEbox's files are locked while
 * it is open, so one program at a time uses an e-purse.
 */
public final class PurseHome implements AutoCloseable {
  static final String CONFIG = "purse.properties";
  private static final String ISSUER = "issuer";
  private static final String PAYEE_INFO = "payee-info";
  private static final String MONEBOX = "monebox";

  private final Path dir;
  private final Properties config;
  private final SoftwareMonEbox box;
  private final PurseStore store;
  private final EPurse purse;
  private final Clock clock;

  private PurseHome(Path dir, Properties config, SoftwareMonEbox box, PurseStore store,
      EPurse purse, Clock clock) {
    this.dir = dir;
    this.config = config;
    this.box = box;
    this.store = store;
    this.purse = purse;
    this.clock = clock;
  }

  /** {@code ~/.artcash/purse}. */
  public static Path defaultDir() {
    return Path.of(System.getProperty("user.home"), ".artcash", "purse");
  }

  public static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve(CONFIG));
  }

  /** Opens the e-purse in {@code dir}, which {@code purse init} made. */
  public static PurseHome open(Path dir) throws ArtcashException {
    if (!exists(dir)) {
      throw new ArtcashException(Reason.NOT_FOUND, "there is no e-purse in " + dir + "; make one"
          + " with 'artcash purse init --data " + dir + " --issuer URL --name NAME'");
    }
    Properties config = readConfig(dir);
    return openParts(dir, config);
  }

  /**
   * Makes a new e-purse in {@code dir} (de Jong 2024, sec. 4.1): a blank software MonEbox makes
   * its device key, the issuer's provisioning station personalises it, the owner's button press
   * binds this software to it, and the credential manager fetches payment keys and ARTs. On a
   * failure before the MonEbox is personalised, nothing is left behind.
   */
  static PurseHome initialise(Path dir, RemoteIssuer issuer, String payeeInfo, int deviceClass,
      Consumer<String> progress) throws ArtcashException {
    if (exists(dir)) {
      throw new ArtcashException(Reason.WRONG_STATE, dir + " holds an e-purse already; choose"
          + " another --data directory");
    }
    boolean existed = Files.exists(dir);
    boolean fresh = !existed || isEmpty(dir);
    if (!fresh) {
      throw new ArtcashException(Reason.WRONG_STATE, dir + " is not empty; an e-purse is made in"
          + " a new or empty directory");
    }
    issuer.root(); // the issuer answers before anything is made
    progress.accept("the issuer at " + issuer.address() + " answers");
    SoftwareMonEbox box = null;
    try {
      Files.createDirectories(dir);
      box = SoftwareMonEbox.open(dir.resolve("monebox.state"), dir.resolve("monebox.counter"));
      progress.accept("the MonEbox generates its device key; the issuer provisions it...");
      byte[] key = box.generateDeviceKey();
      Personalisation p = issuer.provision(key, deviceClass, payeeInfo);
      box.personalise(p);
      box.close();
      box = null;
      Properties config = new Properties();
      config.setProperty(ISSUER, issuer.address().toString());
      config.setProperty(PAYEE_INFO, payeeInfo);
      config.setProperty(MONEBOX, "software");
      PurseHome home = openParts(dir, config);
      try {
        progress.accept("binding this e-purse software to the MonEbox (button pressed)...");
        home.box.pressButton();
        home.purse.bind(p.chain());
        writeConfig(dir, config);
      } catch (ArtcashException | RuntimeException e) {
        home.close();
        throw e;
      }
      return home;
    } catch (ArtcashException | IOException | RuntimeException e) {
      if (box != null) {
        try {
          box.close();
        } catch (ArtcashException ignored) {
          // the original failure is reported
        }
      }
      deleteTree(dir);
      if (existed) {
        try {
          Files.createDirectories(dir);
        } catch (IOException ignored) {
          // it was an empty directory; the failure below is what matters
        }
      }
      if (e instanceof ArtcashException a) {
        throw a;
      }
      if (e instanceof StoreException s) {
        throw s;
      }
      throw new ArtcashException(Reason.STORAGE_FAILURE, "could not make the e-purse in " + dir
          + ": " + e.getMessage(), e);
    }
  }

  private static PurseHome openParts(Path dir, Properties config) throws ArtcashException {
    Clock clock = Clocks.system();
    SoftwareMonEbox box = SoftwareMonEbox.open(dir.resolve("monebox.state"),
        dir.resolve("monebox.counter"));
    PurseStore store;
    try {
      store = PurseStore.fileH2(dir);
    } catch (StoreException e) {
      closeQuietly(box);
      String m = String.valueOf(e.getMessage());
      if (m.contains("already in use") || m.contains("locked")) {
        throw new ArtcashException(Reason.STORAGE_FAILURE, "the e-purse in " + dir + " is in use"
            + " by another artcash program (is 'artcash purse serve' running for it?)", e);
      }
      throw e;
    }
    try {
      box.status(); // fails at once when the MonEbox's files are locked or damaged
      PursePolicy defaults = PursePolicy.defaults();
      // ARTs standing with one payer or a point of sale serve nobody else: keep that many more.
      PursePolicy policy = new PursePolicy(
          Math.min(1000, defaults.minUsableArts() + StandingArts.countInUse(store)),
          defaults.artMaxPayments(), defaults.artMaxSingle(), defaults.artMaxAggregate(),
          defaults.minArtValidity(), defaults.inUseGrace());
      EPurse purse = EPurse.open(box, store, clock, new SecureRandom(), policy);
      return new PurseHome(dir, config, box, store, purse, clock);
    } catch (ArtcashException | RuntimeException e) {
      store.close();
      closeQuietly(box);
      throw e;
    }
  }

  public Path dir() {
    return dir;
  }

  public EPurse purse() {
    return purse;
  }

  public PurseStore store() {
    return store;
  }

  public SoftwareMonEbox box() {
    return box;
  }

  public Clock clock() {
    return clock;
  }

  public Instant now() {
    return Instant.ofEpochSecond(clock.instant().getEpochSecond());
  }

  public String payeeInfo() {
    return config.getProperty(PAYEE_INFO, "");
  }

  public Currency currency() throws ArtcashException {
    return purse.balance().currency();
  }

  /** Balance plus money received and not yet redeemed. */
  public Amount spendable() throws ArtcashException {
    return purse.status().spendable();
  }

  public MonEboxStatus monEbox() throws ArtcashException {
    return box.status();
  }

  /** The issuer this e-purse was provisioned by, for credential refresh and the cash desk. */
  public RemoteIssuer issuer() throws ArtcashException {
    String address = config.getProperty(ISSUER);
    if (address == null) {
      throw new ArtcashException(Reason.NOT_FOUND, "this e-purse does not know its issuer's"
          + " address; add issuer=http://... to " + dir.resolve(CONFIG));
    }
    URI uri = WebClient.address(address);
    return new RemoteIssuer(uri);
  }

  @Override
  public void close() {
    store.close();
    closeQuietly(box);
  }

  private static void closeQuietly(SoftwareMonEbox box) {
    try {
      box.close();
    } catch (ArtcashException ignored) {
      // releasing a lock that is gone already
    }
  }

  private static Properties readConfig(Path dir) throws ArtcashException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(dir.resolve(CONFIG), StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new ArtcashException(Reason.STORAGE_FAILURE, "cannot read " + dir.resolve(CONFIG)
          + ": " + e.getMessage(), e);
    }
    return p;
  }

  private static void writeConfig(Path dir, Properties p) throws IOException {
    Path tmp = dir.resolve(CONFIG + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(w, "artcash e-purse");
    }
    Files.move(tmp, dir.resolve(CONFIG), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // best effort: what is left is reported by the next init
    }
  }
}
