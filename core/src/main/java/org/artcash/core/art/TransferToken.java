package org.artcash.core.art;

import java.util.List;
import org.artcash.core.ArtcashException;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.artcash.core.money.Amount;
import org.artcash.core.pki.Certificate;

/**
 * The payer's answer (de Jong 2024, diagram 2, last message): the ART extended by one payment
 * record, with the certificates that chain the payment key's certifier to the root. It is also the
 * payer's proof of payment and the payee's receipt. Type 0x11.
 */
public record TransferToken(ArtConfig config, PaymentRecord record, List<Certificate> chain) {
  public static final int TYPE = 0x11;
  public static final int VERSION = 1;

  public TransferToken {
    chain = List.copyOf(chain);
    if (!record.artId().equals(config.artId())) {
      throw new IllegalArgumentException("record belongs to another ART");
    }
  }

  public ArtState state() {
    return ArtState.after(config, record);
  }

  public Amount amount() {
    return Amount.of(config.currency(), record.amount());
  }

  public byte[] encode() {
    Encoder e = new Encoder().u8(TYPE).u8(VERSION)
        .var(config.encode(), ArtConfig.MAX_ENCODED)
        .var(record.encode(), PaymentRecord.MAX_ENCODED);
    Certificates.write(e, chain, Certificates.MAX);
    return e.toByteArray();
  }

  public static TransferToken decode(byte[] encoded) throws ArtcashException {
    Decoder d = Decoder.of(encoded, "transfer token");
    d.header(TYPE, VERSION);
    ArtConfig config = ArtConfig.decode(d.var(ArtConfig.MAX_ENCODED, "ART"));
    PaymentRecord record = PaymentRecord.decode(d.var(PaymentRecord.MAX_ENCODED, "payment"));
    List<Certificate> chain = Certificates.read(d, Certificates.MAX);
    d.finish();
    if (!record.artId().equals(config.artId())) {
      throw d.malformed("payment", "the payment record belongs to another ART");
    }
    return new TransferToken(config, record, chain);
  }
}
