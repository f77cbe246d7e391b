package org.artcash.core.credential;

import java.time.Instant;
import java.util.Arrays;
import org.artcash.core.ArtcashException;
import org.artcash.core.art.ArtKind;
import org.artcash.core.codec.Bytes;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.Ecdsa;
import org.artcash.core.crypto.Sha256;
import org.artcash.core.pki.Certificate;

/**
 * A MonEbox's sealed request for fresh ARTs for its owner's pseudonym (de Jong 2024, sec. 3.3):
 * how many, of which kind, and the limits the owner would like; the factory applies the issuer's
 * policy, which may lower them. Type 0x22.
 */
public final class ArtRequest {
  public static final int TYPE = 0x22;
  public static final int VERSION = 1;
  public static final int MAX_COUNT = 16;

  /** What the owner asks for. */
  public record Wish(ArtKind kind, int count, int maxPayments, long maxSingle, long maxAggregate) {
    public Wish {
      if (count < 1 || count > MAX_COUNT || maxPayments < 1 || maxPayments > 0xFFFF
          || maxSingle < 1 || maxAggregate < maxSingle) {
        throw new IllegalArgumentException("ART wish out of range");
      }
    }
  }

  private final Certificate deviceCertificate;
  private final Bytes pseudonym;
  private final Wish wish;
  private final Instant time;
  private final Bytes nonce;
  private final byte[] body;
  private final byte[] signature;

  private ArtRequest(Certificate deviceCertificate, Bytes pseudonym, Wish wish, Instant time,
      Bytes nonce, byte[] body, byte[] signature) {
    this.deviceCertificate = deviceCertificate;
    this.pseudonym = pseudonym;
    this.wish = wish;
    this.time = time;
    this.nonce = nonce;
    this.body = body;
    this.signature = signature;
  }

  public static ArtRequest seal(Certificate device, Bytes pseudonym, Wish wish, Instant time,
      Bytes nonce, EcSigner deviceKey) {
    byte[] body = new Encoder().u8(TYPE).u8(VERSION)
        .var(device.encode(), Certificate.MAX_ENCODED)
        .fixed(pseudonym, 16)
        .u8(wish.kind().code()).u8(wish.count()).u16(wish.maxPayments())
        .u64(wish.maxSingle()).u64(wish.maxAggregate())
        .time(time)
        .fixed(nonce, CertificationRequest.NONCE_LENGTH)
        .toByteArray();
    return new ArtRequest(device, pseudonym, wish, time, nonce, body, deviceKey.sign(body));
  }

  public static ArtRequest decode(byte[] encoded) throws ArtcashException {
    Decoder d = Decoder.of(encoded, "ART request");
    d.header(TYPE, VERSION);
    Certificate device = Certificate.decode(d.var(Certificate.MAX_ENCODED, "device certificate"));
    Bytes pseudonym = d.fixedBytes(16, "pseudonym");
    ArtKind kind = ArtKind.fromCode(d.u8("kind"));
    int count = d.u8("count");
    int maxPayments = d.u16("max payments");
    long maxSingle = d.u64("max single");
    long maxAggregate = d.u64("max aggregate");
    Instant time = d.time("time");
    Bytes nonce = d.fixedBytes(CertificationRequest.NONCE_LENGTH, "nonce");
    byte[] body = d.slice(0);
    byte[] sig = d.fixed(Ecdsa.SIGNATURE_LENGTH, "device signature");
    d.finish();
    Wish wish;
    try {
      wish = new Wish(kind, count, maxPayments, maxSingle, maxAggregate);
    } catch (IllegalArgumentException e) {
      throw d.malformed("limits", "count must be 1.." + MAX_COUNT
          + ", payments 1..65535, and 1 <= max single <= max aggregate");
    }
    return new ArtRequest(device, pseudonym, wish, time, nonce, body, sig);
  }

  public byte[] encode() {
    byte[] out = Arrays.copyOf(body, body.length + signature.length);
    System.arraycopy(signature, 0, out, body.length, signature.length);
    return out;
  }

  public Bytes requestHash() {
    return Sha256.digest(body);
  }

  public boolean verifySeal() {
    return Ecdsa.verify(deviceCertificate.publicKey(), body, signature);
  }

  public Certificate deviceCertificate() {
    return deviceCertificate;
  }

  public Bytes pseudonym() {
    return pseudonym;
  }

  public Wish wish() {
    return wish;
  }

  public Instant time() {
    return time;
  }

  public Bytes nonce() {
    return nonce;
  }
}
