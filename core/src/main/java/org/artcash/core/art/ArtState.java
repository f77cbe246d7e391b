package org.artcash.core.art;

import java.util.Objects;
import java.util.Optional;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;

/**
 * An ART as it stands between payments: its configuration and the most recent payment record, if
 * any (de Jong 2024, sec. 2.3: "the details of the previous anonymous payment"). This is what a
 * payee sends in a request; the payee keeps the earlier records itself.
 */
public record ArtState(ArtConfig config, Optional<PaymentRecord> last) {
  public ArtState {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(last, "last");
    if (last.isPresent() && !last.get().artId().equals(config.artId())) {
      throw new IllegalArgumentException("record belongs to another ART");
    }
  }

  public static ArtState fresh(ArtConfig config) {
    return new ArtState(config, Optional.empty());
  }

  public static ArtState after(ArtConfig config, PaymentRecord record) {
    return new ArtState(config, Optional.of(record));
  }

  public int seq() {
    return last.map(PaymentRecord::seq).orElse(0);
  }

  public long aggregate() {
    return last.map(PaymentRecord::aggregate).orElse(0L);
  }

  public Amount aggregateAmount() {
    return Amount.of(config.currency(), aggregate());
  }

  /** What the next record must link to; also the key for payment idempotency in the MonEbox. */
  public Bytes stateHash() {
    return last.map(PaymentRecord::stateHash).orElseGet(config::stateHash);
  }

  public int paymentsLeft() {
    return config.maxPayments() - seq();
  }

  /** The largest payment this ART can still take. */
  public long headroom() {
    return Math.min(config.maxSingleAmount().minor(), config.maxAggregateAmount().minor() - aggregate());
  }

  public boolean exhausted() {
    return paymentsLeft() <= 0 || headroom() <= 0;
  }

  @Override
  public String toString() {
    return config.artId().shortHex() + "@" + seq() + " (" + aggregateAmount() + ")";
  }
}
