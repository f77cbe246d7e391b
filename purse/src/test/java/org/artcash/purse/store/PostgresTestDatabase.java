package org.artcash.purse.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A fresh PostgreSQL schema for one test: created empty, dropped with everything in it afterwards.
 * The server is at {@code -Dartcash.test.pg.url} (the root pom passes it to surefire). When it
 * cannot be reached the test fails (it is never skipped) and says how to start it.
 */
public final class PostgresTestDatabase implements AutoCloseable {
  static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  static final String HOW_TO_START =
      "start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String baseUrl;
  private final String schema;

  private PostgresTestDatabase(String baseUrl, String schema) {
    this.baseUrl = baseUrl;
    this.schema = schema;
  }

  public static PostgresTestDatabase createSchema() {
    byte[] random = new byte[6];
    RANDOM.nextBytes(random);
    String schema = "purse_test_" + HexFormat.of().formatHex(random);
    String url = System.getProperty("artcash.test.pg.url", DEFAULT_URL);
    execute(url, "CREATE SCHEMA " + schema);
    return new PostgresTestDatabase(url, schema);
  }

  /** The server URL with {@code currentSchema} set to this test's schema. */
  public String url() {
    return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  @Override
  public void close() {
    execute(baseUrl, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  private static void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      fail("PostgreSQL at " + url + " cannot be used (" + e.getMessage() + "). These tests need "
          + "it running, they are not skipped: " + HOW_TO_START
          + " (or point -Dartcash.test.pg.url at another server)", e);
    }
  }
}
