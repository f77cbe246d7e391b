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
import org.artcash.cli.console.Prompt;
import org.artcash.cli.http.WebClient;
import org.artcash.cli.issuer.RemoteIssuer;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.monebox.DeviceState;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.MonEboxStatus;
import org.artcash.monebox.Personalisation;
import org.artcash.monebox.card.CardInfo;
import org.artcash.monebox.card.CardMonEbox;
import org.artcash.monebox.software.SoftwareMonEbox;
import org.artcash.purse.EPurse;
import org.artcash.purse.PursePolicy;
import org.artcash.purse.schedule.StandingArts;
import org.artcash.purse.store.PurseStore;
import org.artcash.purse.store.StoreException;

/**
 * One e-purse in a data directory: the e-purse database (H2), {@code purse.properties} (the
 * issuer's address, the owner's payee information and the MonEbox: {@code software} or {@code
 * reader:NAME}) and, for a software MonEbox, its state and counter files; a card keeps its state
 * itself. Opened for one command and closed after it; the database is locked while it is open, so
 * one program at a time uses an e-purse.
 */
public final class PurseHome implements AutoCloseable {
  static final String CONFIG = "purse.properties";
  private static final String ISSUER = "issuer";
  private static final String PAYEE_INFO = "payee-info";
  private static final String MONEBOX = "monebox";

  private final Path dir;
  private final Properties config;
  private final Connected connection;
  private final MonEbox box;
  private final PurseStore store;
  private final EPurse purse;
  private final Clock clock;

  private PurseHome(Path dir, Properties config, Connected connection, PurseStore store,
      EPurse purse, Clock clock) {
    this.dir = dir;
    this.config = config;
    this.connection = connection;
    this.box = connection.box();
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
   * Makes a new e-purse in {@code dir} (de Jong 2024, sec. 4.1): a blank MonEbox (software, in
   * {@code dir}, or the card in a reader) makes its device key, the issuer's provisioning station
   * personalises it, the owner's button press binds this software to it, and the credential
   * manager fetches payment keys and ARTs. A reader, its card and the issuer are checked before
   * anything is made; on a failure, no data directory is left behind.
   */
  static PurseHome initialise(Path dir, RemoteIssuer issuer, String payeeInfo, int deviceClass,
      Device device, Consumer<String> progress) throws ArtcashException {
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
    Connected blank = null;
    if (device.isCard()) {
      blank = connectBlankCard(device.reader().orElseThrow(), progress);
    }
    try {
      issuer.root(); // the issuer answers before anything is made
      progress.accept("the issuer at " + issuer.address() + " answers");
    } catch (ArtcashException | RuntimeException e) {
      if (blank != null) {
        blank.closeQuietly();
      }
      throw e;
    }
    boolean cardPersonalised = false;
    try {
      Files.createDirectories(dir);
      if (blank == null) {
        blank = connect(dir, device);
      }
      MonEbox box = blank.box();
      progress.accept("the MonEbox generates its device key; the issuer provisions it...");
      byte[] key = box.generateDeviceKey();
      Personalisation p = issuer.provision(key, deviceClass, payeeInfo);
      box.personalise(p);
      cardPersonalised = device.isCard();
      blank.close();
      blank = null;
      Properties config = new Properties();
      config.setProperty(ISSUER, issuer.address().toString());
      config.setProperty(PAYEE_INFO, payeeInfo);
      config.setProperty(MONEBOX, device.recorded());
      PurseHome home = openParts(dir, config);
      try {
        progress.accept("binding this e-purse software to the MonEbox...");
        home.pressButton(progress);
        home.purse.bind(p.chain());
        writeConfig(dir, config);
      } catch (ArtcashException | RuntimeException e) {
        home.close();
        throw e;
      }
      return home;
    } catch (ArtcashException | IOException | RuntimeException e) {
      if (blank != null) {
        blank.closeQuietly();
      }
      deleteTree(dir);
      if (existed) {
        try {
          Files.createDirectories(dir);
        } catch (IOException ignored) {
          // it was an empty directory; the failure below is what matters
        }
      }
      if (cardPersonalised && e instanceof ArtcashException a) {
        // rare (the binding of a fresh card failed), but the card cannot be provisioned again
        throw new ArtcashException(a.reason(), a.getMessage() + "; the card in reader '"
            + device.reader().orElseThrow() + "' stays personalised, so 'init' cannot use it"
            + " again", a);
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

  /**
   * The card in {@code reader}, which must be blank (or keyed by an init that failed before the
   * issuer personalised it): a personalised card belongs to an e-purse already.
   */
  private static Connected connectBlankCard(String reader, Consumer<String> progress)
      throws ArtcashException {
    Connected c = connect(null, Device.reader(reader));
    try {
      MonEboxStatus s = c.box().status();
      if (s.state() == DeviceState.ACTIVE || s.state() == DeviceState.DISABLED) {
        throw new ArtcashException(Reason.WRONG_STATE, "the MonEbox card in reader '" + reader
            + "' is personalised already (device " + s.deviceId().map(d -> d.shortHex())
            .orElse("?") + (s.state() == DeviceState.DISABLED ? ", disabled" : "")
            + "); a card is provisioned once: put a blank MonEbox card in the reader");
      }
      if (c.simulatedSignals()) {
        progress.accept("the card in reader '" + reader + "' is a simulation build of the"
            + " MonEbox (its button is a command): for trying artcash out, not for real money");
      }
      return c;
    } catch (ArtcashException | RuntimeException e) {
      c.closeQuietly();
      throw e;
    }
  }

  private static PurseHome openParts(Path dir, Properties config) throws ArtcashException {
    Clock clock = Clocks.system();
    Device device = Device.parse(config.getProperty(MONEBOX));
    Connected connected = connect(dir, device);
    PurseStore store;
    try {
      store = PurseStore.fileH2(dir);
    } catch (StoreException e) {
      connected.closeQuietly();
      String m = String.valueOf(e.getMessage());
      if (m.contains("already in use") || m.contains("locked")) {
        throw new ArtcashException(Reason.STORAGE_FAILURE, "the e-purse in " + dir + " is in use"
            + " by another artcash program (is 'artcash purse serve' running for it?)", e);
      }
      throw e;
    }
    try {
      // fails at once when the MonEbox is locked, damaged or gone
      DeviceState state = connected.box().status().state();
      if (device.isCard() && (state == DeviceState.BLANK || state == DeviceState.KEYED)) {
        String reader = device.reader().orElseThrow();
        throw new ArtcashException(Reason.NOT_BOUND, "the card in reader '" + reader + "' is a"
            + " blank MonEbox, not this e-purse's: put this e-purse's card in that reader"
            + (SimulatedCards.isSimulated(reader) ? " (a simulated card lives only in the"
                + " program that made it)" : ""));
      }
      PursePolicy defaults = PursePolicy.defaults();
      // ARTs standing with one payer or a point of sale serve nobody else: keep that many more.
      PursePolicy policy = new PursePolicy(
          Math.min(1000, defaults.minUsableArts() + StandingArts.countInUse(store)),
          defaults.artMaxPayments(), defaults.artMaxSingle(), defaults.artMaxAggregate(),
          defaults.minArtValidity(), defaults.inUseGrace());
      EPurse purse;
      try {
        purse = EPurse.open(connected.box(), store, clock, new SecureRandom(), policy);
      } catch (ArtcashException e) {
        if (e.reason() == Reason.NOT_BOUND && device.isCard()) {
          throw new ArtcashException(Reason.NOT_BOUND, e.getMessage() + " in reader '"
              + device.reader().orElseThrow() + "': put this e-purse's card in that reader", e);
        }
        throw e;
      }
      return new PurseHome(dir, config, connected, store, purse, clock);
    } catch (ArtcashException | RuntimeException e) {
      store.close();
      connected.closeQuietly();
      throw e;
    }
  }

  /** The MonEbox of {@code device}: the software one's files in {@code dir}, or a card. */
  private static Connected connect(Path dir, Device device) throws ArtcashException {
    if (device.reader().isEmpty()) {
      SoftwareMonEbox box = SoftwareMonEbox.open(dir.resolve("monebox.state"),
          dir.resolve("monebox.counter"));
      return new Connected(device, box, null, box::close);
    }
    Readers.Opened card = Readers.open(device.reader().get());
    return new Connected(device, card.card(), card.card(), card::close);
  }

  /** What the MonEbox's connection needs to be let go: a file lock or a card connection. */
  private interface Release {
    void close() throws ArtcashException;
  }

  /** A connected MonEbox; {@code card} is set for a card, to ask it about its button. */
  private record Connected(Device device, MonEbox box, CardMonEbox card, Release release) {
    void close() throws ArtcashException {
      release.close();
    }

    void closeQuietly() {
      try {
        release.close();
      } catch (ArtcashException ignored) {
        // releasing a lock or a card connection that is gone already
      }
    }

    /** A card whose button is a command (a simulation build; docs/CARD.md, feature 8). */
    boolean simulatedSignals() throws ArtcashException {
      return card != null && card.cardInfo().has(CardInfo.FEATURE_SIMULATED_SIGNALS);
    }
  }

  /**
   * The owner's button press, for binding or for a payment above the MonEbox's button threshold,
   * given when the owner has just approved. A software MonEbox has no button and a simulation
   * build of the card takes the press as a command, so the approval stands for the press; a card
   * with a button of its own is pressed by the owner, whom this asks and waits for.
   */
  void pressButton(Consumer<String> note) throws ArtcashException {
    if (connection.card() == null || connection.simulatedSignals()) {
      box.pressButton();
      return;
    }
    note.accept("Press the button on your MonEbox, then press Enter.");
    if (!Prompt.enter()) {
      throw new ArtcashException(Reason.BUTTON_REQUIRED, "this needs the button on your MonEbox"
          + " pressed: press it when asked, then Enter");
    }
  }

  /** How the owner's approval presses the button, for the note {@code pay} prints. */
  String buttonPressedBy() throws ArtcashException {
    if (connection.card() == null) {
      return "your approval presses the software MonEbox's button";
    }
    if (connection.simulatedSignals()) {
      return "your approval presses the simulated card's button";
    }
    return "the MonEbox card wants its own button pressed";
  }

  /** The MonEbox this e-purse uses. */
  Device device() {
    return connection.device();
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

  public MonEbox box() {
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
    connection.closeQuietly();
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
