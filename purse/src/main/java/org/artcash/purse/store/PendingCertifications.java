package org.artcash.purse.store;

import java.time.Instant;
import java.util.List;
import org.artcash.core.ArtcashException;
import org.artcash.core.codec.Bytes;
import org.artcash.core.credential.CertificationRequest;

/**
 * Payment-key certification requests sealed by the MonEbox and not yet answered (table {@code
 * purse_pending_certification}), so that an interrupted refresh sends the same request again.
 */
public final class PendingCertifications {
  private final PurseStore store;

  PendingCertifications(PurseStore store) {
    this.store = store;
  }

  public void add(CertificationRequest request, Instant now) {
    store.transact(c -> Jdbc.insertUnlessDuplicate(c, "INSERT INTO purse_pending_certification"
        + " (request_hash, certifier_key_id, request, created_at) VALUES (?, ?, ?, ?)",
        request.requestHash(), request.certifierKeyId(), request.encode(), now));
  }

  public List<PendingCertification> list() {
    return store.transact(c -> Jdbc.queryList(c, "SELECT request, created_at"
        + " FROM purse_pending_certification ORDER BY created_at, request_hash", rs -> {
          try {
            return new PendingCertification(CertificationRequest.decode(rs.getBytes("request")),
                Jdbc.instant(rs, "created_at"));
          } catch (ArtcashException e) {
            throw Jdbc.corrupt("a pending certification request", e);
          }
        }));
  }

  public void remove(Bytes requestHash) {
    store.transact(c -> Jdbc.update(c, "DELETE FROM purse_pending_certification"
        + " WHERE request_hash = ?", requestHash));
  }
}
