package org.artcash.issuer.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.pki.Certificate;

/**
 * The certificates the issuer's CA made for the issuer's own keys (root, CA and agents), by the
 * label of each key in the key vault, so that an issuer opened again finds them (de Jong 2024,
 * sec. 6, fig. 14). A label's certificate is never replaced.
 */
public final class IssuerCertificateRegister {
  static final int MAX_LABEL_LENGTH = 100;

  private final IssuerDatabase db;

  IssuerCertificateRegister(IssuerDatabase db) {
    this.db = db;
  }

  /**
   * Stores the certificates in one transaction: all of them or, on a conflict, none. Storing the
   * certificate a label has already again does nothing.
   *
   * @throws ArtcashException {@link Reason#WRONG_STATE} when another certificate is stored under
   *     one of the labels
   */
  public void storeAll(Map<String, Certificate> certificates, Instant at)
      throws ArtcashException {
    Objects.requireNonNull(certificates, "certificates");
    certificates.forEach((label, c) -> {
      Jdbc.text(label, MAX_LABEL_LENGTH, "label");
      Objects.requireNonNull(c, "certificate");
    });
    Jdbc.time(at, "at");
    db.inTransaction(c -> {
      for (Map.Entry<String, Certificate> e : new TreeMap<>(certificates).entrySet()) {
        byte[] encoded = e.getValue().encode();
        if (Jdbc.insertUnlessDuplicate(c, "INSERT INTO issuer_certificate (key_label,"
            + " certificate, stored_at) VALUES (?, ?, ?)", e.getKey(), encoded, at)) {
          continue;
        }
        byte[] stored = Jdbc.queryOne(c,
            "SELECT certificate FROM issuer_certificate WHERE key_label = ?",
            rs -> rs.getBytes(1), e.getKey()).orElseThrow();
        if (!Arrays.equals(stored, encoded)) {
          throw new ArtcashException(Reason.WRONG_STATE, "the issuer database already holds"
              + " another certificate for the issuer's key '" + e.getKey() + "'");
        }
      }
      return null;
    });
  }

  /** Every stored certificate by key label. */
  public SortedMap<String, Certificate> all() {
    List<Map.Entry<String, byte[]>> rows = db.transact(c -> Jdbc.queryList(c,
        "SELECT key_label, certificate FROM issuer_certificate",
        rs -> Map.entry(rs.getString(1), rs.getBytes(2))));
    SortedMap<String, Certificate> certificates = new TreeMap<>();
    for (Map.Entry<String, byte[]> row : rows) {
      try {
        certificates.put(row.getKey(), Certificate.decode(row.getValue()));
      } catch (ArtcashException e) {
        throw new StoreException("the certificate stored for the issuer's key '" + row.getKey()
            + "' does not decode: " + e.getMessage(), e);
      }
    }
    return Collections.unmodifiableSortedMap(certificates);
  }
}
