package org.artcash.core.art;

import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;

/** What an ART is for (de Jong 2024, sec. 2.3 and sec. 5). */
public enum ArtKind {
  /** An ordinary payee credential. */
  PAYMENT(1),
  /** A bank's token for deposits into one customer account (sec. 5). */
  DEPOSIT(2),
  /** A customer's token for withdrawals from one account (sec. 5). */
  WITHDRAWAL(3),
  /** Issued by the issuer for transfers between the issuer and banks or agents (sec. 6). */
  WHOLESALE(4);

  private final int code;

  ArtKind(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static ArtKind fromCode(int code) throws ArtcashException {
    for (ArtKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    throw new ArtcashException(Reason.MALFORMED, "unknown ART kind " + code);
  }
}
