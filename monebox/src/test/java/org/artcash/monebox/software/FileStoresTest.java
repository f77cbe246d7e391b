package org.artcash.monebox.software;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file and the counter file: atomic replacement, owner-only, and monotonic. */
class FileStoresTest {
  @TempDir
  Path dir;

  @Test
  void stateStore_missingFile_readsEmpty() throws IOException {
    assertTrue(new FileStateStore(dir.resolve("none")).read().isEmpty());
  }

  @Test
  void stateStore_write_replacesTheImageAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("sub").resolve("state");
    FileStateStore store = new FileStateStore(file);
    store.write(new byte[] {1, 2, 3});
    store.write(new byte[] {4, 5});
    assertArrayEquals(new byte[] {4, 5}, store.read().orElseThrow());
    store.close();
    try (var listing = Files.list(file.getParent())) {
      assertEquals(List.of("state", "state.lock"), listing.map(p -> p.getFileName().toString())
          .sorted().toList());
    }
  }

  @Test
  void stateStore_leftoverTemporaryFile_isIgnoredAndReplaced() throws IOException {
    Path file = dir.resolve("state");
    FileStateStore store = new FileStateStore(file);
    store.write(new byte[] {1});
    Files.write(dir.resolve("state.tmp"), new byte[] {9, 9, 9});
    assertArrayEquals(new byte[] {1}, store.read().orElseThrow());
    store.write(new byte[] {2});
    assertArrayEquals(new byte[] {2}, store.read().orElseThrow());
    assertTrue(Files.notExists(dir.resolve("state.tmp")));
  }

  @Test
  void stateStore_file_isReadableByItsOwnerOnly() throws IOException {
    Path file = dir.resolve("state");
    new FileStateStore(file).write(new byte[] {1});
    assertEquals(PosixFilePermissions.fromString("rw-------"),
        Files.getPosixFilePermissions(file));
  }

  @Test
  void stateStore_secondStoreOnTheSameFile_refusedUntilTheFirstCloses() throws IOException {
    Path file = dir.resolve("state");
    FileStateStore first = new FileStateStore(file);
    first.write(new byte[] {1});
    FileStateStore second = new FileStateStore(file);
    IOException e = assertThrows(IOException.class, second::read);
    assertTrue(e.getMessage().contains("in use"), e.getMessage());
    first.close();
    assertArrayEquals(new byte[] {1}, second.read().orElseThrow());
    second.close();
  }

  @Test
  void counter_new_readsZero() throws IOException {
    assertEquals(0, new FileMonotonicCounter(dir.resolve("counter")).read());
  }

  @Test
  void counter_advanced_survivesReopening() throws IOException {
    new FileMonotonicCounter(dir.resolve("counter")).advanceTo(41);
    FileMonotonicCounter reopened = new FileMonotonicCounter(dir.resolve("counter"));
    assertEquals(41, reopened.read());
    reopened.advanceTo(42);
    assertEquals(42, new FileMonotonicCounter(dir.resolve("counter")).read());
  }

  @Test
  void counter_lowerValue_refused() throws IOException {
    FileMonotonicCounter counter = new FileMonotonicCounter(dir.resolve("counter"));
    counter.advanceTo(5);
    assertThrows(IllegalArgumentException.class, () -> counter.advanceTo(4));
    assertEquals(5, counter.read());
  }

  /** Two programs' counter objects on one file: neither writes below what the other wrote. */
  @Test
  void counter_twoObjectsOnOneFile_neverLowersWhatTheOtherWrote() throws IOException {
    Path file = dir.resolve("counter");
    FileMonotonicCounter first = new FileMonotonicCounter(file);
    FileMonotonicCounter second = new FileMonotonicCounter(file);
    assertEquals(5, advancedTo(first, 5));
    assertEquals(5, second.read());
    first.advanceTo(10);
    assertEquals(10, second.read());
    assertThrows(IllegalArgumentException.class, () -> second.advanceTo(7));
    assertEquals(10, new FileMonotonicCounter(file).read());
  }

  private static long advancedTo(FileMonotonicCounter c, long value) throws IOException {
    c.advanceTo(value);
    return c.read();
  }

  @Test
  void counter_damagedFile_isAnIoError() throws IOException {
    Path file = dir.resolve("counter");
    new FileMonotonicCounter(file).advanceTo(5);
    byte[] raw = Files.readAllBytes(file);
    raw[9] ^= 1;
    Files.write(file, raw);
    IOException e = assertThrows(IOException.class, () -> new FileMonotonicCounter(file).read());
    assertTrue(e.getMessage().contains("damaged"), e.getMessage());
  }
}
