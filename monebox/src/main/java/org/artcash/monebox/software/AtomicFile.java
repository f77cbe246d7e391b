package org.artcash.monebox.software;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * A file replaced atomically: write a temporary file beside it, force it to disk, rename it over
 * the target with {@code ATOMIC_MOVE}, then force the directory so the rename itself is durable.
 * A crash leaves the old or the new content; a half-written temporary file is never read.
 */
final class AtomicFile {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Path file;
  private final Path temporary;

  AtomicFile(Path file) {
    this.file = file.toAbsolutePath();
    this.temporary = this.file.resolveSibling(this.file.getFileName() + ".tmp");
  }

  Path path() {
    return file;
  }

  Optional<byte[]> read() throws IOException {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    }
  }

  void write(byte[] content) throws IOException {
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Files.deleteIfExists(temporary); // left by a crash; recreated below with owner-only access
    Set<StandardOpenOption> options =
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try (FileChannel ch = POSIX
        ? FileChannel.open(temporary, options, ownerOnly())
        : FileChannel.open(temporary, options)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    if (POSIX) {
      // The rename is only durable once the directory entry is on disk (POSIX rename(2) + fsync).
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
    }
  }

  /** The file holds private keys: readable by its owner only. */
  private static FileAttribute<?> ownerOnly() {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  }
}
