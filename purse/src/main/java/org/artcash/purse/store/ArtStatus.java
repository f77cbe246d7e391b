package org.artcash.purse.store;

/** Where one of the owner's ARTs is in its life (de Jong 2024, sec. 2.3 and fig. 5). */
public enum ArtStatus {
  /** May be sent in a payment request. */
  FREE,
  /** Sent in a payment request; not offered again until the payer's token is accepted. */
  IN_USE,
  /**
   * Exhausted, expired, or its request cancelled (its state is never offered again): to be
   * redeemed, then returned to the ART factory. A late payment on its last state is accepted.
   */
  RETIRED,
  /** Returned to the factory with its whole log; kept for the owner's auditor. */
  RETURNED
}
