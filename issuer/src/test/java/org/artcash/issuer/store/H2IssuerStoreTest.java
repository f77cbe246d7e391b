package org.artcash.issuer.store;

import java.util.UUID;

/** The store contract on embedded H2 (in memory, a fresh database per test). */
class H2IssuerStoreTest extends IssuerStoreContract {
  private String name;

  @Override
  protected IssuerDatabase openDatabase() {
    name = "issuer-test-" + UUID.randomUUID();
    return IssuerDatabase.inMemoryH2(name);
  }

  @Override
  protected IssuerDatabase openSecondPool() {
    return IssuerDatabase.open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  @Override
  protected void dropDatabase() {
    // closing the IssuerDatabase from inMemoryH2 dropped it
  }
}
