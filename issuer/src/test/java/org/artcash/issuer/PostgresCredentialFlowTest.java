package org.artcash.issuer;

import org.artcash.issuer.testing.PostgresSchema;
import org.artcash.issuer.testing.TestIssuer;

/** The whole-issuer flow on PostgreSQL (a fresh schema per test, dropped afterwards). */
class PostgresCredentialFlowTest extends CredentialFlowContract {
  @Override
  protected TestIssuer openIssuer() {
    PostgresSchema schema = PostgresSchema.create();
    return TestIssuer.on(schema.open(), IssuerConfig.defaults(), schema::drop);
  }
}
