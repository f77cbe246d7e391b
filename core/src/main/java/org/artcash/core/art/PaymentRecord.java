package org.artcash.core.art;

import java.time.Instant;
import java.util.Arrays;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.Ecdsa;
import org.artcash.core.crypto.Sha256;

/**
 * One payment appended to an ART by the payer's MonEbox in atxr (de Jong 2024, sec. 2.3, diagram
 * 2): sequence number, amount, new aggregate, time, the hash of the previous state, how many
 * payments this payment key has made, and the payment-key certificate; signed with the payment key.
 * Type 0x05.
 */
public final class PaymentRecord {
  public static final int TYPE = 0x05;
  public static final int VERSION = 1;
  public static final int HASH_LENGTH = 32;
  public static final int MAX_ENCODED = 2 + 16 + 2 + 8 + 8 + 8 + 32 + 4 + 2
      + PaymentKeyCertificate.MAX_ENCODED + Ecdsa.SIGNATURE_LENGTH;

  private final Bytes artId;
  private final int seq;
  private final long amount;
  private final long aggregate;
  private final Instant time;
  private final Bytes prevHash;
  private final long keyUse;
  private final PaymentKeyCertificate keyCertificate;
  private final byte[] body;
  private final byte[] signature;

  /** What the MonEbox decides before signing. */
  public record Fields(Bytes artId, int seq, long amount, long aggregate, Instant time,
      Bytes prevHash, long keyUse, PaymentKeyCertificate keyCertificate) {}

  private PaymentRecord(Fields f, byte[] body, byte[] signature) {
    this.artId = f.artId();
    this.seq = f.seq();
    this.amount = f.amount();
    this.aggregate = f.aggregate();
    this.time = f.time();
    this.prevHash = f.prevHash();
    this.keyUse = f.keyUse();
    this.keyCertificate = f.keyCertificate();
    this.body = body;
    this.signature = signature;
  }

  /** The exact bytes the payment key signs. */
  public static byte[] encodeBody(Fields f) {
    return new Encoder().u8(TYPE).u8(VERSION)
        .fixed(f.artId(), ArtConfig.ID_LENGTH)
        .u16(f.seq())
        .u64(f.amount())
        .u64(f.aggregate())
        .time(f.time())
        .fixed(f.prevHash(), HASH_LENGTH)
        .u32(f.keyUse())
        .var(f.keyCertificate().encode(), PaymentKeyCertificate.MAX_ENCODED)
        .toByteArray();
  }

  public static PaymentRecord sign(Fields f, EcSigner paymentKey) {
    byte[] body = encodeBody(f);
    return new PaymentRecord(f, body, paymentKey.sign(body));
  }

  /** Assembles a record from its fields and a signature made elsewhere (a MonEbox). */
  public static PaymentRecord of(Fields f, byte[] signature) {
    if (signature.length != Ecdsa.SIGNATURE_LENGTH) {
      throw new IllegalArgumentException("signature is 64 bytes");
    }
    return new PaymentRecord(f, encodeBody(f), signature.clone());
  }

  public static PaymentRecord decode(byte[] encoded) throws ArtcashException {
    Decoder d = Decoder.of(encoded, "payment record");
    if (encoded.length > MAX_ENCODED) {
      throw new ArtcashException(Reason.TOO_LARGE, "payment record of " + encoded.length
          + " bytes is larger than the " + MAX_ENCODED + " allowed");
    }
    d.header(TYPE, VERSION);
    Bytes artId = d.fixedBytes(ArtConfig.ID_LENGTH, "ART id");
    int seq = d.u16("sequence");
    if (seq == 0) {
      throw d.malformed("sequence", "payment sequence numbers start at 1");
    }
    long amount = d.u64("amount");
    if (amount == 0) {
      throw d.malformed("amount", "a payment of zero is not a payment");
    }
    long aggregate = d.u64("aggregate");
    if (aggregate < amount) {
      throw d.malformed("aggregate", "the aggregate is smaller than this payment");
    }
    Instant time = d.time("time");
    Bytes prevHash = d.fixedBytes(HASH_LENGTH, "previous state hash");
    long keyUse = d.u32("key use");
    if (keyUse == 0) {
      throw d.malformed("key use", "key use counts start at 1");
    }
    PaymentKeyCertificate cert = PaymentKeyCertificate.decode(
        d.var(PaymentKeyCertificate.MAX_ENCODED, "payment key certificate"));
    byte[] body = d.slice(0);
    byte[] sig = d.fixed(Ecdsa.SIGNATURE_LENGTH, "signature");
    d.finish();
    return new PaymentRecord(new Fields(artId, seq, amount, aggregate, time, prevHash, keyUse, cert),
        body, sig);
  }

  public byte[] encode() {
    byte[] out = Arrays.copyOf(body, body.length + signature.length);
    System.arraycopy(signature, 0, out, body.length, signature.length);
    return out;
  }

  public byte[] body() {
    return body.clone();
  }

  /** The hash the next record links to: SHA-256 of this record's body, not its signature. */
  public Bytes stateHash() {
    return Sha256.digest(body);
  }

  public boolean verifySignature() {
    return Ecdsa.verify(keyCertificate.paymentPublicKey(), body, signature);
  }

  public Fields fields() {
    return new Fields(artId, seq, amount, aggregate, time, prevHash, keyUse, keyCertificate);
  }

  public Bytes artId() {
    return artId;
  }

  public int seq() {
    return seq;
  }

  public long amount() {
    return amount;
  }

  public long aggregate() {
    return aggregate;
  }

  public Instant time() {
    return time;
  }

  public Bytes prevHash() {
    return prevHash;
  }

  public long keyUse() {
    return keyUse;
  }

  public PaymentKeyCertificate keyCertificate() {
    return keyCertificate;
  }

  public byte[] signature() {
    return signature.clone();
  }

  /** Equal when the signed content is equal; signature bytes are not compared (malleable). */
  @Override
  public boolean equals(Object o) {
    return o instanceof PaymentRecord r && Arrays.equals(body, r.body);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "payment #" + seq + " of " + amount + " (aggregate " + aggregate + ") on ART "
        + artId.shortHex() + " at " + time;
  }
}
