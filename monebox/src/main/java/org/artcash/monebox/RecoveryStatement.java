package org.artcash.monebox;

import java.time.Instant;
import java.util.Arrays;
import org.artcash.core.ArtcashException;
import org.artcash.core.codec.Bytes;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.Ecdsa;
import org.artcash.core.money.Amount;

/**
 * A disabled MonEbox's signed statement of the balance it saved (de Jong 2024, sec. 4.2 ix-x), to
 * be presented to the issuer's recovery agent, which checks it against its device register and
 * pays the amount out once. Type 0x31.
 */
public final class RecoveryStatement {
  public static final int TYPE = 0x31;
  public static final int VERSION = 1;

  private final Bytes deviceId;
  private final Amount balance;
  private final Instant time;
  private final byte[] body;
  private final byte[] signature;

  private RecoveryStatement(Bytes deviceId, Amount balance, Instant time, byte[] body, byte[] sig) {
    this.deviceId = deviceId;
    this.balance = balance;
    this.time = time;
    this.body = body;
    this.signature = sig;
  }

  public static RecoveryStatement sign(Bytes deviceId, Amount balance, Instant time, EcSigner key) {
    byte[] body = new Encoder().u8(TYPE).u8(VERSION).fixed(deviceId, 16).amount(balance).time(time)
        .toByteArray();
    return new RecoveryStatement(deviceId, balance, time, body, key.sign(body));
  }

  public static RecoveryStatement decode(byte[] encoded) throws ArtcashException {
    Decoder d = Decoder.of(encoded, "recovery statement");
    d.header(TYPE, VERSION);
    Bytes id = d.fixedBytes(16, "device id");
    Amount balance = d.amount("balance");
    Instant time = d.time("time");
    byte[] body = d.slice(0);
    byte[] sig = d.fixed(Ecdsa.SIGNATURE_LENGTH, "device signature");
    d.finish();
    return new RecoveryStatement(id, balance, time, body, sig);
  }

  public byte[] encode() {
    byte[] out = Arrays.copyOf(body, body.length + signature.length);
    System.arraycopy(signature, 0, out, body.length, signature.length);
    return out;
  }

  public boolean verify(byte[] devicePublicKey) {
    return Ecdsa.verify(devicePublicKey, body, signature);
  }

  public Bytes deviceId() {
    return deviceId;
  }

  public Amount balance() {
    return balance;
  }

  public Instant time() {
    return time;
  }
}
