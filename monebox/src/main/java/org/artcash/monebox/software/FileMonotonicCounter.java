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
 * state file (another disk, a directory the backup does not cover): whoever can restore both
 * files to an older copy defeats a software MonEbox, which is why it is the lowest device class.
 * Layout: type 0x41, version 1, u64 value, SHA-256 of the preceding bytes.
 */
public final class FileMonotonicCounter implements MonotonicCounter {
  static final int TYPE = 0x41;
  static final int VERSION = 1;

  private final AtomicFile file;
  private long cached = -1;

  public FileMonotonicCounter(Path file) {
    this.file = new AtomicFile(file);
  }

  public Path path() {
    return file.path();
  }

  @Override
  public synchronized long read() throws IOException {
    if (cached < 0) {
      Optional<byte[]> raw = file.read();
      cached = raw.isEmpty() ? 0 : decode(raw.get());
    }
    return cached;
  }

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
    cached = value;
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
