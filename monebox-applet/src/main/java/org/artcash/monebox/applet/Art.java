package org.artcash.monebox.applet;

import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * The ART objects as the card reads them from its io buffer (docs/PROTOCOL.md sec. 3 and 4: ART
 * configuration, payment-key certificate, payment record, payment request, transfer token), and
 * the checks of art.ArtRules the payer's and the owner's MonEbox make: the factory's signature and
 * chain, and the last payment's limits, certificate and signature. Field offsets go into a
 * transient table; nothing is copied.
 */
public final class Art {
  public static final short CONFIG_MAX = 256;
  /** PaymentRecord.MAX_ENCODED: a record under a 4096-bit certifier. */
  public static final short RECORD_MAX = 775;
  private static final short PKC_MAX = 629;
  public static final short CERT_ENCODED_MAX = 1400;
  /** The payment-key class attributes (u16, amount, u32, u8). */
  public static final short CLASS_LENGTH = 18;
  public static final short CLS_ID = 0;
  public static final short CLS_CURRENCY = 2;
  public static final short CLS_MAX_SINGLE = 5;
  public static final short CLS_MAX_PAYMENTS = 13;
  public static final short CLS_MIN_DEVICE = 17;

  // field table
  public static final short CFG = 0;
  public static final short CFG_LEN = 1;
  public static final short CFG_BODY = 2;
  public static final short ART_ID = 3;
  public static final short OWNER = 4;
  public static final short CURRENCY = 5;
  public static final short ISSUED = 6;
  public static final short NOT_AFTER = 7;
  public static final short REDEEM_UNTIL = 8;
  public static final short MAX_PAYMENTS = 9;
  public static final short MAX_SINGLE = 10;
  public static final short MAX_AGGREGATE = 11;
  public static final short FACTORY = 12;
  public static final short CFG_SIG = 13;
  public static final short HAS_RECORD = 14;
  public static final short REC = 15;
  public static final short REC_LEN = 16;
  public static final short REC_BODY = 17;
  public static final short REC_ART_ID = 18;
  public static final short SEQ = 19;
  public static final short AMOUNT = 20;
  public static final short AGGREGATE = 21;
  public static final short TIME = 22;
  public static final short PREV = 23;
  public static final short KEY_USE = 24;
  public static final short PKC = 25;
  public static final short CERTIFIER = 26;
  public static final short PAY_KEY = 27;
  public static final short PREFIX = 28;
  public static final short PK_SIG = 29;
  public static final short PK_SIG_LEN = 30;
  public static final short REC_SIG = 31;
  public static final short HAS_AMOUNT = 32;
  public static final short REQ_AMOUNT = 33;
  public static final short CHAIN_N = 34;
  public static final short CHAIN = 35;
  public static final short CHAIN_LEN = 39;
  private static final short FIELDS = 43;
  /** Message the certifier signs: type, version, certifier key id, payment key = 83 bytes. */
  public static final short PKC_MESSAGE = 83;

  public static final short WINDOW = 48;

  final short[] f;
  private final byte[] io;
  private final byte[] s;
  private final short w;
  private final Codec codec;
  private final Trust trust;
  private final Crypto crypto;
  private final BlindRsa rsa;

  public Art(byte[] io, byte[] scratch, short base, Codec codec, Trust trust, Crypto crypto,
      BlindRsa rsa) {
    this.io = io;
    this.s = scratch;
    this.w = base;
    this.codec = codec;
    this.trust = trust;
    this.crypto = crypto;
    this.rsa = rsa;
    f = JCSystem.makeTransientShortArray(FIELDS, JCSystem.CLEAR_ON_DESELECT);
  }

  short get(short field) {
    return f[field];
  }

  // --- parsing

  /** A payment request (type 0x10) at io[off..off+len). */
  public void parseRequest(short off, short len) {
    codec.open(io, off, len);
    codec.header((short) 0x10, (short) 1);
    nestedConfig();
    f[HAS_RECORD] = codec.bool() ? (short) 1 : (short) 0;
    if (f[HAS_RECORD] != 0) {
      nestedRecord();
    }
    f[HAS_AMOUNT] = codec.bool() ? (short) 1 : (short) 0;
    if (f[HAS_AMOUNT] != 0) {
      f[REQ_AMOUNT] = codec.u64();
      if (Num.isZero(io, f[REQ_AMOUNT], (short) 8)) {
        ISOException.throwIt(Sw.MALFORMED);
      }
    }
    chain();
    codec.finish();
    checkChain();
    if (f[HAS_RECORD] != 0 && !sameArt()) {
      ISOException.throwIt(Sw.MALFORMED);
    }
  }

  /** A transfer token (type 0x11) at io[off..off+len). */
  public void parseToken(short off, short len) {
    codec.open(io, off, len);
    codec.header((short) 0x11, (short) 1);
    nestedConfig();
    nestedRecord();
    f[HAS_RECORD] = 1;
    f[HAS_AMOUNT] = 0;
    chain();
    codec.finish();
    checkChain();
    if (!sameArt()) {
      ISOException.throwIt(Sw.MALFORMED);
    }
  }

  private boolean sameArt() {
    return Util.arrayCompare(io, f[ART_ID], io, f[REC_ART_ID], (short) 16) == 0;
  }

  private void chain() {
    short n = codec.u8();
    if (n > Trust.MAX_OFFERED) {
      ISOException.throwIt(Sw.LENGTH_OVER_LIMIT);
    }
    f[CHAIN_N] = n;
    for (short i = 0; i < n; i++) {
      f[(short) (CHAIN + i)] = codec.var(CERT_ENCODED_MAX);
      f[(short) (CHAIN_LEN + i)] = codec.lastLength();
    }
  }

  /** Certificates are parsed once the outer object is read (they use the codec themselves). */
  private void checkChain() {
    for (short i = 0; i < f[CHAIN_N]; i++) {
      trust.parse((short) 0, Trust.SRC_IO, f[(short) (CHAIN + i)], f[(short) (CHAIN_LEN + i)]);
    }
  }

  private void nestedConfig() {
    short off = codec.var(CONFIG_MAX);
    short len = codec.lastLength();
    short outer = codec.enter(off, len);
    f[CFG] = off;
    f[CFG_LEN] = len;
    codec.header((short) 0x03, (short) 1);
    f[ART_ID] = codec.fixed((short) 16);
    f[OWNER] = codec.fixed((short) 16);
    short kind = codec.u8();
    if (kind < 1 || kind > 4) {
      ISOException.throwIt(Sw.MALFORMED);
    }
    f[CURRENCY] = codec.currency();
    f[ISSUED] = codec.time();
    f[NOT_AFTER] = codec.time();
    f[REDEEM_UNTIL] = codec.time();
    f[MAX_PAYMENTS] = codec.fixed((short) 2);
    f[MAX_SINGLE] = codec.u64();
    f[MAX_AGGREGATE] = codec.u64();
    codec.string((short) 48);
    codec.string((short) 34);
    f[FACTORY] = codec.fixed((short) 16);
    f[CFG_BODY] = (short) (codec.pos() - off);
    f[CFG_SIG] = codec.fixed(Crypto.SIG);
    codec.leave(outer);
    // ArtConfig.Terms: issuedAt < notAfter <= redeemUntil, 1 <= maxSingle <= maxAggregate
    if (Num.cmp(io, f[NOT_AFTER], io, f[ISSUED], (short) 8) <= 0
        || Num.cmp(io, f[REDEEM_UNTIL], io, f[NOT_AFTER], (short) 8) < 0
        || Util.getShort(io, f[MAX_PAYMENTS]) == 0
        || Num.isZero(io, f[MAX_SINGLE], (short) 8)
        || Num.cmp(io, f[MAX_AGGREGATE], io, f[MAX_SINGLE], (short) 8) < 0) {
      ISOException.throwIt(Sw.MALFORMED);
    }
  }

  private void nestedRecord() {
    short off = codec.var(RECORD_MAX);
    short len = codec.lastLength();
    short outer = codec.enter(off, len);
    f[REC] = off;
    f[REC_LEN] = len;
    codec.header((short) 0x05, (short) 1);
    f[REC_ART_ID] = codec.fixed((short) 16);
    f[SEQ] = codec.fixed((short) 2);
    if (Util.getShort(io, f[SEQ]) == 0) {
      ISOException.throwIt(Sw.MALFORMED);
    }
    f[AMOUNT] = codec.u64();
    if (Num.isZero(io, f[AMOUNT], (short) 8)) {
      ISOException.throwIt(Sw.MALFORMED);
    }
    f[AGGREGATE] = codec.u64();
    if (Num.cmp(io, f[AGGREGATE], io, f[AMOUNT], (short) 8) < 0) {
      ISOException.throwIt(Sw.MALFORMED);
    }
    f[TIME] = codec.time();
    f[PREV] = codec.fixed((short) 32);
    f[KEY_USE] = codec.fixed((short) 4);
    if (Num.isZero(io, f[KEY_USE], (short) 4)) {
      ISOException.throwIt(Sw.MALFORMED);
    }
    short pkc = codec.var(PKC_MAX);
    short pkcLen = codec.lastLength();
    short inner = codec.enter(pkc, pkcLen);
    f[PKC] = pkc;
    codec.header((short) 0x04, (short) 1);
    f[CERTIFIER] = codec.fixed((short) 16);
    f[PAY_KEY] = codec.fixed(P256.POINT_LENGTH);
    if (io[f[PAY_KEY]] != 0x04) {
      ISOException.throwIt(Sw.MALFORMED);
    }
    f[PREFIX] = codec.fixed(BlindRsa.PREFIX);
    f[PK_SIG] = codec.var((short) 256, (short) 512);
    f[PK_SIG_LEN] = codec.lastLength();
    codec.leave(inner);
    f[REC_BODY] = (short) (codec.pos() - off);
    f[REC_SIG] = codec.fixed(Crypto.SIG);
    codec.leave(outer);
  }

  /** The state hash of the parsed ART: SHA-256 of the last record's body, else of the config's. */
  public void stateHash(byte[] out, short oOff) {
    if (f[HAS_RECORD] != 0) {
      crypto.hash(io, f[REC], f[REC_BODY], out, oOff);
    } else {
      crypto.hash(io, f[CFG], f[CFG_BODY], out, oOff);
    }
  }

  /** The parsed ART's sequence (0 when fresh) as an unsigned u16 in a short. */
  public short seq() {
    return f[HAS_RECORD] != 0 ? Util.getShort(io, f[SEQ]) : 0;
  }

  // --- checks (art.ArtRules)

  /** verifyConfig: the factory's certificate chains to the root at issuedAt and signed the ART. */
  public void verifyConfig() {
    if (!trust.find(io, f[FACTORY], (short) 0)) {
      ISOException.throwIt(Sw.UNKNOWN_ISSUER);
    }
    trust.validate((short) 0, Trust.ROLE_ART_FACTORY, io, f[ISSUED], true);
    // validate() walked the chain with other views; view 0 still holds the factory
    if (trust.get((short) 0, Trust.V_ALG) != Trust.ALG_P256
        || !crypto.verify(trust.arr((short) 0), trust.get((short) 0, Trust.V_PK), io, f[CFG],
        f[CFG_BODY], io, f[CFG_SIG])) {
      ISOException.throwIt(Sw.BAD_SIGNATURE);
    }
  }

  /** verifyState: the configuration, then the last payment's limits and its payer. */
  public void verifyState() {
    verifyConfig();
    if (f[HAS_RECORD] != 0) {
      if (Num.cmpU16(Util.getShort(io, f[SEQ]), Util.getShort(io, f[MAX_PAYMENTS])) > 0
          || Num.cmp(io, f[AGGREGATE], io, f[MAX_AGGREGATE], (short) 8) > 0
          || Num.cmp(io, f[AMOUNT], io, f[MAX_SINGLE], (short) 8) > 0) {
        ISOException.throwIt(Sw.ART_STATE_INVALID);
      }
      verifyPayer();
    }
  }

  /**
   * verifyPayer: the certifier chains to the root at the record's time, its class allows the
   * payment, the payment key is not revoked, the blind signature and the record signature verify.
   */
  public void verifyPayer() {
    if (!trust.find(io, f[CERTIFIER], (short) 1)) {
      ISOException.throwIt(Sw.UNKNOWN_ISSUER);
    }
    trust.validate((short) 1, Trust.ROLE_CERTIFIER, io, f[TIME], true);
    readClass((short) 1, s, w);
    if (Util.arrayCompare(s, (short) (w + CLS_CURRENCY), io, f[CURRENCY], (short) 3) != 0) {
      ISOException.throwIt(Sw.CURRENCY_MISMATCH);
    }
    if (Num.cmp(io, f[AMOUNT], s, (short) (w + CLS_MAX_SINGLE), (short) 8) > 0
        || Num.cmp(io, f[KEY_USE], s, (short) (w + CLS_MAX_PAYMENTS), (short) 4) > 0) {
      ISOException.throwIt(Sw.PAYMENT_KEY_LIMIT);
    }
    crypto.keyId(Trust.ALG_P256, io, f[PAY_KEY], P256.POINT_LENGTH, s, (short) (w + 24));
    if (trust.isRevoked(s, (short) (w + 24))) {
      ISOException.throwIt(Sw.REVOKED);
    }
    loadCertifierKey((short) 1);
    if (!rsa.verify(io, f[PK_SIG], f[PK_SIG_LEN], io, f[PREFIX], io, f[PKC], PKC_MESSAGE)) {
      ISOException.throwIt(Sw.BAD_SIGNATURE);
    }
    if (!crypto.verify(io, f[PAY_KEY], io, f[REC], f[REC_BODY], io, f[REC_SIG])) {
      ISOException.throwIt(Sw.BAD_SIGNATURE);
    }
  }

  /** Loads the blind-RSA key of the certifier in view {@code v}; refuses sizes the card lacks. */
  void loadCertifierKey(short v) {
    if (trust.get(v, Trust.V_ALG) != Trust.ALG_RSA) {
      ISOException.throwIt(Sw.WRONG_ROLE);
    }
    byte[] b = trust.arr(v);
    short pk = trust.get(v, Trust.V_PK);
    short modLen = Util.getShort(b, pk);
    short exp = (short) (pk + 2 + modLen);
    if (!rsa.load(b, (short) (pk + 2), modLen, b, (short) (exp + 2), Util.getShort(b, exp))) {
      ISOException.throwIt(Sw.CAPACITY_EXCEEDED);
    }
  }

  /** Copies the payment-key class of the certifier in view {@code v} (checked) to out. */
  void readClass(short v, byte[] out, short oOff) {
    if (trust.get(v, Trust.V_ATTR_LEN) != CLASS_LENGTH) {
      ISOException.throwIt(trust.get(v, Trust.V_ATTR_LEN) < CLASS_LENGTH ? Sw.TRUNCATED
          : Sw.TRAILING_BYTES);
    }
    byte[] b = trust.arr(v);
    short a = trust.get(v, Trust.V_ATTR);
    codec.open(b, a, CLASS_LENGTH);
    codec.fixed((short) 2);
    codec.currency();
    codec.u64();
    short maxPayments = codec.fixed((short) 4);
    codec.u8();
    if (Num.isZero(b, maxPayments, (short) 4)) {
      ISOException.throwIt(Sw.MALFORMED);
    }
    Util.arrayCopyNonAtomic(b, a, out, oOff, CLASS_LENGTH);
  }
}
