package org.artcash.purse.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.RevocationList;

/**
 * What the trust store is rebuilt from on start (tables {@code purse_certificate} and {@code
 * purse_revocation_list}): certificates learnt from the system agents and the newest revocation
 * list. Certificates are kept as received; they are validated each time they are used.
 */
public final class TrustMaterial {
  private final PurseStore store;

  TrustMaterial(PurseStore store) {
    this.store = store;
  }

  /** Remembers certificates; ones already stored are skipped. */
  public void addCertificates(Collection<Certificate> certificates, Instant now) {
    store.transact(c -> {
      for (Certificate cert : certificates) {
        Jdbc.insertUnlessDuplicate(c, "INSERT INTO purse_certificate (fingerprint, certificate,"
            + " stored_at) VALUES (?, ?, ?)", cert.fingerprint(), cert.encode(), now);
      }
      return null;
    });
  }

  public List<Certificate> certificates() {
    return store.transact(c -> Jdbc.queryList(c, "SELECT certificate FROM purse_certificate"
        + " ORDER BY stored_at, fingerprint", TrustMaterial::readCertificate));
  }

  public Optional<RevocationList> revocationList() {
    return store.transact(c -> Jdbc.queryOne(c, "SELECT list FROM purse_revocation_list"
        + " WHERE singleton = 1", rs -> {
          try {
            return RevocationList.decode(rs.getBytes("list"));
          } catch (ArtcashException e) {
            throw Jdbc.corrupt("a revocation list", e);
          }
        }));
  }

  /**
   * Stores {@code list} if it is newer (higher sequence) than the stored one. Returns whether it
   * was stored. The caller has checked its signature.
   */
  public boolean saveRevocationListIfNewer(RevocationList list, Instant now) {
    return store.transact(c -> {
      int replaced = Jdbc.update(c, "UPDATE purse_revocation_list SET sequence = ?, list = ?,"
          + " stored_at = ? WHERE singleton = 1 AND sequence < ?",
          list.sequence(), list.encode(), now, list.sequence());
      if (replaced == 1) {
        return true;
      }
      return Jdbc.insertUnlessDuplicate(c, "INSERT INTO purse_revocation_list (singleton,"
          + " sequence, list, stored_at) VALUES (1, ?, ?, ?)", list.sequence(), list.encode(), now);
    });
  }

  private static Certificate readCertificate(ResultSet rs) throws SQLException {
    try {
      return Certificate.decode(rs.getBytes("certificate"));
    } catch (ArtcashException e) {
      throw Jdbc.corrupt("a certificate", e);
    }
  }
}
