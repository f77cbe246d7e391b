package org.artcash.issuer.store;

import static org.artcash.issuer.store.IssuerStoreContract.T0;
import static org.artcash.issuer.store.IssuerStoreContract.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening and closing the database: what differs between H2 in memory, H2 in files and
 * PostgreSQL.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IssuerDatabaseTest {
  @TempDir Path dir;

  @Test
  void a_file_database_keeps_its_data_after_closing() throws Exception {
    try (IssuerDatabase db = IssuerDatabase.fileH2(dir.resolve("issuer-db"))) {
      db.devices().register(id("dev-1"), 1, new byte[] {1}, T0);
      db.revocations().nextListSequence();
    }
    assertTrue(Files.isDirectory(dir.resolve("issuer-db")));
    try (IssuerDatabase db = IssuerDatabase.fileH2(dir.resolve("issuer-db"))) {
      assertTrue(db.devices().find(id("dev-1")).isPresent());
      assertEquals(2, db.revocations().nextListSequence());
    }
  }

  @Test
  void an_in_memory_database_is_gone_after_closing() throws Exception {
    String name = "gone-" + UUID.randomUUID();
    try (IssuerDatabase db = IssuerDatabase.inMemoryH2(name)) {
      db.devices().register(id("dev-1"), 1, new byte[] {1}, T0);
    }
    try (IssuerDatabase db = IssuerDatabase.inMemoryH2(name)) {
      assertEquals(List.of(), db.devices().list());
    }
  }

  @Test
  void two_in_memory_databases_of_different_names_are_separate() throws Exception {
    try (IssuerDatabase a = IssuerDatabase.inMemoryH2("a-" + UUID.randomUUID());
        IssuerDatabase b = IssuerDatabase.inMemoryH2("b-" + UUID.randomUUID())) {
      a.devices().register(id("dev-1"), 1, new byte[] {1}, T0);
      assertFalse(b.devices().find(id("dev-1")).isPresent());
    }
  }

  @Test
  void closing_twice_is_harmless() {
    IssuerDatabase db = IssuerDatabase.inMemoryH2("twice-" + UUID.randomUUID());
    db.close();
    db.close();
  }

  @Test
  void an_in_memory_name_with_url_syntax_is_refused() {
    assertThrows(IllegalArgumentException.class,
        () -> IssuerDatabase.inMemoryH2("x;INIT=RUNSCRIPT"));
    assertThrows(IllegalArgumentException.class, () -> IssuerDatabase.inMemoryH2(""));
  }

  @Test
  void an_unreachable_database_is_a_store_exception_naming_it_without_the_password() {
    StoreException e = assertThrows(StoreException.class, () -> IssuerDatabase.open(
        "jdbc:postgresql://127.0.0.1:1/nothing?user=x&password=secret", null, null));
    assertTrue(e.getMessage().contains("127.0.0.1:1/nothing"), e.getMessage());
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
  }

  @Test
  void the_postgresql_schema_holds_the_tables_of_the_migration() throws Exception {
    try (PostgresTestDatabase pg = PostgresTestDatabase.createSchema();
        IssuerDatabase db = IssuerDatabase.open(pg.url(), null, null)) {
      List<String> tables = db.inTransaction(c -> Jdbc.queryList(c,
          "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
              + " ORDER BY table_name",
          rs -> rs.getString(1), pg.schema()));
      // V1's tables; later migrations (of other packages) may add more
      assertTrue(tables.containsAll(List.of("cert_quota", "cert_response", "device",
          "flyway_schema_history", "identity_record", "inspection_anomaly", "inspection_report",
          "issued_art", "issuer_counter", "pseudonym", "revocation", "supply_order")),
          tables::toString);
    }
  }
}
