package org.artcash.monebox.software;

import java.io.IOException;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;

/**
 * Stores device images so that a crash loses and creates nothing, and a restored older image is
 * detected. Each commit writes the image with commit number v+1 first, then advances the monotonic
 * counter to v+1; so at any instant the stored image's number is the counter's value or one more.
 * An image numbered below the counter is a rollback (an old copy put back) and is refused.
 *
 * <p>The store is read first, because reading takes its exclusive hold (the state file's lock),
 * and the counter is read afresh under that hold on every load and before every write: a value
 * read before another program finished its commits would let an older image pass, and raising the
 * counter to that image's number would lower it (FileMonotonicCounter checks that too).
 */
final class DeviceStorage {
  private final StateStore store;
  private final MonotonicCounter counter;

  DeviceStorage(StateStore store, MonotonicCounter counter) {
    this.store = store;
    this.counter = counter;
  }

  /** Reads the stored image (a blank one for a new device) after the rollback check. */
  DeviceImage load() throws ArtcashException {
    long count;
    Optional<byte[]> raw;
    try {
      raw = store.read(); // first: takes the store's lock before the counter is looked at
      count = counter.read();
    } catch (IOException e) {
      throw new ArtcashException(Reason.STORAGE_FAILURE, "the MonEbox cannot read its "
          + store.describe() + " or " + counter.describe() + " (" + e.getMessage()
          + "); check the files and restart it", e);
    }
    if (raw.isEmpty()) {
      if (count != 0) {
        throw new ArtcashException(Reason.ROLLBACK_DETECTED, "the MonEbox's " + store.describe()
            + " is missing but its " + counter.describe() + " shows " + count
            + " commits: the state was deleted or replaced; the MonEbox refuses to operate."
            + " Ask the issuer's recovery agent for help");
      }
      return DeviceImage.blank();
    }
    DeviceImage image;
    try {
      image = DeviceImage.decode(raw.get());
    } catch (ArtcashException e) {
      throw new ArtcashException(Reason.STORAGE_FAILURE, "the MonEbox's " + store.describe()
          + " cannot be read: " + e.getMessage() + ". Do not delete it; keep the file and"
          + " ask the issuer's recovery agent for help", e);
    }
    if (image.commitNumber < count) {
      throw rolledBack(image.commitNumber, count);
    }
    if (image.commitNumber > count) {
      advanceCounter(image.commitNumber); // the last commit stopped between its two writes
    }
    return image;
  }

  /**
   * Stores {@code next} as the commit after {@code current} (the image {@link #load} returned or
   * the last one committed); returns once both are durable. Refuses, writing nothing, when the
   * counter has moved past {@code current} meanwhile.
   */
  void commit(DeviceImage current, DeviceImage next) throws ArtcashException {
    long count;
    try {
      count = counter.read();
    } catch (IOException e) {
      throw failed(e);
    }
    if (count > current.commitNumber) {
      throw rolledBack(current.commitNumber, count);
    }
    next.commitNumber = current.commitNumber + 1;
    byte[] encoded = next.encode();
    try {
      store.write(encoded);
    } catch (IOException e) {
      throw failed(e);
    }
    advanceCounter(next.commitNumber);
  }

  private void advanceCounter(long value) throws ArtcashException {
    try {
      counter.advanceTo(value);
    } catch (IOException e) {
      throw failed(e);
    } catch (IllegalArgumentException e) { // it never goes down: another program moved it on
      throw new ArtcashException(Reason.ROLLBACK_DETECTED, "the MonEbox's " + counter.describe()
          + " is beyond commit " + value + " of its " + store.describe() + " (" + e.getMessage()
          + "): another program changed the MonEbox's storage. The MonEbox refuses to operate;"
          + " restore the newest state or ask the issuer's recovery agent for help", e);
    }
  }

  private ArtcashException rolledBack(long commit, long count) {
    return new ArtcashException(Reason.ROLLBACK_DETECTED, "the MonEbox's " + store.describe()
        + " is commit " + commit + " but its " + counter.describe() + " is at " + count
        + ": an older copy of the state was put back, or another program changed it. The MonEbox"
        + " refuses to operate; restore the newest state or ask the issuer's recovery agent for"
        + " help");
  }

  /** Releases the store (its file lock); the counter holds nothing open. */
  void close() throws IOException {
    store.close();
  }

  private ArtcashException failed(IOException e) {
    return new ArtcashException(Reason.STORAGE_FAILURE, "the MonEbox could not store its state in "
        + store.describe() + " / " + counter.describe() + " (" + e.getMessage() + "); the"
        + " operation may or may not have taken effect. Retry it: a retry is safe", e);
  }
}
