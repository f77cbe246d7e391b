package org.artcash.monebox.software;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.monebox.DeviceState;
import org.junit.jupiter.api.Test;

/** The commit order (state first, then counter) and the rollback check on loading. */
class DeviceStorageTest {
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final InMemoryMonotonicCounter counter = new InMemoryMonotonicCounter();
  private final DeviceStorage storage = new DeviceStorage(store, counter);

  private DeviceImage imageAt(long commit) {
    DeviceImage img = DeviceImage.blank();
    img.commitNumber = commit;
    return img;
  }

  @Test
  void load_nothingStored_isABlankImage() throws ArtcashException {
    DeviceImage img = storage.load();
    assertEquals(DeviceState.BLANK, img.state);
    assertEquals(0, img.commitNumber);
  }

  @Test
  void commit_storesTheNextNumberAndAdvancesTheCounter() throws ArtcashException {
    storage.commit(imageAt(4), imageAt(0));
    assertEquals(5, counter.read());
    assertEquals(5, storage.load().commitNumber);
  }

  @Test
  void load_stateOneAheadOfTheCounter_completesTheCommit() throws ArtcashException {
    store.write(imageAt(3).encode()); // power lost between the two writes of commit 3
    counter.advanceTo(2);
    assertEquals(3, storage.load().commitNumber);
    assertEquals(3, counter.read());
  }

  @Test
  void load_stateBehindTheCounter_isARollback() {
    store.write(imageAt(2).encode());
    counter.advanceTo(3);
    ArtcashException e = assertThrows(ArtcashException.class, storage::load);
    assertEquals(Reason.ROLLBACK_DETECTED, e.reason());
  }

  @Test
  void load_stateMissingAfterCommits_isARollback() {
    counter.advanceTo(1);
    ArtcashException e = assertThrows(ArtcashException.class, storage::load);
    assertEquals(Reason.ROLLBACK_DETECTED, e.reason());
  }

  @Test
  void load_undecodableState_isAStorageFailure() {
    store.write(new byte[] {0x40, 0x01, 0x00});
    ArtcashException e = assertThrows(ArtcashException.class, storage::load);
    assertEquals(Reason.STORAGE_FAILURE, e.reason());
  }

  @Test
  void commit_counterMovedOnSinceTheLoad_refusedAndNothingWritten() throws ArtcashException {
    storage.commit(imageAt(2), imageAt(0));
    DeviceImage loaded = storage.load();
    counter.advanceTo(5); // another program's commits
    byte[] stored = store.read().orElseThrow();
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> storage.commit(loaded, imageAt(0)));
    assertEquals(Reason.ROLLBACK_DETECTED, e.reason());
    assertArrayEquals(stored, store.read().orElseThrow());
    assertEquals(5, counter.read());
  }

  /** The store is read (and its lock taken) before the counter, which is read afresh each time. */
  @Test
  void load_readsTheStoreBeforeTheCounter() throws ArtcashException {
    List<String> reads = new ArrayList<>();
    DeviceStorage watched = new DeviceStorage(new StateStore() {
      @Override
      public Optional<byte[]> read() {
        reads.add("store");
        return store.read();
      }

      @Override
      public void write(byte[] image) {
        store.write(image);
      }

      @Override
      public String describe() {
        return store.describe();
      }
    }, new MonotonicCounter() {
      @Override
      public long read() {
        reads.add("counter");
        return counter.read();
      }

      @Override
      public void advanceTo(long value) {
        counter.advanceTo(value);
      }

      @Override
      public String describe() {
        return counter.describe();
      }
    });
    watched.load();
    watched.load();
    assertEquals(List.of("store", "counter", "store", "counter"), reads);
  }

  @Test
  void commit_writeFails_counterStaysAndTheErrorSaysRetry() {
    DeviceStorage failing = new DeviceStorage(new StateStore() {
      @Override
      public java.util.Optional<byte[]> read() {
        return java.util.Optional.empty();
      }

      @Override
      public void write(byte[] image) throws IOException {
        throw new IOException("disk full");
      }

      @Override
      public String describe() {
        return "failing store";
      }
    }, counter);
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> failing.commit(imageAt(0), imageAt(0)));
    assertEquals(Reason.STORAGE_FAILURE, e.reason());
    assertEquals(0, counter.read());
  }
}
