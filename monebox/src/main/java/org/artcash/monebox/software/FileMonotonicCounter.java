package org.artcash.monebox.software;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.codec.Bytes;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.artcash.core.crypto.Sha256;

/**
 * A monotonic counter in a file, standing for a hardware counter. Keep it somewhere else than the
 * state file (another disk, a directory the backup does not cover), so that restoring a backup of
 * the state is detected. It detects accidents, not attacks: whoever can write the files can write
 * any value (see SoftwareMonEbox). Nothing is cached: every read and every advance reads the file,
 * so a value another program wrote is never overwritten with a lower one. The read-compare-write
 * in {@link #advanceTo} is atomic only while one program at a time advances the counter;
 * SoftwareMonEbox does so only while it holds its state file's lock.
 * Layout: type 0x41, version 1, u64 value, SHA-256 of the preceding bytes.
 */
public final class FileMonotonicCounter implements MonotonicCounter {
  static final int TYPE = 0x41;
  static final int VERSION = 1;

  private final AtomicFile file;

  public FileMonotonicCounter(Path file) {
    this.file = new AtomicFile(file);
  }

  public Path path() {
    return file.path();
  }

  /** The value in the file now (0 when there is no file yet). */
  @Override
  public synchronized long read() throws IOException {
    Optional<byte[]> raw = file.read();
    return raw.isEmpty() ? 0 : decode(raw.get());
  }

  /** Reads the file, refuses a lower value, writes only a higher one. */
  @Override
  public synchronized void advanceTo(long value) throws IOException {
    long current = read();
    if (value < current) {
      throw new IllegalArgumentException(
          "a monotonic counter cannot go down from " + current + " to " + value);
    }
    if (value == current) {
      return;
    }
    byte[] body = new Encoder().u8(TYPE).u8(VERSION).u64(value).toByteArray();
    file.write(new Encoder().raw(body).raw(Sha256.hash(body)).toByteArray());
  }

  @Override
  public String describe() {
    return "counter file " + file.path();
  }

  private long decode(byte[] raw) throws IOException {
    try {
      Decoder d = Decoder.of(raw, "monotonic counter");
      d.header(TYPE, VERSION);
      long value = d.u64("value");
      byte[] body = d.slice(0);
      Bytes checksum = d.fixedBytes(32, "checksum");
      d.finish();
      if (!checksum.equals(Sha256.digest(body))) {
        throw new IOException("the " + describe() + " is damaged (checksum mismatch)");
      }
      return value;
    } catch (ArtcashException e) {
      throw new IOException("the " + describe() + " is damaged: " + e.getMessage(), e);
    }
  }
}
