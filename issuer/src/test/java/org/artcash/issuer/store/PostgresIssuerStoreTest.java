package org.artcash.issuer.store;

/** The store contract on PostgreSQL (a fresh schema per test, dropped afterwards). */
class PostgresIssuerStoreTest extends IssuerStoreContract {
  private PostgresTestDatabase pg;

  @Override
  protected IssuerDatabase openDatabase() {
    pg = PostgresTestDatabase.createSchema();
    return IssuerDatabase.open(pg.url(), null, null);
  }

  @Override
  protected IssuerDatabase openSecondPool() {
    return IssuerDatabase.open(pg.url(), null, null);
  }

  @Override
  protected void dropDatabase() {
    if (pg != null) {
      pg.close();
    }
  }
}
