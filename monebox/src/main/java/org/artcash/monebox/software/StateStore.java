package org.artcash.monebox.software;

import java.io.IOException;
import java.util.Optional;

/**
 * The persistent memory of a software MonEbox: one image of the whole device state, replaced
 * atomically. After a crash at any instant, {@link #read()} returns the old image or the new one,
 * never a mixture (de Jong 2024, sec. 2.3: the payer stores the result before sending it).
 */
public interface StateStore extends AutoCloseable {

  /**
   * The image last written completely, or empty when none was ever written. A store that another
   * program can open too takes its exclusive hold here (and in {@link #write}) and keeps it until
   * {@link #close()}; DeviceStorage reads the store before the counter for that reason.
   */
  Optional<byte[]> read() throws IOException;

  /** Replaces the stored image; when this returns, the new image survives a power loss. */
  void write(byte[] image) throws IOException;

  /** Where the image lives, for error messages ("state file /var/lib/..."). */
  String describe();

  /** Releases what the store holds, such as a lock on its file; the default holds nothing. */
  @Override
  default void close() throws IOException {}
}
