package org.artcash.core.pki;

import org.artcash.core.ArtcashException;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;

/**
 * The limits a payment-key certification key stands for (the attributes of its certificate). A
 * blind signature cannot carry fields the certifier does not see, so each certification key is one
 * class: every payment key it certifies may sign at most {@code maxPayments} payments of at most
 * {@code maxSinglePayment} each, within the certification key's validity window, and only in a
 * MonEbox of at least {@code minDeviceClass}.
 */
public record PaymentKeyClass(int classId, Amount maxSinglePayment, long maxPayments,
    int minDeviceClass) {
  public PaymentKeyClass {
    if (classId < 0 || classId > 0xFFFF) {
      throw new IllegalArgumentException("class id is a u16");
    }
    if (maxPayments < 1 || maxPayments > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("maxPayments must be 1..2^32-1");
    }
    if (minDeviceClass < 0 || minDeviceClass > 0xFF) {
      throw new IllegalArgumentException("minDeviceClass is a u8");
    }
  }

  public Currency currency() {
    return maxSinglePayment.currency();
  }

  public byte[] encode() {
    return new Encoder().u16(classId).amount(maxSinglePayment).u32(maxPayments).u8(minDeviceClass)
        .toByteArray();
  }

  public static PaymentKeyClass decode(byte[] attributes) throws ArtcashException {
    Decoder d = Decoder.of(attributes, "payment key class");
    int classId = d.u16("class id");
    Amount max = d.amount("max single payment");
    long maxPayments = d.u32("max payments");
    int minDeviceClass = d.u8("min device class");
    d.finish();
    if (maxPayments == 0) {
      throw d.malformed("max payments", "a class must allow at least one payment");
    }
    return new PaymentKeyClass(classId, max, maxPayments, minDeviceClass);
  }
}
