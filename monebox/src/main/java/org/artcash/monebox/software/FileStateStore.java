package org.artcash.monebox.software;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The software MonEbox's state in one file, replaced atomically (temporary file, fsync, atomic
 * rename, fsync of the directory). From the first read until {@link #close()} it holds an
 * exclusive lock on a sibling ".lock" file: two programs working on one MonEbox's state at once
 * could each spend the same balance. The file holds the device's private keys in the clear and
 * only a plain checksum: protect it like the device itself (see SoftwareMonEbox).
 */
public final class FileStateStore implements StateStore {
  private final AtomicFile file;
  private final Path lockFile;
  private FileChannel lockChannel;
  private FileLock lock;

  public FileStateStore(Path file) {
    this.file = new AtomicFile(file);
    this.lockFile = this.file.path().resolveSibling(this.file.path().getFileName() + ".lock");
  }

  public Path path() {
    return file.path();
  }

  @Override
  public synchronized Optional<byte[]> read() throws IOException {
    lock();
    return file.read();
  }

  @Override
  public synchronized void write(byte[] image) throws IOException {
    lock();
    file.write(image);
  }

  @Override
  public String describe() {
    return "state file " + file.path();
  }

  @Override
  public synchronized void close() throws IOException {
    if (lockChannel != null) {
      lockChannel.close(); // releases the lock
      lockChannel = null;
      lock = null;
    }
  }

  private void lock() throws IOException {
    if (lock != null) {
      return;
    }
    Files.createDirectories(lockFile.getParent());
    FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock acquired;
    try {
      acquired = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      acquired = null; // held by another SoftwareMonEbox in this program
    }
    if (acquired == null) {
      channel.close();
      throw new IOException("the " + describe() + " is in use by another program or MonEbox"
          + " object; close that one first");
    }
    lockChannel = channel;
    lock = acquired;
  }
}
