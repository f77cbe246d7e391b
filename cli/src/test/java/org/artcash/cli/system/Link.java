package org.artcash.cli.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.PaymentInstruction;
import org.artcash.monebox.RedeemResult;
import org.artcash.testkit.PowerCut;
import org.artcash.testkit.DelegatingMonEbox;

/**
 * The connection between an e-purse and its MonEbox, as the test sees it: passes every call on,
 * can lose the MonEbox's reply to a payment or cut the power in a payment, a redemption or any
 * commit, and logs every redemption so the test's model can check each credit.
 */
final class Link extends DelegatingMonEbox {
  /** One call of {@link #redeem}: its result, or the power cut that stopped it. */
  record Redemption(Bytes artId, Optional<RedeemResult> result, Optional<PowerCut.Point> cut) {}

  private final PowerCut power;
  private final List<Redemption> redemptions = new ArrayList<>();
  /** The ART state whose payment reply is lost, or whose payment commit the power cuts. */
  private Bytes loseReplyTo;
  private Bytes cutPaymentOf;
  private PowerCut.Point cutInPay;
  private PowerCut.Point cutInRedeem;

  Link(MonEbox box, PowerCut power) {
    super(box);
    this.power = power;
  }

  /**
   * The next payment of the ART state {@code stateHash} is made and stored by the MonEbox, but its
   * reply never reaches the host. Other instructions the e-purse sends meanwhile (an earlier
   * approval sent again) pass.
   */
  void loseReplyTo(Bytes stateHash) {
    loseReplyTo = stateHash;
  }

  /** The power goes at {@code p} if the next payment of {@code stateHash} commits. */
  void cutInPaymentOf(Bytes stateHash, PowerCut.Point p) {
    cutPaymentOf = stateHash;
    cutInPay = p;
  }

  /** The power goes at {@code p} in the commit of the next redemption that credits something. */
  void cutInNextRedemption(PowerCut.Point p) {
    cutInRedeem = p;
  }

  /** The power goes at {@code p} in the next commit of any operation. */
  void cutInNextCommit(PowerCut.Point p) {
    power.arm(p);
  }

  /** Forgets cuts and losses armed for operations that did not come. */
  void disarm() {
    loseReplyTo = null;
    cutPaymentOf = null;
    cutInPay = null;
    cutInRedeem = null;
    power.disarm();
  }

  /** The redemptions since the last call, oldest first. */
  List<Redemption> takeRedemptions() {
    List<Redemption> taken = List.copyOf(redemptions);
    redemptions.clear();
    return taken;
  }

  @Override
  public TransferToken pay(PaymentInstruction instruction) throws ArtcashException {
    Bytes state = instruction.request().state().stateHash();
    PowerCut.Point cut = state.equals(cutPaymentOf) ? cutInPay : null;
    if (cut != null) {
      cutPaymentOf = null; // one call only: a payment refused before its commit commits nothing
      cutInPay = null;
      power.arm(cut);
    }
    TransferToken token;
    try {
      token = box.pay(instruction);
    } finally {
      if (cut != null) {
        power.disarm();
      }
    }
    if (state.equals(loseReplyTo)) {
      loseReplyTo = null;
      throw new UncheckedIOException(new IOException("the USB link to the MonEbox broke"));
    }
    return token;
  }

  @Override
  public RedeemResult redeem(TransferToken latest) throws ArtcashException {
    Bytes artId = latest.config().artId();
    boolean armedHere = cutInRedeem != null;
    if (armedHere) {
      power.arm(cutInRedeem);
    }
    try {
      RedeemResult result = box.redeem(latest);
      redemptions.add(new Redemption(artId, Optional.of(result), Optional.empty()));
      return result;
    } catch (PowerCut.Lost lost) {
      cutInRedeem = null;
      redemptions.add(new Redemption(artId, Optional.empty(), Optional.of(lost.point)));
      throw lost;
    } finally {
      if (armedHere && cutInRedeem != null) {
        power.disarm(); // nothing was committed; wait for a redemption that credits
      }
    }
  }

}
