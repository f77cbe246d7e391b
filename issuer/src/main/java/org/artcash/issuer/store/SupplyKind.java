package org.artcash.issuer.store;

/** What an issuance order does to the e-cash supply (paper sec. 6). */
public enum SupplyKind {
  /** New e-cash put into circulation. */
  ISSUE,
  /** E-cash taken out of circulation (redeemed, recovered from a disabled device). */
  DESTROY
}
