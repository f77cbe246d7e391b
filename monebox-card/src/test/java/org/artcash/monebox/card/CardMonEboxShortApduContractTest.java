package org.artcash.monebox.card;

import org.artcash.monebox.MonEbox;
import org.artcash.testkit.MonEboxContract;

/**
 * The contract again with short APDUs only, as through a reader without extended length: every
 * long command goes by command chaining and every long answer by GET RESPONSE.
 */
class CardMonEboxShortApduContractTest extends MonEboxContract {
  @Override
  protected MonEbox newMonEbox() throws Exception {
    return CardMonEbox.onSimulator(CardTransport.Mode.SHORT);
  }

  @Override
  protected MonEbox reopen(MonEbox box) throws Exception {
    ((CardMonEbox) box).restart();
    return box;
  }
}
