package org.artcash.cli.system;

import java.io.IOException;
import java.util.Optional;
import org.artcash.monebox.software.MonotonicCounter;
import org.artcash.monebox.software.StateStore;

/**
 * Cuts the power inside a software MonEbox's commit at one chosen point: the commit stops there,
 * and the test drops every object of that party and reopens its files, as after a reboot. The
 * three points are those of {@code DeviceStorage.commit}: state file, then monotonic counter.
 */
final class PowerCut {
  /** Where in a commit the power goes. */
  enum Point {
    /** Nothing of the commit was written: the operation did not happen. */
    BEFORE_STATE_WRITE,
    /** The new state is stored, the counter not yet: on reboot the MonEbox completes it. */
    AFTER_STATE_WRITE,
    /** Both are stored; only the result never left the device. */
    AFTER_COUNTER_ADVANCE;

    /** Whether the operation took effect, as seen after the reboot. */
    boolean stored() {
      return this != BEFORE_STATE_WRITE;
    }
  }

  /** Stands for the power going: nothing after it runs. */
  static final class Lost extends RuntimeException {
    final Point point;

    Lost(Point point) {
      super("power cut " + point);
      this.point = point;
    }
  }

  private Point armed;

  /** The power goes at {@code p} in the next commit. */
  void arm(Point p) {
    armed = p;
  }

  void disarm() {
    armed = null;
  }

  private void at(Point p) {
    if (armed == p) {
      armed = null;
      throw new Lost(p);
    }
  }

  StateStore around(StateStore store) {
    return new StateStore() {
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

  MonotonicCounter around(MonotonicCounter counter) {
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
