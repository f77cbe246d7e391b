package org.artcash.issuer.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.artcash.core.ArtcashException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The issuer's database: a small connection pool, the schema brought up to date on opening, and
 * one repository per issuer component. Embedded H2 by default ({@link #inMemoryH2}, {@link
 * #fileH2}); PostgreSQL in production ({@link #open}). Thread-safe; close it once.
 */
public final class IssuerDatabase implements AutoCloseable {
  /** Small on purpose: the issuer's work is short transactions; H2 gains nothing from more. */
  static final int MAX_POOL_SIZE = 4;

  /** How long H2 waits for a row lock held by another transaction (its default is 1 s). */
  static final int H2_LOCK_TIMEOUT_MILLIS = 10_000;

  private static final Pattern H2_MEMORY_NAME = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");

  private final HikariDataSource dataSource;
  private final boolean shutdownOnClose;
  private final DeviceRegistry devices;
  private final PseudonymRegister pseudonyms;
  private final IdentityRegister identities;
  private final CertificationLedger certifications;
  private final ArtRegistry arts;
  private final InspectionStore inspections;
  private final SupplyLedger supply;
  private final RevocationStore revocations;
  private final IssuerCertificateRegister issuerCertificates;

  private IssuerDatabase(HikariDataSource dataSource, boolean shutdownOnClose) {
    this.dataSource = dataSource;
    this.shutdownOnClose = shutdownOnClose;
    this.devices = new DeviceRegistry(this);
    this.pseudonyms = new PseudonymRegister(this);
    this.identities = new IdentityRegister(this);
    this.certifications = new CertificationLedger(this);
    this.arts = new ArtRegistry(this);
    this.inspections = new InspectionStore(this);
    this.supply = new SupplyLedger(this);
    this.revocations = new RevocationStore(this);
    this.issuerCertificates = new IssuerCertificateRegister(this);
  }

  /**
   * Opens the database at {@code jdbcUrl} (PostgreSQL or H2) and applies pending migrations.
   * {@code user} and {@code password} may be null when the URL carries them. On PostgreSQL the
   * tables live in the connection's current schema ({@code currentSchema=} in the URL).
   *
   * @throws StoreException when the database cannot be reached or the schema cannot be migrated
   */
  public static IssuerDatabase open(String jdbcUrl, String user, String password) {
    return open(jdbcUrl, user, password, false);
  }

  /**
   * An H2 database in this process's memory, shared by every {@code inMemoryH2} of the same name
   * until it is closed; closing drops it and its contents.
   */
  public static IssuerDatabase inMemoryH2(String name) {
    if (name == null || !H2_MEMORY_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "an in-memory database name is 1 to 64 letters, digits, '_' or '-': " + name);
    }
    // DB_CLOSE_DELAY=-1: the pool may briefly hold no connection; the data must survive that.
    return open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", true);
  }

  /** An H2 database in files under {@code dir} (created if needed), kept after closing. */
  public static IssuerDatabase fileH2(Path dir) {
    Objects.requireNonNull(dir, "dir");
    Path absolute = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(absolute);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the database directory " + absolute, e);
    }
    String location = absolute.resolve("issuer").toString();
    if (location.contains(";")) {
      throw new IllegalArgumentException("an H2 database path cannot contain ';': " + absolute);
    }
    return open("jdbc:h2:file:" + location, "sa", "", false);
  }

  private static IssuerDatabase open(
      String jdbcUrl, String user, String password, boolean shutdownOnClose) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    HikariConfig config = new HikariConfig();
    config.setPoolName("artcash-issuer");
    config.setJdbcUrl(jdbcUrl);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(MAX_POOL_SIZE);
    config.setMinimumIdle(1);
    config.setAutoCommit(false);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    if (jdbcUrl.startsWith("jdbc:h2:")
        && !jdbcUrl.toUpperCase(Locale.ROOT).contains("LOCK_TIMEOUT")) {
      config.setConnectionInitSql("SET LOCK_TIMEOUT " + H2_LOCK_TIMEOUT_MILLIS);
    }
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to the issuer database at " + redact(jdbcUrl)
          + ": " + rootMessage(e), e);
    }
    try {
      migrate(dataSource);
    } catch (FlywayException e) {
      dataSource.close();
      throw new StoreException("cannot bring the issuer database at " + redact(jdbcUrl)
          + " up to date: " + rootMessage(e), e);
    }
    return new IssuerDatabase(dataSource, shutdownOnClose);
  }

  private static void migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .failOnMissingLocations(true)
        .load()
        .migrate();
  }

  public DeviceRegistry devices() {
    return devices;
  }

  public PseudonymRegister pseudonyms() {
    return pseudonyms;
  }

  public IdentityRegister identities() {
    return identities;
  }

  public CertificationLedger certifications() {
    return certifications;
  }

  public ArtRegistry arts() {
    return arts;
  }

  public InspectionStore inspections() {
    return inspections;
  }

  public SupplyLedger supply() {
    return supply;
  }

  public RevocationStore revocations() {
    return revocations;
  }

  public IssuerCertificateRegister issuerCertificates() {
    return issuerCertificates;
  }

  /**
   * Runs {@code work} in one READ COMMITTED transaction on one pooled connection: commits when it
   * returns, rolls back when it throws. An {@link ArtcashException} from the work is rethrown as
   * is; an {@link SQLException} becomes a {@link StoreException}.
   */
  public <T> T inTransaction(SqlWork<T> work) throws ArtcashException {
    Objects.requireNonNull(work, "work");
    try (Connection c = dataSource.getConnection()) {
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | ArtcashException | RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      }
    } catch (SQLException e) {
      throw StoreException.of(e);
    }
  }

  /** Work that cannot fail with a protocol outcome: a read, or an idempotent write. */
  @FunctionalInterface
  interface PlainWork<T> {
    T run(Connection connection) throws SQLException;
  }

  <T> T transact(PlainWork<T> work) {
    try {
      return inTransaction(work::run);
    } catch (ArtcashException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static void rollbackQuietly(Connection c, Throwable failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /** Closes the pool; an in-memory H2 database is dropped. */
  @Override
  public void close() {
    if (dataSource.isClosed()) {
      return;
    }
    if (shutdownOnClose) {
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      } catch (SQLException e) {
        // the pool is closed below anyway; an in-memory database left behind only costs memory
      }
    }
    dataSource.close();
  }

  private static String redact(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
