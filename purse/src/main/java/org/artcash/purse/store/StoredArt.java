package org.artcash.purse.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.core.pki.Certificate;

/**
 * One of the owner's ARTs as stored: its configuration and factory chain, its latest state with the
 * chain of the payer who made it, its status, the open request (if any) and how much of it the
 * MonEbox has redeemed.
 */
public record StoredArt(ArtConfig config, List<Certificate> factoryChain, ArtStatus status,
    ArtState latest, List<Certificate> latestPayerChain, Optional<Amount> requestedAmount,
    Optional<Instant> requestedAt, Amount redeemed, Instant storedAt,
    Optional<Instant> returnedAt) {

  public StoredArt {
    Objects.requireNonNull(config, "config");
    factoryChain = List.copyOf(factoryChain);
    latestPayerChain = List.copyOf(latestPayerChain);
    if (!latest.config().equals(config)) {
      throw new IllegalArgumentException("the latest state belongs to another ART");
    }
  }

  public Bytes artId() {
    return config.artId();
  }

  /** Received on this ART and not yet credited to the MonEbox. */
  public Amount unredeemed() {
    return Amount.of(config.currency(), latest.aggregate() - redeemed.minor());
  }

  public boolean isExpiredAt(Instant now) {
    return now.isAfter(config.notAfter());
  }

  /** The transfer token of the latest payment, for redemption; empty while nothing was received. */
  public Optional<TransferToken> latestToken() {
    return latest.last().map(r -> new TransferToken(config, r, latestPayerChain));
  }

  /** The largest payment this ART can still take. */
  public Amount headroom() {
    return Amount.of(config.currency(), Math.max(0, latest.headroom()));
  }
}
