package org.artcash.testkit;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.software.SoftwareMonEbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The software MonEbox passes the contract, with its state and counter in files as in use. */
class SoftwareMonEboxContractTest extends MonEboxContract {
  @TempDir
  Path dir;

  private final Map<SoftwareMonEbox, Integer> numbers = new IdentityHashMap<>();
  private int opened;

  @Override
  protected MonEbox newMonEbox() {
    return open(++opened);
  }

  /** A restart: the old object lets go of the files, a new one opens them. */
  @Override
  protected MonEbox reopen(MonEbox box) throws Exception {
    SoftwareMonEbox old = (SoftwareMonEbox) box;
    old.close();
    return open(numbers.remove(old));
  }

  @AfterEach
  void closeAll() throws Exception {
    for (SoftwareMonEbox box : numbers.keySet()) {
      box.close();
    }
  }

  private MonEbox open(int n) {
    // The counter lives apart from the state, as a hardware counter would.
    SoftwareMonEbox box = SoftwareMonEbox.open(dir.resolve("state").resolve("monebox-" + n),
        dir.resolve("counters").resolve("monebox-" + n));
    numbers.put(box, n);
    return box;
  }
}
