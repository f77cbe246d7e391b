package org.artcash.purse.store;

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
 * The persistent state of one e-purse: a small connection pool, the schema brought up to date on
 * opening (Flyway, {@code db/purse}, history table {@code purse_schema_history}), and one class per
 * table group. Embedded H2 by default ({@link #inMemoryH2}, {@link #fileH2}); PostgreSQL
 * supported ({@link #open}). Thread-safe; close it once.
 */
public final class PurseStore implements AutoCloseable {
  /** Small on purpose: an e-purse makes short transactions, a few at a time. */
  static final int MAX_POOL_SIZE = 4;

  /** How long H2 waits for a row lock held by another transaction (its default is 1 s). */
  static final int H2_LOCK_TIMEOUT_MILLIS = 10_000;

  /** Flyway's own bookkeeping table: not the default, so the issuer's migrations never collide. */
  static final String SCHEMA_HISTORY_TABLE = "purse_schema_history";

  private static final Pattern H2_MEMORY_NAME = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");

  private final HikariDataSource dataSource;
  private final boolean shutdownOnClose;
  private final BindingTable binding;
  private final ArtTable arts;
  private final OutgoingTable outgoing;
  private final IntentTable intents;
  private final TrustMaterial trustMaterial;
  private final PendingCertifications pendingCertifications;
  private final HistoryView history;

  private PurseStore(HikariDataSource dataSource, boolean shutdownOnClose) {
    this.dataSource = dataSource;
    this.shutdownOnClose = shutdownOnClose;
    this.binding = new BindingTable(this);
    this.arts = new ArtTable(this);
    this.outgoing = new OutgoingTable(this);
    this.intents = new IntentTable(this);
    this.trustMaterial = new TrustMaterial(this);
    this.pendingCertifications = new PendingCertifications(this);
    this.history = new HistoryView(this);
  }

  /**
   * Opens the database at {@code jdbcUrl} (PostgreSQL or H2) and applies pending migrations.
   * {@code user} and {@code password} may be null when the URL carries them. On PostgreSQL the
   * tables live in the connection's current schema ({@code currentSchema=} in the URL).
   *
   * @throws StoreException when the database cannot be reached or the schema cannot be migrated
   */
  public static PurseStore open(String jdbcUrl, String user, String password) {
    return open(jdbcUrl, user, password, false);
  }

  /**
   * An H2 database in this process's memory, shared by every {@code inMemoryH2} of the same name
   * until it is closed; closing drops it and its contents. For the demo and tests.
   */
  public static PurseStore inMemoryH2(String name) {
    if (name == null || !H2_MEMORY_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "an in-memory database name is 1 to 64 letters, digits, '_' or '-': " + name);
    }
    // DB_CLOSE_DELAY=-1: the pool may briefly hold no connection; the data must survive that.
    return open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", true);
  }

  /** An H2 database in the file {@code purse} under {@code dataDir} (created if needed). */
  public static PurseStore fileH2(Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir");
    Path absolute = dataDir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(absolute);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the e-purse data directory " + absolute, e);
    }
    String location = absolute.resolve("purse").toString();
    if (location.contains(";")) {
      throw new IllegalArgumentException("an H2 database path cannot contain ';': " + absolute);
    }
    return open("jdbc:h2:file:" + location, "sa", "", false);
  }

  private static PurseStore open(
      String jdbcUrl, String user, String password, boolean shutdownOnClose) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    HikariConfig config = new HikariConfig();
    config.setPoolName("artcash-purse");
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
      throw new StoreException("cannot connect to the e-purse database at " + redact(jdbcUrl)
          + ": " + rootMessage(e), e);
    }
    try {
      migrate(dataSource);
    } catch (FlywayException e) {
      dataSource.close();
      throw new StoreException("cannot bring the e-purse database at " + redact(jdbcUrl)
          + " up to date: " + rootMessage(e), e);
    }
    return new PurseStore(dataSource, shutdownOnClose);
  }

  private static void migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/purse")
        .table(SCHEMA_HISTORY_TABLE)
        .failOnMissingLocations(true)
        // A schema that already holds other components' tables (the issuer's, in a demo) but no
        // purse history yet: record an empty baseline, then create the purse tables beside them.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  public BindingTable binding() {
    return binding;
  }

  public ArtTable arts() {
    return arts;
  }

  public OutgoingTable outgoing() {
    return outgoing;
  }

  public IntentTable intents() {
    return intents;
  }

  public TrustMaterial trustMaterial() {
    return trustMaterial;
  }

  public PendingCertifications pendingCertifications() {
    return pendingCertifications;
  }

  public HistoryView history() {
    return history;
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

  /** Work that cannot fail with a protocol outcome: a read, or a plain write. */
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
