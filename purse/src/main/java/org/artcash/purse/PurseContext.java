package org.artcash.purse;

import java.time.Clock;
import java.time.Instant;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.TrustStore;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.MonEboxStatus;
import org.artcash.purse.store.PurseStore;

/** What every component of the e-purse software shares: the MonEbox, the store, time and trust. */
record PurseContext(MonEbox box, PurseStore store, Clock clock, TrustStore trust,
    PursePolicy policy) {

  /** The clock's time in whole seconds, the resolution of every time in the protocol. */
  Instant now() {
    return Instant.ofEpochSecond(clock.instant().getEpochSecond());
  }

  /** The MonEbox's currency: every payment, ART and balance of this e-purse is in it. */
  Currency currency() throws ArtcashException {
    return box.balance().currency();
  }

  /** The owner's pseudonym, to which every ART of this e-purse must be issued. */
  Bytes pseudonym(MonEboxStatus status) throws ArtcashException {
    return status.pseudonym().orElseThrow(() -> new ArtcashException(Reason.WRONG_STATE,
        "the MonEbox is not personalised (state " + status.state() + "); it has no owner yet"));
  }
}
