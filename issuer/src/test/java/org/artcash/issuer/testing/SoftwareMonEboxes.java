package org.artcash.issuer.testing;

import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.issuer.IssuerSystem;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.software.InMemoryMonotonicCounter;
import org.artcash.monebox.software.InMemoryStateStore;
import org.artcash.monebox.software.SoftwareMonEbox;

/** Blank and personalised software MonEboxes over in-memory state, for tests. */
public final class SoftwareMonEboxes {
  private SoftwareMonEboxes() {}

  public static MonEbox blank() {
    return SoftwareMonEbox.open(new InMemoryStateStore(), new InMemoryMonotonicCounter());
  }

  /** The issuer's own MonEbox, personalised by {@code issuer} with its committee. */
  public static MonEbox issuers(IssuerSystem issuer) throws ArtcashException {
    MonEbox box = blank();
    box.personalise(issuer.personalisationFor(box, 2, true, Optional.empty(), "Issuer"));
    return box;
  }
}
