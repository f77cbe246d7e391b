package org.artcash.issuer.pseudonym;

import java.util.Objects;
import org.artcash.core.codec.Bytes;

/**
 * A user pseudonym as the ART factory needs it (de Jong 2024, sec. 3.3): the MonEbox it belongs
 * to, whether its user is anonymous, and the short payee information to put in its ARTs.
 */
public record RegisteredPseudonym(Bytes pseudonym, Bytes deviceId, boolean anonymous,
    String payeeInfo) {
  public RegisteredPseudonym {
    Objects.requireNonNull(pseudonym, "pseudonym");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(payeeInfo, "payeeInfo");
  }
}
