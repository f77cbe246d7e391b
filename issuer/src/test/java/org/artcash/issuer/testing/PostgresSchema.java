package org.artcash.issuer.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.artcash.issuer.store.IssuerDatabase;

/**
 * A fresh PostgreSQL schema for one test, dropped afterwards; the same approach as the store
 * tests' PostgresTestDatabase (package-private there). The server is at {@code
 * -Dartcash.test.pg.url}; when it cannot be reached the test fails, it is never skipped.
 */
public final class PostgresSchema {
  static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String baseUrl;
  private final String schema;

  private PostgresSchema(String baseUrl, String schema) {
    this.baseUrl = baseUrl;
    this.schema = schema;
  }

  public static PostgresSchema create() {
    byte[] random = new byte[6];
    RANDOM.nextBytes(random);
    String schema = "artcash_issuer_" + HexFormat.of().formatHex(random);
    String url = System.getProperty("artcash.test.pg.url", DEFAULT_URL);
    execute(url, "CREATE SCHEMA " + schema);
    return new PostgresSchema(url, schema);
  }

  public IssuerDatabase open() {
    return IssuerDatabase.open(
        baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema, null, null);
  }

  public void drop() {
    execute(baseUrl, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  private static void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      fail("PostgreSQL at " + url + " cannot be used (" + e.getMessage() + "). These tests need"
          + " it running, they are not skipped: start it with: pg_ctlcluster"
          + " --skip-systemctl-redirect $(ls /etc/postgresql) main start", e);
    }
  }
}
