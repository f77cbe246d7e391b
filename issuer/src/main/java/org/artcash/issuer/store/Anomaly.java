package org.artcash.issuer.store;

import org.artcash.core.codec.Bytes;

/**
 * Something e-cash inspection found wrong in a returned ART (paper sec. 6). {@code seq} orders the
 * anomalies of one ART; {@code code} is a short machine-readable label, {@code detail} a sentence.
 */
public record Anomaly(Bytes artId, int seq, String code, String detail) {
  public static final int MAX_CODE_LENGTH = 64;
  public static final int MAX_DETAIL_LENGTH = 4000;

  public Anomaly {
    Jdbc.id(artId, "artId");
    if (seq < 0) {
      throw new IllegalArgumentException("an anomaly's seq cannot be negative: " + seq);
    }
    Jdbc.text(code, MAX_CODE_LENGTH, "code");
    if (code.isEmpty()) {
      throw new IllegalArgumentException("an anomaly needs a code");
    }
    Jdbc.text(detail, MAX_DETAIL_LENGTH, "detail");
  }
}
