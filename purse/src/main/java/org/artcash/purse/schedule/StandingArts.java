package org.artcash.purse.schedule;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.purse.EPurse;
import org.artcash.purse.store.PurseStore;
import org.artcash.purse.store.Sql;

/**
 * The payee's early payment requests (de Jong 2024, sec. 4.1: "a payment request can be sent at
 * any time prior to the moment of payment"): an ART sent without an amount to one payer, who may
 * pay several agreed amounts on it. The ART is standing: it stays in use after each payment, so
 * its state is offered to nobody else, until the request is cancelled or the ART expires. The
 * shop's points of sale hold standing ARTs the same way.
 */
public final class StandingArts {
  private final EPurse purse;
  private final PurseStore store;

  public StandingArts(EPurse purse, PurseStore store) {
    this.purse = Objects.requireNonNull(purse, "purse");
    this.store = Objects.requireNonNull(store, "store");
  }

  /** An early request: a free ART, reserved and marked standing in the e-purse's database. */
  public PaymentRequest open() throws ArtcashException {
    PaymentRequest request = purse.requestPayment(Optional.<Amount>empty());
    Bytes artId = request.state().config().artId();
    int marked = store.inTransaction(c -> Sql.update(c, "UPDATE purse_art SET standing = 1"
        + " WHERE art_id = ? AND status = 'IN_USE'", artId));
    if (marked != 1) {
      // Only this process knew the request; nobody can have paid it yet.
      purse.cancelRequest(artId);
      throw new ArtcashException(Reason.ART_IN_USE, "ART " + artId.shortHex() + " changed while"
          + " it was being reserved for an early request; nothing was sent, try again");
    }
    return request;
  }

  /** The standing ARTs still in use, oldest expiry first. */
  public List<Bytes> inUse() {
    return inUse(store);
  }

  /**
   * How many standing ARTs {@code store} holds in use: the credential manager should keep that
   * many more ARTs than its usual target, since these serve only their one payer or device.
   */
  public static int countInUse(PurseStore store) {
    return inUse(store).size();
  }

  private static List<Bytes> inUse(PurseStore store) {
    try {
      return store.inTransaction(c -> Sql.list(c, "SELECT art_id FROM purse_art WHERE standing = 1"
          + " AND status = 'IN_USE' ORDER BY not_after, art_id",
          rs -> Bytes.copyOf(rs.getBytes(1))));
    } catch (ArtcashException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** True when {@code artId} is one of this e-purse's standing ARTs still in use. */
  public boolean isStanding(Bytes artId) {
    return inUse().contains(artId);
  }
}
