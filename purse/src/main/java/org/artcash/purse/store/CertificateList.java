package org.artcash.purse.store;

import java.util.ArrayList;
import java.util.List;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.artcash.core.pki.Certificate;

/**
 * How a certificate chain is kept in one column: a count (u8), then each certificate with a u16
 * length, in the canonical encoding of docs/PROTOCOL.md. The same layout as a message's chain.
 */
final class CertificateList {
  /** As many as an ART log may carry ({@code Art}: 64). */
  static final int MAX = 64;

  private CertificateList() {}

  static byte[] encode(List<Certificate> chain) {
    if (chain.size() > MAX) {
      throw new IllegalArgumentException("at most " + MAX + " certificates in a stored chain");
    }
    Encoder e = new Encoder().u8(chain.size());
    for (Certificate c : chain) {
      e.var(c.encode(), Certificate.MAX_ENCODED);
    }
    return e.toByteArray();
  }

  static List<Certificate> decode(byte[] encoded) throws ArtcashException {
    Decoder d = Decoder.of(encoded, "stored certificate chain");
    int n = d.u8("certificate count");
    if (n > MAX) {
      throw new ArtcashException(Reason.LENGTH_OVER_LIMIT, n + " certificates in a stored chain");
    }
    List<Certificate> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(Certificate.decode(d.var(Certificate.MAX_ENCODED, "certificate")));
    }
    d.finish();
    return List.copyOf(out);
  }
}
