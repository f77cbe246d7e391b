package org.artcash.purse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.TransferToken;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.PaymentInstruction;
import org.artcash.monebox.RedeemResult;
import org.artcash.testkit.DelegatingMonEbox;

/**
 * The connection between the e-purse software and its MonEbox, for tests: passes every call on,
 * counts payments and redemptions, and on request loses or damages a payment's reply, fails
 * payments, or refuses a redemption.
 */
final class ForwardingMonEbox extends DelegatingMonEbox {
  private int payCalls;
  private int redeemCalls;
  private boolean loseNextPayReply;
  private boolean damageNextPayReply;
  private boolean failPayments;
  private boolean failRedemptions;

  ForwardingMonEbox(MonEbox box) {
    super(box);
  }

  int payCalls() {
    return payCalls;
  }

  int redeemCalls() {
    return redeemCalls;
  }

  /** The next payment is made and stored by the MonEbox, but its reply never reaches the host. */
  void loseNextPayReply() {
    loseNextPayReply = true;
  }

  /** The next payment is made, but one bit of its token's signature flips on the way back. */
  void damageNextPayReply() {
    damageNextPayReply = true;
  }

  /** Payments fail inside the MonEbox before it decides anything; nothing is paid. */
  void failPayments(boolean fail) {
    failPayments = fail;
  }

  void failRedemptions(boolean fail) {
    failRedemptions = fail;
  }

  @Override
  public TransferToken pay(PaymentInstruction instruction) throws ArtcashException {
    payCalls++;
    if (failPayments) {
      throw new ArtcashException(Reason.STORAGE_FAILURE, "the MonEbox could not read its state");
    }
    TransferToken token = box.pay(instruction);
    if (loseNextPayReply) {
      loseNextPayReply = false;
      throw new UncheckedIOException(new IOException("the USB link to the MonEbox broke"));
    }
    if (damageNextPayReply) {
      damageNextPayReply = false;
      return damaged(token);
    }
    return token;
  }

  private static TransferToken damaged(TransferToken token) throws ArtcashException {
    byte[] encoded = token.encode();
    byte[] signature = token.record().signature();
    for (int i = 0; i + signature.length <= encoded.length; i++) {
      if (Arrays.equals(encoded, i, i + signature.length, signature, 0, signature.length)) {
        encoded[i + 10] ^= 0x01;
        return TransferToken.decode(encoded);
      }
    }
    throw new AssertionError("the token does not hold its signature");
  }

  @Override
  public RedeemResult redeem(TransferToken latest) throws ArtcashException {
    redeemCalls++;
    if (failRedemptions) {
      throw new ArtcashException(Reason.STORAGE_FAILURE, "the MonEbox could not store its state");
    }
    return box.redeem(latest);
  }

}
