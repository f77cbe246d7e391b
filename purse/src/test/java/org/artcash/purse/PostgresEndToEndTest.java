package org.artcash.purse;

import java.util.ArrayList;
import java.util.List;
import org.artcash.purse.store.PostgresTestDatabase;
import org.artcash.purse.store.PurseStore;
import org.junit.jupiter.api.AfterEach;

/**
 * Whole payments between e-purses whose state is in PostgreSQL, a fresh schema per e-purse,
 * dropped afterwards. Never skipped: without a server the tests fail and say how to start it.
 */
class PostgresEndToEndTest extends EndToEndContract {
  private final List<PostgresTestDatabase> schemas = new ArrayList<>();

  @Override
  protected PurseWorld createWorld() {
    return new PurseWorld(() -> {
      PostgresTestDatabase pg = PostgresTestDatabase.createSchema();
      schemas.add(pg);
      return PurseStore.open(pg.url(), null, null);
    });
  }

  @AfterEach
  void dropSchemas() {
    for (PostgresTestDatabase pg : schemas) {
      pg.close();
    }
  }
}
