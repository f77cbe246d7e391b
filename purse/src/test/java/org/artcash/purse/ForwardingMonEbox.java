package org.artcash.purse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.TransferToken;
import org.artcash.core.credential.ArtRequest;
import org.artcash.core.credential.CertificationRequest;
import org.artcash.core.credential.CertificationResponse;
import org.artcash.core.issuance.IssuanceOrder;
import org.artcash.core.money.Amount;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.RevocationList;
import org.artcash.monebox.Binding;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.MonEboxStatus;
import org.artcash.monebox.PaymentInstruction;
import org.artcash.monebox.Personalisation;
import org.artcash.monebox.RecoveryStatement;
import org.artcash.monebox.RedeemResult;

/**
 * The connection between the e-purse software and its MonEbox, for tests: passes every call on,
 * counts payments and redemptions, and on request loses or damages a payment's reply, fails
 * payments, or refuses a redemption.
 */
final class ForwardingMonEbox implements MonEbox {
  private final MonEbox box;
  private int payCalls;
  private int redeemCalls;
  private boolean loseNextPayReply;
  private boolean damageNextPayReply;
  private boolean failPayments;
  private boolean failRedemptions;

  ForwardingMonEbox(MonEbox box) {
    this.box = box;
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

  @Override
  public MonEboxStatus status() throws ArtcashException {
    return box.status();
  }

  @Override
  public byte[] generateDeviceKey() throws ArtcashException {
    return box.generateDeviceKey();
  }

  @Override
  public void personalise(Personalisation p) throws ArtcashException {
    box.personalise(p);
  }

  @Override
  public Certificate rootOfTrust() throws ArtcashException {
    return box.rootOfTrust();
  }

  @Override
  public Certificate deviceCertificate() throws ArtcashException {
    return box.deviceCertificate();
  }

  @Override
  public void pressButton() throws ArtcashException {
    box.pressButton();
  }

  @Override
  public Binding.Result bind(Binding.Request request) throws ArtcashException {
    return box.bind(request);
  }

  @Override
  public void setButtonThreshold(long threshold) throws ArtcashException {
    box.setButtonThreshold(threshold);
  }

  @Override
  public Amount balance() throws ArtcashException {
    return box.balance();
  }

  @Override
  public CertificationRequest requestPaymentKeyCertification(Certificate certifier,
      List<Certificate> chain, Instant hostTime) throws ArtcashException {
    return box.requestPaymentKeyCertification(certifier, chain, hostTime);
  }

  @Override
  public MonEboxStatus.PaymentKeyInfo installPaymentKeyCertificate(CertificationResponse response)
      throws ArtcashException {
    return box.installPaymentKeyCertificate(response);
  }

  @Override
  public ArtRequest requestArts(ArtRequest.Wish wish, Instant hostTime) throws ArtcashException {
    return box.requestArts(wish, hostTime);
  }

  @Override
  public void updateRevocationList(RevocationList list, List<Certificate> chain)
      throws ArtcashException {
    box.updateRevocationList(list, chain);
  }

  @Override
  public MonEboxStatus.Supply execute(IssuanceOrder order) throws ArtcashException {
    return box.execute(order);
  }

  @Override
  public void tamper() throws ArtcashException {
    box.tamper();
  }

  @Override
  public RecoveryStatement recoveryStatement() throws ArtcashException {
    return box.recoveryStatement();
  }
}
