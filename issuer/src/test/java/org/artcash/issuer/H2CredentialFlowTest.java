package org.artcash.issuer;

import org.artcash.issuer.testing.TestIssuer;

/** The whole-issuer flow on embedded H2 (a fresh in-memory database per test). */
class H2CredentialFlowTest extends CredentialFlowContract {
  @Override
  protected TestIssuer openIssuer() {
    return TestIssuer.onH2();
  }
}
