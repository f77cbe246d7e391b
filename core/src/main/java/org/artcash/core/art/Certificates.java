package org.artcash.core.art;

import java.util.ArrayList;
import java.util.List;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.artcash.core.pki.Certificate;

/** Encodes the list of chain certificates that travels with a message: u8 count, each u16-prefixed. */
final class Certificates {
  /** Chain certificates with a single message: factory or certifier, and the CA. */
  static final int MAX = 4;
  /** An ART log may carry the certifier chains of many payers. */
  static final int MAX_LOG = 64;

  private Certificates() {}

  static void write(Encoder e, List<Certificate> certs, int max) {
    if (certs.size() > max) {
      throw new IllegalArgumentException("at most " + max + " chain certificates");
    }
    e.u8(certs.size());
    for (Certificate c : certs) {
      e.var(c.encode(), Certificate.MAX_ENCODED);
    }
  }

  static List<Certificate> read(Decoder d, int max) throws ArtcashException {
    int n = d.u8("certificate count");
    if (n > max) {
      throw new ArtcashException(Reason.LENGTH_OVER_LIMIT,
          n + " chain certificates declared; at most " + max + " are allowed");
    }
    List<Certificate> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(Certificate.decode(d.var(Certificate.MAX_ENCODED, "certificate")));
    }
    return List.copyOf(out);
  }
}
