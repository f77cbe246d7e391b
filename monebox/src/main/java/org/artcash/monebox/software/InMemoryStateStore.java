package org.artcash.monebox.software;

import java.util.Optional;

/**
 * A state store in memory, for fast tests: it survives a "reboot" (a new SoftwareMonEbox over the
 * same store) but not the end of the process.
 */
public final class InMemoryStateStore implements StateStore {
  private byte[] image;

  @Override
  public synchronized Optional<byte[]> read() {
    return image == null ? Optional.empty() : Optional.of(image.clone());
  }

  @Override
  public synchronized void write(byte[] image) {
    this.image = image.clone();
  }

  @Override
  public String describe() {
    return "in-memory state";
  }
}
