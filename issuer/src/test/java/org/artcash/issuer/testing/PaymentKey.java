package org.artcash.issuer.testing;

import java.time.Instant;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentKeyCertificate;
import org.artcash.core.art.PaymentRecord;
import org.artcash.core.crypto.EcSigner;

/** A software payment key with its blind-signed certificate: signs payment records as a MonEbox would. */
public final class PaymentKey {
  private final EcSigner signer;
  private final PaymentKeyCertificate certificate;
  private long uses;

  public PaymentKey(EcSigner signer, PaymentKeyCertificate certificate) {
    this.signer = signer;
    this.certificate = certificate;
  }

  public PaymentKeyCertificate certificate() {
    return certificate;
  }

  public EcSigner signer() {
    return signer;
  }

  /** The next payment of {@code amount} on the ART state {@code previous}, as this key's next use. */
  public PaymentRecord pay(ArtState previous, long amount, Instant time) {
    uses++;
    return payAsUse(previous, amount, time, uses);
  }

  /** A payment signed as use {@code keyUse}, whatever the key signed before (a clone does this). */
  public PaymentRecord payAsUse(ArtState previous, long amount, Instant time, long keyUse) {
    return PaymentRecord.sign(new PaymentRecord.Fields(previous.config().artId(),
        previous.seq() + 1, amount, previous.aggregate() + amount, time, previous.stateHash(),
        keyUse, certificate), signer);
  }
}
