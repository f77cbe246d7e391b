package org.artcash.monebox;

/** The MonEbox life cycle (de Jong 2024, sec. 4.2 viii-x). */
public enum DeviceState {
  /** Manufactured, no device key yet. */
  BLANK(0),
  /** Device key generated inside; waiting for its certificate and the owner's details. */
  KEYED(1),
  /** Personalised: can be bound, pay, redeem and request credentials. */
  ACTIVE(2),
  /** Tamper detected: payment keys destroyed, balance kept for recovery through the issuer. */
  DISABLED(3);

  private final int code;

  DeviceState(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
