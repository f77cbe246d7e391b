package org.artcash.monebox.software;

import java.io.IOException;

/**
 * A counter that only goes up, standing for a hardware monotonic counter (a TPM NV counter, a
 * secure element's counter). The software MonEbox stores its commit number in it so a restored old
 * state image is recognised as a rollback.
 */
public interface MonotonicCounter {

  /** The current value; 0 for a counter never advanced. */
  long read() throws IOException;

  /**
   * Raises the counter to {@code value}; when this returns the value survives a power loss.
   *
   * @throws IllegalArgumentException if {@code value} is below the current value
   */
  void advanceTo(long value) throws IOException;

  /** Where the counter lives, for error messages. */
  String describe();
}
