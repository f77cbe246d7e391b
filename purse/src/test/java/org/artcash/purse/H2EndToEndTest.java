package org.artcash.purse;

/** Whole payments between e-purses whose state is in embedded H2. */
class H2EndToEndTest extends EndToEndContract {
  @Override
  protected PurseWorld createWorld() {
    return new PurseWorld();
  }
}
