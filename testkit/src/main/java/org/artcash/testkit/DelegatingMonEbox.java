package org.artcash.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.artcash.core.ArtcashException;
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
 * A MonEbox that hands every call to another one; tests extend it to lose replies, fail calls or
 * cut the power around the few operations they care about.
 */
public abstract class DelegatingMonEbox implements MonEbox {
  protected final MonEbox box;

  protected DelegatingMonEbox(MonEbox box) {
    this.box = Objects.requireNonNull(box, "box");
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
  public TransferToken pay(PaymentInstruction instruction) throws ArtcashException {
    return box.pay(instruction);
  }

  @Override
  public RedeemResult redeem(TransferToken latest) throws ArtcashException {
    return box.redeem(latest);
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
