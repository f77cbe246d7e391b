package org.artcash.issuer.store;

/** Where a MonEbox is in its life, as the issuer's device register sees it (paper sec. 6). */
public enum DeviceStatus {
  /** Provisioned and in use: its requests for credentials are served. */
  ACTIVE,
  /** Temporarily not served (for example reported lost); may become ACTIVE again. */
  SUSPENDED,
  /** Switched off after abuse was detected; its stored value awaits recovery. */
  DISABLED,
  /** Out of service for good. Final: a retired device never changes status again. */
  RETIRED
}
