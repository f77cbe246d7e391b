package org.artcash.cli.system;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.artcash.core.ArtcashException;
import org.artcash.monebox.software.FileMonotonicCounter;
import org.artcash.monebox.software.FileStateStore;
import org.artcash.monebox.software.SoftwareMonEbox;
import org.artcash.purse.EPurse;
import org.artcash.purse.store.PurseStore;
import org.artcash.testkit.PowerCut;

/**
 * One participant: a software MonEbox whose state and counter are files, and the e-purse software
 * over an H2 database file, all under one directory. {@link #crash} drops both without closing them
 * and reopens them from their files, as after the power came back.
 */
final class Party {
  final String name;
  private final Path stateFile;
  private final Path counterFile;
  private final Path purseDir;
  private final SystemClock clock;
  private FileStateStore state;
  private SoftwareMonEbox box;
  private Link link;
  private PurseStore store;
  private EPurse purse;

  Party(String name, Path dir, SystemClock clock) {
    this.name = name;
    // state and counter on "different media", as FileMonotonicCounter asks
    this.stateFile = dir.resolve("monebox").resolve("state");
    this.counterFile = dir.resolve("counter").resolve("counter");
    this.purseDir = dir.resolve("purse");
    this.clock = clock;
    openMonEbox();
  }

  private void openMonEbox() {
    PowerCut power = new PowerCut();
    state = new FileStateStore(stateFile);
    box = SoftwareMonEbox.open(power.around(state), power.around(
        new FileMonotonicCounter(counterFile)));
    link = new Link(box, power);
  }

  /** Starts the e-purse software; its MonEbox must be personalised. */
  void openPurse() {
    store = PurseStore.fileH2(purseDir);
    try {
      purse = EPurse.open(link, store, clock, new SecureRandom());
    } catch (ArtcashException e) {
      throw new IllegalStateException("the e-purse of " + name + " does not open: "
          + e.describe(), e);
    }
  }

  EPurse purse() {
    return purse;
  }

  /** The MonEbox as the e-purse software reaches it. */
  Link link() {
    return link;
  }

  /**
   * The process dies between two operations: the MonEbox and e-purse objects are dropped, not
   * closed; what the operating system frees at exit is freed (the state file's lock; the database
   * pool, whose transactions are each committed or not); then both are opened again from their
   * files. A power cut inside a MonEbox commit ({@link Link}) comes before this.
   */
  void crash() {
    try {
      state.close();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    store.close();
    openMonEbox();
    openPurse();
  }

  void close() {
    try {
      box.close();
    } catch (ArtcashException e) {
      // closing after a test: nothing to keep
    }
    if (store != null) {
      store.close();
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
