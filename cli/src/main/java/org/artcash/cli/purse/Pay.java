package org.artcash.cli.purse;

import java.util.function.Consumer;
import org.artcash.cli.console.Show;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.money.Amount;

/** Making an approved payment, with the MonEbox's button pressed when it wants that. */
final class Pay {
  private Pay() {}

  /**
   * Pays after the owner approved. Above the MonEbox's button threshold the MonEbox wants its
   * button pressed (docs/PROTOCOL.md, sec. 8): a software MonEbox has no button and a simulated
   * card takes the press as a command, so the owner's approval just given stands for the press,
   * and the press is said; a card with its own button is pressed by the owner
   * ({@link PurseHome#pressButton}).
   */
  static TransferToken withButton(PurseHome home, PaymentRequest request, Amount amount,
      Consumer<String> note) throws ArtcashException {
    try {
      return home.purse().pay(request, amount);
    } catch (ArtcashException e) {
      if (e.reason() != Reason.BUTTON_REQUIRED) {
        throw e;
      }
      note.accept(Show.money(amount) + " is above the MonEbox's button threshold: "
          + home.buttonPressedBy() + ".");
      home.pressButton(note);
      return home.purse().pay(request, amount);
    }
  }
}
