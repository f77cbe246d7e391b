package org.artcash.monebox.software;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.artcash.core.art.PaymentKeyCertificate;
import org.artcash.core.codec.Bytes;
import org.artcash.core.crypto.BlindRsa;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.PaymentKeyClass;
import org.artcash.monebox.MonEboxStatus;

/**
 * One payment key (de Jong 2024, sec. 3.3): generated inside, certified blindly by a certification
 * key of one class, and counted on every use. While the certificate is being fetched the slot
 * keeps the blinding secret and the sealed request's time and nonce, so the request can be
 * re-sealed unchanged after a lost reply.
 */
record PaymentKeySlot(int slot, InternalKey key, Certificate certifier,
    List<Certificate> certifierChain, PaymentKeyClass keyClass, Bytes requestHash,
    Optional<Pending> pending, Optional<PaymentKeyCertificate> certificate, long keyUse) {

  /** The secrets of a blinding in progress and what the request was sealed with. */
  record Pending(BlindRsa.Blinding blinding, Instant time, Bytes nonce) {
    @Override
    public String toString() {
      return "blinding of " + time + " (secrets not shown)";
    }
  }

  PaymentKeySlot {
    certifierChain = List.copyOf(certifierChain);
    if (pending.isPresent() == certificate.isPresent()) {
      throw new IllegalArgumentException("a payment key is either pending or certified");
    }
  }

  boolean certified() {
    return certificate.isPresent();
  }

  Bytes certifierKeyId() {
    return certifier.subjectKeyId();
  }

  /** The certificates a payee needs to check this key: the certifier and the chain to the root. */
  List<Certificate> tokenChain() {
    List<Certificate> out = new ArrayList<>();
    out.add(certifier);
    out.addAll(certifierChain);
    return out;
  }

  boolean usedUp() {
    return keyUse >= keyClass.maxPayments();
  }

  PaymentKeySlot afterUse() {
    return new PaymentKeySlot(slot, key, certifier, certifierChain, keyClass, requestHash, pending,
        certificate, keyUse + 1);
  }

  PaymentKeySlot certifiedWith(PaymentKeyCertificate c) {
    return new PaymentKeySlot(slot, key, certifier, certifierChain, keyClass, requestHash,
        Optional.empty(), Optional.of(c), keyUse);
  }

  MonEboxStatus.PaymentKeyInfo info() {
    return new MonEboxStatus.PaymentKeyInfo(slot, certifierKeyId(), certified(),
        keyClass.classId(), keyClass.maxSinglePayment(), keyClass.maxPayments(), keyUse,
        certifier.notAfter());
  }

  @Override
  public String toString() {
    return "payment key slot " + slot + " (" + (certified() ? "certified" : "pending") + ", class "
        + keyClass.classId() + ", used " + keyUse + " of " + keyClass.maxPayments() + ")";
  }
}
