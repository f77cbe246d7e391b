package org.artcash.core.credential;

import java.time.Instant;
import java.util.Arrays;
import org.artcash.core.ArtcashException;
import org.artcash.core.codec.Bytes;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.Ecdsa;
import org.artcash.core.crypto.KeyId;
import org.artcash.core.crypto.Sha256;
import org.artcash.core.pki.Certificate;

/**
 * A MonEbox's request for a payment-key certificate: the payment key, blinded inside the device,
 * sealed with the device key (de Jong 2024, sec. 3.3 and sec. 4.1). The certifier learns which
 * genuine device asks, never which key it certifies. Type 0x20.
 */
public final class CertificationRequest {
  public static final int TYPE = 0x20;
  public static final int VERSION = 1;
  public static final int NONCE_LENGTH = 16;
  public static final int MAX_BLINDED = 512;

  private final Certificate deviceCertificate;
  private final Bytes certifierKeyId;
  private final byte[] blindedMessage;
  private final Instant time;
  private final Bytes nonce;
  private final byte[] body;
  private final byte[] signature;

  private CertificationRequest(Certificate deviceCertificate, Bytes certifierKeyId,
      byte[] blindedMessage, Instant time, Bytes nonce, byte[] body, byte[] signature) {
    this.deviceCertificate = deviceCertificate;
    this.certifierKeyId = certifierKeyId;
    this.blindedMessage = blindedMessage;
    this.time = time;
    this.nonce = nonce;
    this.body = body;
    this.signature = signature;
  }

  private static byte[] encodeBody(Certificate device, Bytes certifierKeyId, byte[] blinded,
      Instant time, Bytes nonce) {
    return new Encoder().u8(TYPE).u8(VERSION)
        .var(device.encode(), Certificate.MAX_ENCODED)
        .fixed(certifierKeyId, KeyId.LENGTH)
        .var(blinded, MAX_BLINDED)
        .time(time)
        .fixed(nonce, NONCE_LENGTH)
        .toByteArray();
  }

  /** Seals a request; {@code deviceKey} is the MonEbox's device key. */
  public static CertificationRequest seal(Certificate device, Bytes certifierKeyId, byte[] blinded,
      Instant time, Bytes nonce, EcSigner deviceKey) {
    byte[] body = encodeBody(device, certifierKeyId, blinded, time, nonce);
    return new CertificationRequest(device, certifierKeyId, blinded.clone(), time, nonce, body,
        deviceKey.sign(body));
  }

  public static CertificationRequest decode(byte[] encoded) throws ArtcashException {
    Decoder d = Decoder.of(encoded, "certification request");
    d.header(TYPE, VERSION);
    Certificate device = Certificate.decode(d.var(Certificate.MAX_ENCODED, "device certificate"));
    Bytes certifier = d.fixedBytes(KeyId.LENGTH, "certifier key id");
    byte[] blinded = d.var(256, MAX_BLINDED, "blinded message");
    Instant time = d.time("time");
    Bytes nonce = d.fixedBytes(NONCE_LENGTH, "nonce");
    byte[] body = d.slice(0);
    byte[] sig = d.fixed(Ecdsa.SIGNATURE_LENGTH, "device signature");
    d.finish();
    return new CertificationRequest(device, certifier, blinded, time, nonce, body, sig);
  }

  public byte[] encode() {
    byte[] out = Arrays.copyOf(body, body.length + signature.length);
    System.arraycopy(signature, 0, out, body.length, signature.length);
    return out;
  }

  /** Identifies the request by its signed content, for idempotent retries at the certifier. */
  public Bytes requestHash() {
    return Sha256.digest(body);
  }

  public boolean verifySeal() {
    return Ecdsa.verify(deviceCertificate.publicKey(), body, signature);
  }

  public Certificate deviceCertificate() {
    return deviceCertificate;
  }

  public Bytes certifierKeyId() {
    return certifierKeyId;
  }

  public byte[] blindedMessage() {
    return blindedMessage.clone();
  }

  public Instant time() {
    return time;
  }

  public Bytes nonce() {
    return nonce;
  }
}
