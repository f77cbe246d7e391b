package org.artcash.core.pki;

import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;

/**
 * What a certified key may do, and who may certify it (de Jong 2024, sec. 6, "certificate
 * authority"): root certifies CA; CA certifies the agents' keys; device attestation certifies
 * MonEbox device keys.
 */
public enum CertRole {
  ROOT(1),
  CA(2),
  ART_FACTORY(3),
  PAYMENT_KEY_CERTIFIER(4),
  DEVICE_ATTESTATION(5),
  DEVICE(6);

  private final int code;

  CertRole(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The role whose key must sign a certificate of this role. */
  public CertRole issuerRole() {
    return switch (this) {
      case ROOT -> ROOT;
      case CA -> ROOT;
      case ART_FACTORY, PAYMENT_KEY_CERTIFIER, DEVICE_ATTESTATION -> CA;
      case DEVICE -> DEVICE_ATTESTATION;
    };
  }

  public static CertRole fromCode(int code) throws ArtcashException {
    for (CertRole r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    throw new ArtcashException(Reason.MALFORMED, "unknown certificate role " + code);
  }
}
