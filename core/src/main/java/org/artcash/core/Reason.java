package org.artcash.core;

/**
 * Why a protocol operation failed. The numeric {@link #code()} is stable: it is what a MonEbox
 * (software or Java Card) reports, and docs/PROTOCOL.md lists them all.
 */
public enum Reason {
  // --- encoding (0x01xx): the bytes are not a well-formed object
  TRUNCATED(0x0101),
  TRAILING_BYTES(0x0102),
  UNSUPPORTED_VERSION(0x0103),
  WRONG_TYPE(0x0104),
  LENGTH_OVER_LIMIT(0x0105),
  NON_CANONICAL(0x0106),
  MALFORMED(0x0107),
  TOO_LARGE(0x0108),

  // --- money (0x02xx)
  AMOUNT_OVERFLOW(0x0201),
  AMOUNT_NEGATIVE(0x0202),
  CURRENCY_MISMATCH(0x0203),
  INSUFFICIENT_FUNDS(0x0204),

  // --- credentials and trust (0x03xx)
  BAD_SIGNATURE(0x0301),
  UNKNOWN_ISSUER(0x0302),
  CHAIN_INVALID(0x0303),
  EXPIRED(0x0304),
  NOT_YET_VALID(0x0305),
  REVOKED(0x0306),
  WRONG_ROLE(0x0307),
  STALE_REVOCATION_LIST(0x0308),
  NOT_GENUINE_DEVICE(0x0309),
  DEVICE_NOT_ACTIVE(0x030A),
  WRONG_DEVICE_CLASS(0x030B),
  RATE_LIMITED(0x030C),

  // --- the ART payment (0x04xx)
  ART_EXHAUSTED(0x0401),
  ART_LIMIT_EXCEEDED(0x0402),
  ART_STATE_INVALID(0x0403),
  ART_IN_USE(0x0404),
  NOT_EXPECTED_PAYMENT(0x0405),
  AMOUNT_MISMATCH(0x0406),
  CONFLICTING_RETRY(0x0407),
  FOREIGN_ART(0x0408),
  REDEMPTION_CLOSED(0x0409),
  NO_SUITABLE_PAYMENT_KEY(0x040A),
  PAYMENT_KEY_LIMIT(0x040B),
  UNKNOWN_ART(0x040C),

  // --- the MonEbox (0x05xx)
  APPROVAL_INVALID(0x0501),
  APPROVAL_REPLAYED(0x0502),
  NOT_BOUND(0x0503),
  BINDING_LIMIT(0x0504),
  BUTTON_REQUIRED(0x0505),
  USER_LIMIT_EXCEEDED(0x0506),
  WRONG_STATE(0x0507),
  DISABLED(0x0508),
  ROLLBACK_DETECTED(0x0509),
  STORAGE_FAILURE(0x050A),
  CAPACITY_EXCEEDED(0x050B),
  NOT_ISSUER_DEVICE(0x050C),

  // --- issuance and the issuer (0x06xx)
  QUORUM_NOT_MET(0x0601),
  ORDER_OUT_OF_SEQUENCE(0x0602),
  UNKNOWN_PSEUDONYM(0x0603),
  NOT_FOUND(0x0604),
  ;

  private final int code;

  Reason(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Reason fromCode(int code) {
    for (Reason r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown reason code " + Integer.toHexString(code));
  }
}
