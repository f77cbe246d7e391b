package org.artcash.core.art;

import java.util.ArrayList;
import java.util.List;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.artcash.core.pki.Certificate;

/**
 * An ART with its whole payment log: what a payee returns to the factory for a fresh one and what
 * the issuer's inspection revalidates (de Jong 2024, sec. 3.3 and sec. 6), and what an auditor
 * checks years later. Records are in sequence order. Type 0x12.
 */
public record Art(ArtConfig config, List<PaymentRecord> records, List<Certificate> chain) {
  public static final int TYPE = 0x12;
  public static final int VERSION = 1;

  public Art {
    records = List.copyOf(records);
    chain = List.copyOf(chain);
    if (records.size() > config.maxPayments()) {
      throw new IllegalArgumentException("more records than the ART allows");
    }
  }

  public ArtState latest() {
    return records.isEmpty() ? ArtState.fresh(config)
        : ArtState.after(config, records.get(records.size() - 1));
  }

  public byte[] encode() {
    Encoder e = new Encoder().u8(TYPE).u8(VERSION)
        .var(config.encode(), ArtConfig.MAX_ENCODED)
        .u16(records.size());
    for (PaymentRecord r : records) {
      e.var(r.encode(), PaymentRecord.MAX_ENCODED);
    }
    Certificates.write(e, chain, Certificates.MAX_LOG);
    return e.toByteArray();
  }

  public static Art decode(byte[] encoded) throws ArtcashException {
    Decoder d = Decoder.of(encoded, "ART log");
    d.header(TYPE, VERSION);
    ArtConfig config = ArtConfig.decode(d.var(ArtConfig.MAX_ENCODED, "ART"));
    int n = d.u16("record count");
    if (n > config.maxPayments()) {
      throw new ArtcashException(Reason.LENGTH_OVER_LIMIT, "ART log: " + n
          + " records declared but the ART allows " + config.maxPayments() + " payments");
    }
    List<PaymentRecord> records = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      PaymentRecord r = PaymentRecord.decode(d.var(PaymentRecord.MAX_ENCODED, "payment"));
      if (!r.artId().equals(config.artId())) {
        throw d.malformed("payment", "record " + (i + 1) + " belongs to another ART");
      }
      records.add(r);
    }
    List<Certificate> chain = Certificates.read(d, Certificates.MAX_LOG);
    d.finish();
    return new Art(config, records, chain);
  }
}
