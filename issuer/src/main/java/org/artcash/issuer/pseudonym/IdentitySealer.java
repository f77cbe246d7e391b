package org.artcash.issuer.pseudonym;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.artcash.core.codec.Bytes;
import org.artcash.core.codec.Encoder;

/**
 * The identity register's key (de Jong 2024, sec. 3.3: "any user data stored can only be accessed
 * by an authority with a specific legal reason to unseal"): seals identity records with AES-256-GCM
 * and names each by a keyed hash of the details, so the reference reveals nothing without the key.
 * There is deliberately no unseal here: that is for the authority, under quorum control.
 */
public final class IdentitySealer {
  public static final int KEY_LENGTH = 32;
  public static final int SEAL_VERSION = 1;
  private static final int NONCE_LENGTH = 12;
  private static final int TAG_BITS = 128;
  private static final byte[] SEAL_LABEL = label("artcash-identity-seal-v1");
  private static final byte[] REFERENCE_LABEL = label("artcash-identity-reference-v1");

  private final SecretKey sealKey;
  private final SecretKey referenceKey;
  private final SecureRandom random;

  /**
   * @param registerKey the 32-byte identity-register key; two independent keys (sealing,
   *     reference) are derived from it and the caller's array is not kept
   */
  public IdentitySealer(byte[] registerKey, SecureRandom random) {
    if (registerKey == null || registerKey.length != KEY_LENGTH) {
      throw new IllegalArgumentException("the identity-register key is " + KEY_LENGTH + " bytes");
    }
    this.random = Objects.requireNonNull(random, "random");
    byte[] seal = hmac(registerKey, SEAL_LABEL);
    byte[] reference = hmac(registerKey, REFERENCE_LABEL);
    this.sealKey = new SecretKeySpec(seal, "AES");
    this.referenceKey = new SecretKeySpec(reference, "HmacSHA256");
    Arrays.fill(seal, (byte) 0);
    Arrays.fill(reference, (byte) 0);
  }

  /** A new sealer with a fresh random register key (kept only inside it). */
  public static IdentitySealer generate(SecureRandom random) {
    byte[] key = new byte[KEY_LENGTH];
    random.nextBytes(key);
    try {
      return new IdentitySealer(key, random);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** The identity reference: HMAC-SHA256 under the reference key of the canonical details. */
  public Bytes reference(IdentityDetails details) {
    byte[] canonical = details.canonicalEncoding();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(referenceKey);
      return Bytes.copyOf(mac.doFinal(canonical));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
    } finally {
      Arrays.fill(canonical, (byte) 0);
    }
  }

  /**
   * The sealed record: version byte, 12-byte random nonce, then AES-256-GCM of the canonical details
   * with a 16-byte tag. The reference is authenticated with it, so a record cannot be moved to
   * another reference.
   */
  public byte[] seal(Bytes reference, IdentityDetails details) {
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(nonce);
    byte[] canonical = details.canonicalEncoding();
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, sealKey, new GCMParameterSpec(TAG_BITS, nonce));
      gcm.updateAAD(new Encoder().raw(SEAL_LABEL).u8(SEAL_VERSION).fixed(reference, 32)
          .toByteArray());
      byte[] sealed = gcm.doFinal(canonical);
      return new Encoder().u8(SEAL_VERSION).raw(nonce).raw(sealed).toByteArray();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is required by every JDK", e);
    } finally {
      Arrays.fill(canonical, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "IdentitySealer[keys hidden]";
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
    }
  }

  private static byte[] label(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
