package org.artcash.cli.purse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.artcash.core.ArtcashException;
import org.artcash.monebox.card.CardMonEbox;

/**
 * For tests and demonstrations only: a "reader" named {@code sim:NAME} holds a simulated MonEbox
 * card (jCardSim), recognised only when the system property {@code
 * artcash.allowSimulatedCards=true} is set. A simulated card lives in this program's memory, so
 * each one is kept here under its name: successive commands in one program reach the same card,
 * and it is gone when the program ends.
 */
final class SimulatedCards {
  static final String PREFIX = "sim:";
  static final String ALLOW_PROPERTY = "artcash.allowSimulatedCards";

  private static final Map<String, CardMonEbox> CARDS = new HashMap<>();

  private SimulatedCards() {}

  static boolean allowed() {
    return Boolean.getBoolean(ALLOW_PROPERTY);
  }

  /** Whether {@code reader} names a simulated card; without the property it is a PC/SC name. */
  static boolean isSimulated(String reader) {
    return allowed() && reader.startsWith(PREFIX);
  }

  /** The card in the simulated reader {@code reader}: a blank one the first time it is named. */
  static synchronized CardMonEbox card(String reader) throws ArtcashException {
    if (!isSimulated(reader)) {
      throw new IllegalArgumentException("not a simulated reader: " + reader);
    }
    CardMonEbox card = CARDS.get(reader);
    if (card == null) {
      card = CardMonEbox.onSimulator();
      CARDS.put(reader, card);
    }
    return card;
  }

  /** The simulated readers named so far in this program. */
  static synchronized List<String> names() {
    List<String> names = new ArrayList<>(CARDS.keySet());
    names.sort(null);
    return names;
  }
}
