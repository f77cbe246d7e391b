package org.artcash.monebox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.core.codec.Encoder;
import org.artcash.core.crypto.P256;
import org.artcash.core.crypto.Sha256;

/**
 * The binding between the e-purse software and its MonEbox (de Jong 2024, sec. 4.1): an ECDH key
 * agreement once, with the owner's consent, then an authorisation cryptogram (HMAC-SHA256 under the
 * binding key) on every payment approval, which the MonEbox checks first.
 */
public final class Binding {
  public static final int KEY_LENGTH = 32;
  public static final int MAC_LENGTH = 32;
  private static final byte[] KDF_LABEL = "artcash-binding-v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MAC_LABEL = "artcash-approve-v1".getBytes(StandardCharsets.US_ASCII);

  private Binding() {}

  /** What the host sends to bind: its P-256 public key and an optional per-payment limit. */
  public record Request(byte[] hostPublicKey, long perPaymentLimit) {
    public Request {
      if (hostPublicKey.length != P256.PUBLIC_KEY_LENGTH || perPaymentLimit < 0) {
        throw new IllegalArgumentException("65-byte host key; limit >= 0 (0 means no own limit)");
      }
      hostPublicKey = hostPublicKey.clone();
    }
  }

  /**
   * The MonEbox's answer: the binding slot, its ephemeral public key, and its device signature over
   * (host key, ephemeral key, slot) so the host knows it bound a genuine MonEbox.
   */
  public record Result(int bindingId, byte[] monEboxPublicKey, byte[] deviceSignature) {}

  /** Binding key = SHA-256(label || ECDH x-coordinate || host key || MonEbox key || id). */
  public static byte[] deriveKey(PrivateKey own, byte[] peerPublicKey, byte[] hostPublicKey,
      byte[] monEboxPublicKey, int bindingId) throws ArtcashException {
    ECPublicKey peer = P256.decode(peerPublicKey);
    try {
      KeyAgreement ka = KeyAgreement.getInstance("ECDH");
      ka.init(own);
      ka.doPhase(peer, true);
      byte[] x = ka.generateSecret();
      byte[] key = Sha256.hash(KDF_LABEL, x, hostPublicKey, monEboxPublicKey,
          new byte[] {(byte) bindingId});
      java.util.Arrays.fill(x, (byte) 0);
      return key;
    } catch (GeneralSecurityException e) {
      throw new ArtcashException(Reason.MALFORMED, "key agreement with the peer key failed", e);
    }
  }

  /** The bytes the device signs when binding. */
  public static byte[] transcript(byte[] hostPublicKey, byte[] monEboxPublicKey, int bindingId) {
    return new Encoder().raw(KDF_LABEL).fixed(hostPublicKey, P256.PUBLIC_KEY_LENGTH)
        .fixed(monEboxPublicKey, P256.PUBLIC_KEY_LENGTH).u8(bindingId).toByteArray();
  }

  /**
   * The authorisation cryptogram over the binding, counter, amount, the ART state being paid and
   * the host time; {@code button} tells whether the owner pressed the MonEbox's button.
   */
  public static byte[] approvalMac(byte[] bindingKey, int bindingId, long counter, long amount,
      Bytes stateHash, long hostTimeSeconds) {
    byte[] data = new Encoder().raw(MAC_LABEL).u8(bindingId).u32(counter).u64(amount)
        .fixed(stateHash, 32).u64(hostTimeSeconds).toByteArray();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(bindingKey, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
    }
  }

  public static boolean macEquals(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  static KeyFactory ec() throws GeneralSecurityException {
    return KeyFactory.getInstance("EC");
  }
}
