package org.artcash.core.art;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.artcash.core.ArtcashException;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.artcash.core.money.Amount;
import org.artcash.core.pki.Certificate;

/**
 * The payee's request (de Jong 2024, diagram 2, first message): an ART state and optionally the
 * amount; with the certificates a payer needs to check the ART factory key. Type 0x10.
 */
public record PaymentRequest(ArtState state, OptionalLong amount, List<Certificate> chain) {
  public static final int TYPE = 0x10;
  public static final int VERSION = 1;

  public PaymentRequest {
    chain = List.copyOf(chain);
    if (amount.isPresent() && amount.getAsLong() <= 0) {
      throw new IllegalArgumentException("a requested amount is positive");
    }
  }

  public Optional<Amount> requestedAmount() {
    return amount.isPresent()
        ? Optional.of(Amount.of(state.config().currency(), amount.getAsLong()))
        : Optional.empty();
  }

  public byte[] encode() {
    Encoder e = new Encoder().u8(TYPE).u8(VERSION)
        .var(state.config().encode(), ArtConfig.MAX_ENCODED)
        .bool(state.last().isPresent());
    state.last().ifPresent(r -> e.var(r.encode(), PaymentRecord.MAX_ENCODED));
    e.bool(amount.isPresent());
    if (amount.isPresent()) {
      e.u64(amount.getAsLong());
    }
    Certificates.write(e, chain, Certificates.MAX);
    return e.toByteArray();
  }

  public static PaymentRequest decode(byte[] encoded) throws ArtcashException {
    Decoder d = Decoder.of(encoded, "payment request");
    d.header(TYPE, VERSION);
    ArtConfig config = ArtConfig.decode(d.var(ArtConfig.MAX_ENCODED, "ART"));
    Optional<PaymentRecord> last = Optional.empty();
    if (d.bool("has last payment")) {
      last = Optional.of(PaymentRecord.decode(d.var(PaymentRecord.MAX_ENCODED, "last payment")));
    }
    OptionalLong amount = OptionalLong.empty();
    if (d.bool("has amount")) {
      long a = d.u64("amount");
      if (a == 0) {
        throw d.malformed("amount", "a requested amount must be positive");
      }
      amount = OptionalLong.of(a);
    }
    List<Certificate> chain = Certificates.read(d, Certificates.MAX);
    d.finish();
    if (last.isPresent() && !last.get().artId().equals(config.artId())) {
      throw d.malformed("last payment", "the payment record belongs to another ART");
    }
    return new PaymentRequest(new ArtState(config, last), amount, chain);
  }
}
