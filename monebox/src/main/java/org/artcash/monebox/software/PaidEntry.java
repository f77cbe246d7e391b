package org.artcash.monebox.software;

import java.util.List;
import org.artcash.core.art.PaymentRecord;
import org.artcash.core.codec.Bytes;
import org.artcash.core.pki.Certificate;

/**
 * A payment in the idempotency log: the ART state it extended, the signed record and the
 * certifier chain sent with it (de Jong 2024, sec. 2.3: "the payer e-purse first checks its
 * persistent memory for an earlier payment request with that same token").
 */
record PaidEntry(Bytes stateHash, PaymentRecord record, List<Certificate> chain) {
  PaidEntry {
    chain = List.copyOf(chain);
  }
}
