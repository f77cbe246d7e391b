package org.artcash.testkit;

import java.io.IOException;
import java.util.Optional;
import org.artcash.monebox.software.MonotonicCounter;
import org.artcash.monebox.software.StateStore;

/**
 * Cuts the power inside a software MonEbox's storage at one chosen point of the next commit: the
 * commit stops there, the test throws the MonEbox object away and opens a new one over the same
 * storage, as after a reboot. It can also fail the write with an I/O error instead, after which the
 * same MonEbox object carries on. The points are those of the commit: state file, then monotonic
 * counter. Shared by the MonEbox, e-purse and whole-system tests.
 */
public final class PowerCut {
  /** Where in a commit the power goes. */
  public enum Point {
    /** Nothing of the commit was written: the operation did not happen. */
    BEFORE_STATE_WRITE,
    /** The new state is stored, the counter still has the old value: a reboot completes it. */
    AFTER_STATE_WRITE,
    /** Both are stored; only the result never left the device. */
    AFTER_COUNTER_ADVANCE;

    /** Whether the operation took effect, as seen after the reboot. */
    public boolean stored() {
      return this != BEFORE_STATE_WRITE;
    }
  }

  /** Thrown out of the commit when the power goes. */
  public static final class Lost extends RuntimeException {
    public final Point point;

    Lost(Point point) {
      super("power cut " + point);
      this.point = point;
    }
  }

  private Point armed;
  private boolean diskError;

  /** The power goes at {@code p} in the next commit. */
  public void arm(Point p) {
    armed = p;
    diskError = false;
  }

  /** The disk reports an error at {@code p} in the next commit. */
  public void armDiskError(Point p) {
    armed = p;
    diskError = true;
  }

  /** Nothing happens in the next commit after all. */
  public void disarm() {
    armed = null;
  }

  /** Whether the armed cut (or disk error) has happened. */
  public boolean fired() {
    return armed == null;
  }

  private void at(Point p) throws IOException {
    if (armed == p) {
      armed = null;
      if (diskError) {
        throw new IOException("simulated disk error " + p);
      }
      throw new Lost(p);
    }
  }

  public StateStore around(StateStore store) {    return new StateStore() {
      @Override
      public Optional<byte[]> read() throws IOException {
        return store.read();
      }

      @Override
      public void write(byte[] image) throws IOException {
        at(Point.BEFORE_STATE_WRITE);
        store.write(image);
        at(Point.AFTER_STATE_WRITE);
      }

      @Override
      public String describe() {
        return store.describe();
      }

      @Override
      public void close() throws IOException {
        store.close();
      }
    };
  }

  public MonotonicCounter around(MonotonicCounter counter) {
    return new MonotonicCounter() {
      @Override
      public long read() throws IOException {
        return counter.read();
      }

      @Override
      public void advanceTo(long value) throws IOException {
        counter.advanceTo(value);
        at(Point.AFTER_COUNTER_ADVANCE);
      }

      @Override
      public String describe() {
        return counter.describe();
      }
    };
  }
}
