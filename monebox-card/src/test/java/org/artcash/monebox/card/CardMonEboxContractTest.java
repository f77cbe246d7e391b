package org.artcash.monebox.card;

import org.artcash.monebox.MonEbox;
import org.artcash.testkit.MonEboxContract;

/** The MonEbox applet on jCardSim, through the javax.smartcardio driver, passes the contract. */
class CardMonEboxContractTest extends MonEboxContract {
  @Override
  protected MonEbox newMonEbox() throws Exception {
    return CardMonEbox.onSimulator();
  }

  /** A card reset: transient memory (the button press) is gone, the card's EEPROM stays. */
  @Override
  protected MonEbox reopen(MonEbox box) throws Exception {
    ((CardMonEbox) box).restart();
    return box;
  }
}
