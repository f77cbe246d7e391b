package org.artcash.monebox.software;

/** A monotonic counter in memory, for fast tests (survives a "reboot" over the same object). */
public final class InMemoryMonotonicCounter implements MonotonicCounter {
  private long value;

  @Override
  public synchronized long read() {
    return value;
  }

  @Override
  public synchronized void advanceTo(long newValue) {
    if (newValue < value) {
      throw new IllegalArgumentException(
          "a monotonic counter cannot go down from " + value + " to " + newValue);
    }
    value = newValue;
  }

  @Override
  public String describe() {
    return "in-memory counter";
  }
}
