package org.artcash.core.issuance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.Ecdsa;
import org.artcash.core.money.Amount;

/**
 * An order to the issuer's MonEbox to create (or destroy) e-cash, valid only with signatures of k
 * of the n issuance committee keys held in that MonEbox (de Jong 2024, sec. 6, "issuance
 * committee"). Orders are numbered 1, 2, 3... per issuer device, so none can be replayed. Type 0x30.
 */
public final class IssuanceOrder {
  public static final int TYPE = 0x30;
  public static final int VERSION = 1;
  public static final int MAX_SIGNATURES = 16;

  public enum Kind {
    ISSUE(1),
    DESTROY(2);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    static Kind fromCode(int code) throws ArtcashException {
      for (Kind k : values()) {
        if (k.code == code) {
          return k;
        }
      }
      throw new ArtcashException(Reason.MALFORMED, "unknown issuance order kind " + code);
    }
  }

  private final Bytes issuerDeviceId;
  private final long sequence;
  private final Kind kind;
  private final Amount amount;
  private final Instant time;
  private final byte[] body;
  private final Map<Integer, byte[]> signatures;

  private IssuanceOrder(Bytes issuerDeviceId, long sequence, Kind kind, Amount amount, Instant time,
      byte[] body, Map<Integer, byte[]> signatures) {
    this.issuerDeviceId = issuerDeviceId;
    this.sequence = sequence;
    this.kind = kind;
    this.amount = amount;
    this.time = time;
    this.body = body;
    this.signatures = signatures;
  }

  /** An unsigned order; committee members add signatures with {@link #signedBy}. */
  public static IssuanceOrder draft(Bytes issuerDeviceId, long sequence, Kind kind, Amount amount,
      Instant time) {
    if (sequence < 1 || amount.isZero()) {
      throw new IllegalArgumentException("orders are numbered from 1 and move a positive amount");
    }
    byte[] body = new Encoder().u8(TYPE).u8(VERSION).fixed(issuerDeviceId, 16).u64(sequence)
        .u8(kind.code()).amount(amount).time(time).toByteArray();
    return new IssuanceOrder(issuerDeviceId, sequence, kind, amount, time, body, new TreeMap<>());
  }

  /** A copy with committee member {@code index}'s signature added. */
  public IssuanceOrder signedBy(int index, EcSigner member) {
    if (index < 0 || index > 0xFF) {
      throw new IllegalArgumentException("member index is a u8");
    }
    TreeMap<Integer, byte[]> sigs = new TreeMap<>(signatures);
    sigs.put(index, member.sign(body));
    return new IssuanceOrder(issuerDeviceId, sequence, kind, amount, time, body, sigs);
  }

  public byte[] encode() {
    Encoder e = new Encoder().raw(body).u8(signatures.size());
    for (Map.Entry<Integer, byte[]> s : signatures.entrySet()) {
      e.u8(s.getKey()).fixed(s.getValue(), Ecdsa.SIGNATURE_LENGTH);
    }
    return e.toByteArray();
  }

  public static IssuanceOrder decode(byte[] encoded) throws ArtcashException {
    Decoder d = Decoder.of(encoded, "issuance order");
    d.header(TYPE, VERSION);
    Bytes device = d.fixedBytes(16, "issuer device id");
    long seq = d.u64("sequence");
    Kind kind = Kind.fromCode(d.u8("kind"));
    Amount amount = d.amount("amount");
    Instant time = d.time("time");
    byte[] body = d.slice(0);
    int n = d.u8("signature count");
    if (n > MAX_SIGNATURES) {
      throw new ArtcashException(Reason.LENGTH_OVER_LIMIT,
          "issuance order: " + n + " signatures declared; at most " + MAX_SIGNATURES);
    }
    TreeMap<Integer, byte[]> sigs = new TreeMap<>();
    int previous = -1;
    for (int i = 0; i < n; i++) {
      int index = d.u8("member index");
      if (index <= previous) {
        throw d.nonCanonical("member index", "signatures must be in ascending member order, once each");
      }
      previous = index;
      sigs.put(index, d.fixed(Ecdsa.SIGNATURE_LENGTH, "member signature"));
    }
    d.finish();
    if (seq == 0 || amount.isZero()) {
      throw d.malformed("sequence", "orders are numbered from 1 and move a positive amount");
    }
    return new IssuanceOrder(device, seq, kind, amount, time, body, sigs);
  }

  /**
   * Counts distinct committee members whose signature verifies; {@code committee} is the list of
   * member public keys held by the issuer's MonEbox, indexed by member index.
   */
  public int validSignatures(List<byte[]> committee) {
    int valid = 0;
    for (Map.Entry<Integer, byte[]> s : signatures.entrySet()) {
      int i = s.getKey();
      if (i < committee.size() && Ecdsa.verify(committee.get(i), body, s.getValue())) {
        valid++;
      }
    }
    return valid;
  }

  public List<Integer> signers() {
    return new ArrayList<>(signatures.keySet());
  }

  /** The signed content, for comparing a retried order with the one already executed. */
  public byte[] body() {
    return body.clone();
  }

  public Bytes issuerDeviceId() {
    return issuerDeviceId;
  }

  public long sequence() {
    return sequence;
  }

  public Kind kind() {
    return kind;
  }

  public Amount amount() {
    return amount;
  }

  public Instant time() {
    return time;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IssuanceOrder x && Arrays.equals(body, x.body);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(body);
  }
}
