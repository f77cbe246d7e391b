package org.artcash.core.credential;

import org.artcash.core.ArtcashException;
import org.artcash.core.codec.Bytes;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.artcash.core.crypto.KeyId;

/**
 * The certifier's blind signature for one {@link CertificationRequest}, named by the request's
 * hash. The MonEbox unblinds and checks it itself. Type 0x21.
 */
public record CertificationResponse(Bytes requestHash, Bytes certifierKeyId, byte[] blindSignature) {
  public static final int TYPE = 0x21;
  public static final int VERSION = 1;

  public CertificationResponse {
    blindSignature = blindSignature.clone();
  }

  @Override
  public byte[] blindSignature() {
    return blindSignature.clone();
  }

  public byte[] encode() {
    return new Encoder().u8(TYPE).u8(VERSION).fixed(requestHash, 32)
        .fixed(certifierKeyId, KeyId.LENGTH).var(blindSignature, 512).toByteArray();
  }

  public static CertificationResponse decode(byte[] encoded) throws ArtcashException {
    Decoder d = Decoder.of(encoded, "certification response");
    d.header(TYPE, VERSION);
    Bytes hash = d.fixedBytes(32, "request hash");
    Bytes certifier = d.fixedBytes(KeyId.LENGTH, "certifier key id");
    byte[] sig = d.var(256, 512, "blind signature");
    d.finish();
    return new CertificationResponse(hash, certifier, sig);
  }
}
