package org.artcash.purse.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.PaymentRecord;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.Certificate;

/**
 * A payment received on one of the owner's ARTs: one entry of the ART's log, with the certificate
 * chain the payer's token carried. {@code differsFrom} is the amount that was asked, when the
 * payment validly paid another.
 */
public record ReceivedPayment(Bytes artId, Currency currency, PaymentRecord record,
    List<Certificate> payerChain, Instant receivedAt, Optional<Amount> differsFrom) {

  public ReceivedPayment {
    payerChain = List.copyOf(payerChain);
    Objects.requireNonNull(differsFrom, "differsFrom");
    if (!record.artId().equals(artId)) {
      throw new IllegalArgumentException("the record belongs to another ART");
    }
  }

  public int seq() {
    return record.seq();
  }

  public Amount amount() {
    return Amount.of(currency, record.amount());
  }

  /** The ART's total after this payment. */
  public Amount aggregate() {
    return Amount.of(currency, record.aggregate());
  }

  /** The transfer token exactly as it was received. */
  public TransferToken token(ArtConfig config) {
    if (!config.artId().equals(artId)) {
      throw new IllegalArgumentException("this payment was received on another ART");
    }
    return new TransferToken(config, record, payerChain);
  }
}
