package org.artcash.purse.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.artcash.core.art.ArtConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on embedded H2 (in memory, a fresh database per test), and H2 in a file. */
class H2PurseStoreTest extends PurseStoreContract {

  @Override
  protected String createDatabase() {
    return "jdbc:h2:mem:purse-test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  }

  @Override
  protected PurseStore open(String url) {
    return PurseStore.open(url, "sa", "");
  }

  @Override
  protected Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url, "sa", "");
  }

  @Override
  protected void dropDatabase() {
    try (Connection c = connect(url); Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop the in-memory test database " + url, e);
    }
  }

  @Test
  void fileH2_keepsTheArtsInTheDataDirectoryAcrossReopening(@TempDir Path dataDir) {
    ArtConfig art = fx.art();
    try (PurseStore file = PurseStore.fileH2(dataDir)) {
      assertTrue(file.arts().add(art, List.of(), StoreFixtures.T0));
    }
    assertTrue(Files.exists(dataDir.resolve("purse.mv.db")));
    try (PurseStore file = PurseStore.fileH2(dataDir)) {
      assertEquals(art, file.arts().find(art.artId()).orElseThrow().config());
    }
  }

  @Test
  void inMemoryH2_isDroppedWhenClosed() {
    String name = "purse-drop-" + UUID.randomUUID();
    ArtConfig art = fx.art();
    try (PurseStore memory = PurseStore.inMemoryH2(name)) {
      memory.arts().add(art, List.of(), StoreFixtures.T0);
    }
    try (PurseStore memory = PurseStore.inMemoryH2(name)) {
      assertTrue(memory.arts().find(art.artId()).isEmpty());
    }
  }
}
