package org.artcash.monebox.software;

/**
 * One bound e-purse host (de Jong 2024, sec. 4.1): the binding key for its approval cryptograms,
 * the highest approval counter used, and the owner's per-payment limit for it (0: none).
 */
record BindingSlot(int id, byte[] key, long lastCounter, long perPaymentLimit) {
  BindingSlot {
    key = key.clone();
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  BindingSlot withCounter(long counter) {
    return new BindingSlot(id, key, counter, perPaymentLimit);
  }

  @Override
  public String toString() {
    return "binding " + id + " (last counter " + lastCounter + ", key not shown)";
  }
}
