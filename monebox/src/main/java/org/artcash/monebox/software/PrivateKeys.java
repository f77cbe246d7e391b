package org.artcash.monebox.software;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPrivateKeySpec;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.crypto.P256;

/** P-256 private keys as the 32-byte big-endian scalar the state image stores. */
final class PrivateKeys {
  static final int SCALAR_LENGTH = 32;

  private PrivateKeys() {}

  /** The scalar; the caller wipes the array once it has been written. */
  static byte[] scalar(ECPrivateKey key) {
    byte[] raw = key.getS().toByteArray();
    byte[] out = new byte[SCALAR_LENGTH];
    int start = raw.length > SCALAR_LENGTH ? raw.length - SCALAR_LENGTH : 0;
    int n = raw.length - start;
    System.arraycopy(raw, start, out, SCALAR_LENGTH - n, n);
    java.util.Arrays.fill(raw, (byte) 0);
    return out;
  }

  static ECPrivateKey fromScalar(byte[] scalar) throws ArtcashException {
    BigInteger s = new BigInteger(1, scalar);
    if (s.signum() == 0 || s.compareTo(P256.PARAMS.getOrder()) >= 0) {
      throw new ArtcashException(Reason.MALFORMED, "a stored private key is out of range");
    }
    try {
      return (ECPrivateKey) KeyFactory.getInstance("EC")
          .generatePrivate(new ECPrivateKeySpec(s, P256.PARAMS));
    } catch (GeneralSecurityException e) {
      throw new ArtcashException(Reason.MALFORMED, "a stored private key is not a P-256 key", e);
    }
  }
}
