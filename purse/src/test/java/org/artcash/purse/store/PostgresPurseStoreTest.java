package org.artcash.purse.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The store contract on PostgreSQL (a fresh schema per test, dropped afterwards; never skipped). */
class PostgresPurseStoreTest extends PurseStoreContract {
  private PostgresTestDatabase pg;

  @Override
  protected String createDatabase() {
    pg = PostgresTestDatabase.createSchema();
    return pg.url();
  }

  @Override
  protected PurseStore open(String url) {
    return PurseStore.open(url, null, null);
  }

  @Override
  protected Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url);
  }

  @Override
  protected void dropDatabase() {
    if (pg != null) {
      pg.close();
      pg = null;
    }
  }
}
