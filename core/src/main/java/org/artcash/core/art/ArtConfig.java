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
import org.artcash.core.crypto.KeyAlgorithm;
import org.artcash.core.crypto.KeyId;
import org.artcash.core.crypto.Sha256;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;

/**
 * A fresh aggregating receipt token, T0 (de Jong 2024, sec. 2.3, fig. 5): value zero, bound to the
 * owner's pseudonym, one currency, its limits, and short payee information; signed by an ART factory
 * key. Every later state of the ART carries this configuration unchanged. Type 0x03.
 */
public final class ArtConfig {
  public static final int TYPE = 0x03;
  public static final int VERSION = 1;
  public static final int ID_LENGTH = 16;
  public static final int MAX_PAYEE_INFO = 48;
  public static final int MAX_ACCOUNT = 34;
  public static final int MAX_ENCODED = 256;

  private final Bytes artId;
  private final Bytes owner;
  private final ArtKind kind;
  private final Currency currency;
  private final Instant issuedAt;
  private final Instant notAfter;
  private final Instant redeemUntil;
  private final int maxPayments;
  private final long maxSingle;
  private final long maxAggregate;
  private final String payeeInfo;
  private final String account;
  private final Bytes factoryKeyId;
  private final byte[] body;
  private final byte[] signature;

  /** The fields a factory fills in; {@link #sign} turns them into an ART. */
  public record Terms(Bytes artId, Bytes owner, ArtKind kind, Currency currency, Instant issuedAt,
      Instant notAfter, Instant redeemUntil, int maxPayments, long maxSingle, long maxAggregate,
      String payeeInfo, String account) {
    public Terms {
      if (artId.length() != ID_LENGTH || owner.length() != ID_LENGTH) {
        throw new IllegalArgumentException("ART id and owner pseudonym are 16 bytes");
      }
      if (!notAfter.isAfter(issuedAt) || redeemUntil.isBefore(notAfter)) {
        throw new IllegalArgumentException("need issuedAt < notAfter <= redeemUntil");
      }
      if (maxPayments < 1 || maxPayments > 0xFFFF) {
        throw new IllegalArgumentException("maxPayments must be 1..65535");
      }
      if (maxSingle < 1 || maxAggregate < maxSingle) {
        throw new IllegalArgumentException("need 1 <= maxSingle <= maxAggregate");
      }
      if (payeeInfo.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PAYEE_INFO
          || account.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_ACCOUNT) {
        throw new IllegalArgumentException("payee info <= 48 bytes, account <= 34 bytes");
      }
    }
  }

  private ArtConfig(Terms t, Bytes factoryKeyId, byte[] body, byte[] signature) {
    this.artId = t.artId();
    this.owner = t.owner();
    this.kind = t.kind();
    this.currency = t.currency();
    this.issuedAt = t.issuedAt();
    this.notAfter = t.notAfter();
    this.redeemUntil = t.redeemUntil();
    this.maxPayments = t.maxPayments();
    this.maxSingle = t.maxSingle();
    this.maxAggregate = t.maxAggregate();
    this.payeeInfo = t.payeeInfo();
    this.account = t.account();
    this.factoryKeyId = factoryKeyId;
    this.body = body;
    this.signature = signature;
  }

  public static ArtConfig sign(Terms t, EcSigner factory) {
    Bytes factoryKeyId = KeyId.of(KeyAlgorithm.EC_P256, factory.publicKey());
    byte[] body = new Encoder().u8(TYPE).u8(VERSION)
        .fixed(t.artId(), ID_LENGTH)
        .fixed(t.owner(), ID_LENGTH)
        .u8(t.kind().code())
        .currency(t.currency())
        .time(t.issuedAt())
        .time(t.notAfter())
        .time(t.redeemUntil())
        .u16(t.maxPayments())
        .u64(t.maxSingle())
        .u64(t.maxAggregate())
        .string(t.payeeInfo(), MAX_PAYEE_INFO)
        .string(t.account(), MAX_ACCOUNT)
        .fixed(factoryKeyId, KeyId.LENGTH)
        .toByteArray();
    return new ArtConfig(t, factoryKeyId, body, factory.sign(body));
  }

  public static ArtConfig decode(byte[] encoded) throws ArtcashException {
    Decoder d = Decoder.of(encoded, "ART");
    if (encoded.length > MAX_ENCODED) {
      throw new ArtcashException(Reason.TOO_LARGE, "ART of " + encoded.length
          + " bytes is larger than the " + MAX_ENCODED + " allowed");
    }
    d.header(TYPE, VERSION);
    Bytes artId = d.fixedBytes(ID_LENGTH, "ART id");
    Bytes owner = d.fixedBytes(ID_LENGTH, "owner pseudonym");
    ArtKind kind = ArtKind.fromCode(d.u8("kind"));
    Currency currency = d.currency("currency");
    Instant issuedAt = d.time("issued at");
    Instant notAfter = d.time("not after");
    Instant redeemUntil = d.time("redeem until");
    int maxPayments = d.u16("max payments");
    long maxSingle = d.u64("max single amount");
    long maxAggregate = d.u64("max aggregate amount");
    String payeeInfo = d.string(MAX_PAYEE_INFO, "payee info");
    String account = d.string(MAX_ACCOUNT, "account");
    Bytes factoryKeyId = d.fixedBytes(KeyId.LENGTH, "factory key id");
    byte[] body = d.slice(0);
    byte[] sig = d.fixed(Ecdsa.SIGNATURE_LENGTH, "signature");
    d.finish();
    Terms terms;
    try {
      terms = new Terms(artId, owner, kind, currency, issuedAt, notAfter, redeemUntil, maxPayments,
          maxSingle, maxAggregate, payeeInfo, account);
    } catch (IllegalArgumentException e) {
      throw new ArtcashException(Reason.MALFORMED, "ART: inconsistent limits: " + e.getMessage());
    }
    return new ArtConfig(terms, factoryKeyId, body, sig);
  }

  public byte[] encode() {
    byte[] out = Arrays.copyOf(body, body.length + signature.length);
    System.arraycopy(signature, 0, out, body.length, signature.length);
    return out;
  }

  public byte[] body() {
    return body.clone();
  }

  /** The hash the first payment record links to: SHA-256 of the signed body (not the signature). */
  public Bytes stateHash() {
    return Sha256.digest(body);
  }

  public boolean verifySignature(byte[] factoryPublicKey) {
    return Ecdsa.verify(factoryPublicKey, body, signature);
  }

  public Amount maxSingleAmount() {
    return Amount.of(currency, maxSingle);
  }

  public Amount maxAggregateAmount() {
    return Amount.of(currency, maxAggregate);
  }

  public Bytes artId() {
    return artId;
  }

  public Bytes owner() {
    return owner;
  }

  public ArtKind kind() {
    return kind;
  }

  public Currency currency() {
    return currency;
  }

  public Instant issuedAt() {
    return issuedAt;
  }

  public Instant notAfter() {
    return notAfter;
  }

  public Instant redeemUntil() {
    return redeemUntil;
  }

  public int maxPayments() {
    return maxPayments;
  }

  public String payeeInfo() {
    return payeeInfo;
  }

  public String account() {
    return account;
  }

  public Bytes factoryKeyId() {
    return factoryKeyId;
  }

  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArtConfig c && Arrays.equals(body, c.body);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "ART " + artId.shortHex() + " for '" + payeeInfo + "' (" + kind + ", up to "
        + maxPayments + " payments of at most " + maxSingleAmount() + ", total "
        + maxAggregateAmount() + ", until " + notAfter + ")";
  }
}
