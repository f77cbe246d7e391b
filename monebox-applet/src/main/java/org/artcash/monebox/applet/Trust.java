package org.artcash.monebox.applet;

import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * The card's trust store (docs/PROTOCOL.md sec. 2): the root of trust, the device certificate, a
 * small table of certificates whose chain to the root the card has verified (the chain cache of
 * de Jong 2024, sec. 4.1), and the newest revocation list's ids. A chain is walked from the leaf to
 * the root checking validity at the given time, roles, revocation and signatures; a certificate
 * already in the table is not verified again. Certificates in the table win over offered ones.
 */
public final class Trust {
  /** Store slots: 0 root, 1 device certificate, then the verified table. */
  static final short ROOT = 0;
  static final short DEVICE = 1;
  static final short FIRST_KNOWN = 2;
  public static final short KNOWN = 8;
  static final short SLOTS = (short) (FIRST_KNOWN + KNOWN);
  /** Largest certificate the card stores: a 2048-bit certifier certificate is 401 bytes. */
  public static final short CERT_MAX = 448;
  public static final short REVOKED_MAX = 64;
  public static final short MAX_OFFERED = 4;
  private static final short MAX_DEPTH = 4;
  private static final byte FLAG_PINNED = 1;

  // certificate roles and key algorithms (docs/PROTOCOL.md sec. 2)
  public static final short ROLE_ROOT = 1;
  public static final short ROLE_CA = 2;
  public static final short ROLE_ART_FACTORY = 3;
  public static final short ROLE_CERTIFIER = 4;
  public static final short ROLE_ATTESTATION = 5;
  public static final short ROLE_DEVICE = 6;
  public static final byte ALG_P256 = 1;
  public static final byte ALG_RSA = 2;

  // a certificate view: offsets of its fields in io (SRC_IO) or the store (SRC_STORE)
  static final short SRC_IO = 0;
  static final short SRC_STORE = 1;
  static final short V_SRC = 0;
  static final short V_OFF = 1;
  static final short V_LEN = 2;
  static final short V_BODY = 3;
  static final short V_ROLE = 4;
  static final short V_ALG = 5;
  static final short V_PK = 6;
  static final short V_PK_LEN = 7;
  static final short V_ATTR = 8;
  static final short V_ATTR_LEN = 9;
  static final short V_NB = 10;
  static final short V_NA = 11;
  static final short V_ISSUER = 12;
  static final short V_SIG = 13;
  /** Store slot of this certificate, or -1 when it was offered and is not stored. */
  static final short V_SLOT = 14;
  static final short V_FIELDS = 15;
  /** Views: 0 and 1 for the caller, 2 and 3 for the chain walk. */
  static final short VIEWS = 4;
  private static final short CUR = 2;
  private static final short NEXT = 3;

  /** Revocation header: present, sequence (8), count (2). */
  private static final short R_PRESENT = 0;
  private static final short R_SEQ = 1;
  private static final short R_COUNT = 9;
  private static final short R_IDS = 11;

  public static final short WINDOW = 96;

  private final byte[] io;
  private final byte[] s;
  private final short w;
  private final Codec codec;
  private final Crypto crypto;
  private final PinCheck pins;

  final byte[] store;
  private final short[] storeLen;
  private final byte[] storeId;
  private final byte[] storeFlags;
  final byte[] rev;

  private final short[] view;
  /** offered certificates: count, then offsets, then lengths */
  private final short[] offered;
  /** walked chain: count, then (slot or -1, offset, length) per certificate */
  private final short[] walked;

  public Trust(byte[] io, byte[] scratch, short base, Codec codec, Crypto crypto,
      PinCheck pins) {
    this.pins = pins;
    this.io = io;
    this.s = scratch;
    this.w = base;
    this.codec = codec;
    this.crypto = crypto;
    store = new byte[(short) (SLOTS * CERT_MAX)];
    storeLen = new short[SLOTS];
    storeId = new byte[(short) (SLOTS * Crypto.KEY_ID)];
    storeFlags = new byte[SLOTS];
    rev = new byte[(short) (R_IDS + REVOKED_MAX * Crypto.KEY_ID)];
    view = JCSystem.makeTransientShortArray((short) (VIEWS * V_FIELDS), JCSystem.CLEAR_ON_DESELECT);
    offered = JCSystem.makeTransientShortArray((short) (1 + 2 * MAX_OFFERED),
        JCSystem.CLEAR_ON_DESELECT);
    walked = JCSystem.makeTransientShortArray((short) (1 + 3 * (MAX_DEPTH + 2)),
        JCSystem.CLEAR_ON_DESELECT);
  }

  // --- views

  short get(short v, short field) {
    return view[(short) (v * V_FIELDS + field)];
  }

  private void set(short v, short field, short value) {
    view[(short) (v * V_FIELDS + field)] = value;
  }

  byte[] arr(short v) {
    return get(v, V_SRC) == SRC_IO ? io : store;
  }

  /**
   * Parses a certificate (docs/PROTOCOL.md sec. 2, type 0x01) into view {@code v}; the structure
   * rules of pki.Certificate.decode, except that a P-256 key is checked on the curve only when
   * used.
   */
  void parse(short v, short src, short off, short len) {
    byte[] b = src == SRC_IO ? io : store;
    codec.open(b, off, len);
    codec.header((short) 1, (short) 1);
    codec.fixed((short) 16); // serial
    short role = codec.u8();
    if (role < ROLE_ROOT || role > ROLE_DEVICE) {
      ISOException.throwIt(Sw.MALFORMED);
    }
    short alg = codec.u8();
    if (alg != ALG_P256 && alg != ALG_RSA) {
      ISOException.throwIt(Sw.MALFORMED);
    }
    short pk = codec.var((short) 1100);
    short pkLen = codec.lastLength();
    short attr = codec.var((short) 128);
    short attrLen = codec.lastLength();
    short nb = codec.time();
    short na = codec.time();
    if (Num.cmp(b, na, b, nb, (short) 8) <= 0) {
      ISOException.throwIt(Sw.MALFORMED);
    }
    short issuer = codec.fixed(Crypto.KEY_ID);
    short body = (short) (codec.pos() - off);
    short sig = codec.fixed(Crypto.SIG);
    codec.finish();
    if (alg == ALG_P256) {
      if (pkLen != P256.POINT_LENGTH || b[pk] != 0x04) {
        ISOException.throwIt(Sw.MALFORMED);
      }
    } else {
      checkRsaKey(b, pk, pkLen);
    }
    set(v, V_SRC, src);
    set(v, V_OFF, off);
    set(v, V_LEN, len);
    set(v, V_BODY, body);
    set(v, V_ROLE, role);
    set(v, V_ALG, alg);
    set(v, V_PK, pk);
    set(v, V_PK_LEN, pkLen);
    set(v, V_ATTR, attr);
    set(v, V_ATTR_LEN, attrLen);
    set(v, V_NB, nb);
    set(v, V_NA, na);
    set(v, V_ISSUER, issuer);
    set(v, V_SIG, sig);
    set(v, V_SLOT, (short) -1);
  }

  /** The blind-RSA key encoding: u16 + modulus, u16 + exponent, no leading zeros. */
  private void checkRsaKey(byte[] b, short pk, short pkLen) {
    codec.open(b, pk, pkLen);
    short mod = codec.var((short) 2048);
    short modLen = codec.lastLength();
    short exp = codec.var((short) 2048);
    short expLen = codec.lastLength();
    codec.finish();
    if (modLen == 0 || b[mod] == 0 || expLen == 0 || b[exp] == 0) {
      ISOException.throwIt(Sw.NON_CANONICAL);
    }
    if (modLen < 256 || (b[(short) (mod + modLen - 1)] & 1) == 0
        || (b[(short) (exp + expLen - 1)] & 1) == 0 || (expLen == 1 && b[exp] == 1)
        || expLen > modLen) {
      ISOException.throwIt(Sw.MALFORMED);
    }
  }

  /** Parses store slot {@code slot} into view {@code v}. */
  void parseStored(short v, short slot) {
    parse(v, SRC_STORE, (short) (slot * CERT_MAX), storeLen[slot]);
    set(v, V_SLOT, slot);
  }

  boolean hasStored(short slot) {
    return storeLen[slot] != 0;
  }

  short storedOffset(short slot) {
    return (short) (slot * CERT_MAX);
  }

  short storedLength(short slot) {
    return storeLen[slot];
  }

  /** The subject key id of view {@code v}, 16 bytes at {@code out}. */
  void subjectId(short v, byte[] out, short oOff) {
    if (get(v, V_SLOT) >= 0) {
      Util.arrayCopyNonAtomic(storeId, (short) (get(v, V_SLOT) * Crypto.KEY_ID), out, oOff,
          Crypto.KEY_ID);
      return;
    }
    crypto.keyId((byte) get(v, V_ALG), arr(v), get(v, V_PK), get(v, V_PK_LEN), out, oOff);
  }

  /** Store slot (root or verified table) holding the certificate of key {@code id}, or -1. */
  short findStored(byte[] id, short idOff) {
    for (short i = 0; i < SLOTS; i++) {
      if (i != DEVICE && storeLen[i] != 0
          && Util.arrayCompare(storeId, (short) (i * Crypto.KEY_ID), id, idOff, Crypto.KEY_ID) == 0) {
        return i;
      }
    }
    return -1;
  }

  /** True when view {@code v} has the same signed body as store slot {@code slot}. */
  private boolean sameBody(short v, short slot) {
    short off = (short) (slot * CERT_MAX);
    short body = (short) (storeLen[slot] - Crypto.SIG);
    return body == get(v, V_BODY)
        && Util.arrayCompare(arr(v), get(v, V_OFF), store, off, body) == 0;
  }

  // --- offered certificates (the chain a message carries)

  /** Remembers the certificates a message offers (offsets in io) and their key ids. */
  void offer(short count, short[] f, short offIdx, short lenIdx) {
    offered[0] = count;
    for (short i = 0; i < count; i++) {
      short off = f[(short) (offIdx + i)];
      short len = f[(short) (lenIdx + i)];
      offered[(short) (1 + i)] = off;
      offered[(short) (1 + MAX_OFFERED + i)] = len;
      parse(CUR, SRC_IO, off, len);
      subjectId(CUR, s, (short) (w + i * Crypto.KEY_ID));
    }
  }

  void offerNone() {
    offered[0] = 0;
  }

  /**
   * Finds the certificate of key id {@code idArr[idOff..+16)} and parses it
   * into view {@code v}: the root and the verified table first, then the offered chain. False when
   * none is known.
   */
  boolean find(byte[] idArr, short idOff, short v) {
    short slot = findStored(idArr, idOff);
    if (slot >= 0) {
      parseStored(v, slot);
      return true;
    }
    for (short i = 0; i < offered[0]; i++) {
      if (Util.arrayCompare(s, (short) (w + i * Crypto.KEY_ID), idArr, idOff, Crypto.KEY_ID) == 0) {
        parse(v, SRC_IO, offered[(short) (1 + i)], offered[(short) (1 + MAX_OFFERED + i)]);
        return true;
      }
    }
    return false;
  }

  /** Copies view {@code from} to view {@code to}. */
  void copyView(short from, short to) {
    for (short i = 0; i < V_FIELDS; i++) {
      set(to, i, get(from, i));
    }
  }

  // --- chain validation

  /**
   * Validates the certificate in view {@code v} for {@code role} at the time at {@code t[tOff]}
   * (pki.TrustStore.validate): every certificate to the root valid then, of the role its place
   * needs, not revoked, and signed by its issuer. Throws the reason's status word. With
   * {@code cache} the verified offered certificates go into the table at once; else the caller
   * may {@link #remember} them once its own checks passed.
   */
  void validate(short v, short role, byte[] t, short tOff, boolean cache) {
    if (get(v, V_ROLE) != role) {
      ISOException.throwIt(Sw.WRONG_ROLE);
    }
    walked[0] = 0;
    copyView(v, CUR);
    // an offered certificate identical to a stored one is the stored one: no signature check
    if (get(CUR, V_SLOT) < 0) {
      subjectId(CUR, s, (short) (w + 64));
      short slot = findStored(s, (short) (w + 64));
      if (slot >= 0 && sameBody(CUR, slot)) {
        parseStored(CUR, slot);
      }
    }
    for (short depth = 0; ; depth++) {
      if (depth > MAX_DEPTH) {
        ISOException.throwIt(Sw.CHAIN_INVALID);
      }
      byte[] b = arr(CUR);
      if (Num.cmp(t, tOff, b, get(CUR, V_NB), (short) 8) < 0) {
        ISOException.throwIt(Sw.NOT_YET_VALID);
      }
      if (Num.cmp(t, tOff, b, get(CUR, V_NA), (short) 8) > 0) {
        ISOException.throwIt(Sw.EXPIRED);
      }
      subjectId(CUR, s, (short) (w + 64));
      if (isRevoked(s, (short) (w + 64))) {
        ISOException.throwIt(Sw.REVOKED);
      }
      if (get(CUR, V_SLOT) == ROOT || (storeLen[ROOT] != 0 && sameBody(CUR, ROOT))) {
        break;
      }
      if (get(CUR, V_ROLE) == ROLE_ROOT) {
        ISOException.throwIt(Sw.UNKNOWN_ISSUER);
      }
      short issuerOff = get(CUR, V_ISSUER);
      Util.arrayCopyNonAtomic(b, issuerOff, s, (short) (w + 64), Crypto.KEY_ID);
      if (!find(s, (short) (w + 64), NEXT)) {
        ISOException.throwIt(Sw.UNKNOWN_ISSUER);
      }
      if (get(NEXT, V_ROLE) != issuerRole(get(CUR, V_ROLE))) {
        ISOException.throwIt(Sw.CHAIN_INVALID);
      }
      if (get(CUR, V_SLOT) < 0) {
        if (get(NEXT, V_ALG) != ALG_P256 || !crypto.verify(arr(NEXT), get(NEXT, V_PK), b,
            get(CUR, V_OFF), get(CUR, V_BODY), b, get(CUR, V_SIG))) {
          ISOException.throwIt(Sw.BAD_SIGNATURE);
        }
      }
      short n = walked[0];
      walked[(short) (1 + 3 * n)] = get(CUR, V_SLOT);
      walked[(short) (2 + 3 * n)] = get(CUR, V_OFF);
      walked[(short) (3 + 3 * n)] = get(CUR, V_LEN);
      walked[0] = (short) (n + 1);
      copyView(NEXT, CUR);
    }
    if (cache) {
      remember(false);
    }
  }

  static short issuerRole(short role) {
    if (role == ROLE_ROOT || role == ROLE_CA) {
      return ROLE_ROOT;
    }
    if (role == ROLE_DEVICE) {
      return ROLE_ATTESTATION;
    }
    return ROLE_CA;
  }

  /**
   * Stores the offered certificates of the last validated chain in the verified table, so later
   * chains through them need no signature check; {@code pin} keeps them for good (the device
   * chain). Writes only free slots or ones no key of this card needs; a full table just skips.
   */
  void remember(boolean pin) {
    for (short i = 0; i < walked[0]; i++) {
      short slot = walked[(short) (1 + 3 * i)];
      if (slot >= 0) {
        if (pin && slot >= FIRST_KNOWN) {
          storeFlags[slot] = FLAG_PINNED;
        }
        continue;
      }
      short off = walked[(short) (2 + 3 * i)];
      short len = walked[(short) (3 + 3 * i)];
      if (len > CERT_MAX) {
        continue;
      }
      parse(CUR, SRC_IO, off, len);
      if (get(CUR, V_ROLE) == ROLE_DEVICE) {
        continue; // device certificates issue nothing; the card's own has its slot
      }
      subjectId(CUR, s, (short) (w + 64));
      if (findStored(s, (short) (w + 64)) >= 0) {
        continue;
      }
      short target = -1;
      for (short k = FIRST_KNOWN; k < SLOTS && target < 0; k++) {
        if (storeLen[k] == 0) {
          target = k;
        }
      }
      for (short k = FIRST_KNOWN; k < SLOTS && target < 0; k++) {
        if (storeFlags[k] != FLAG_PINNED
            && !pins.needs(storeId, (short) (k * Crypto.KEY_ID))) {
          target = k;
        }
      }
      if (target < 0) {
        continue;
      }
      storeLen[target] = 0; // a single-short write: the slot is empty until it is complete
      Util.arrayCopyNonAtomic(io, off, store, (short) (target * CERT_MAX), len);
      Util.arrayCopyNonAtomic(s, (short) (w + 64), storeId, (short) (target * Crypto.KEY_ID),
          Crypto.KEY_ID);
      storeFlags[target] = pin ? FLAG_PINNED : 0;
      storeLen[target] = len;
    }
  }

  /** Whether a key id in the verified table is still needed by the card (payment keys, log). */
  public interface PinCheck {
    boolean needs(byte[] id, short idOff);
  }

  /** Installs a certificate from io in a fixed slot (root, device): inside the caller's transaction. */
  void install(short slot, short off, short len, short v) {
    Util.arrayCopy(io, off, store, (short) (slot * CERT_MAX), len);
    subjectId(v, s, (short) (w + 64));
    Util.arrayCopy(s, (short) (w + 64), storeId, (short) (slot * Crypto.KEY_ID), Crypto.KEY_ID);
    storeLen[slot] = len;
  }

  /** Whether the issuer of the certificate in store slot {@code slot} is the key {@code id}. */
  boolean issuedBy(short slot, byte[] id, short idOff) {
    parseStored(CUR, slot);
    return Util.arrayCompare(store, get(CUR, V_ISSUER), id, idOff, Crypto.KEY_ID) == 0;
  }

  /**
   * Writes at {@code io[p]} the token chain of a certifier key: u8 count, then the certifier's
   * certificate and the stored ones up to (not including) the root, each u16-prefixed
   * (pki.TrustStore.chainFor). Returns the new end.
   */
  short writeChain(byte[] id, short idOff, short p) {
    short countAt = p;
    p++;
    short count = 0;
    Util.arrayCopyNonAtomic(id, idOff, s, (short) (w + 80), Crypto.KEY_ID);
    for (short depth = 0; depth < MAX_DEPTH; depth++) {
      short slot = findStored(s, (short) (w + 80));
      if (slot < 0 || slot == ROOT) {
        break;
      }
      short len = storeLen[slot];
      Util.setShort(io, p, len);
      Util.arrayCopyNonAtomic(store, (short) (slot * CERT_MAX), io, (short) (p + 2), len);
      p = (short) (p + 2 + len);
      count++;
      parseStored(CUR, slot);
      Util.arrayCopyNonAtomic(store, get(CUR, V_ISSUER), s, (short) (w + 80), Crypto.KEY_ID);
    }
    io[countAt] = (byte) count;
    return p;
  }

  // --- revocation

  boolean isRevoked(byte[] id, short idOff) {
    if (rev[R_PRESENT] == 0) {
      return false;
    }
    short n = Util.getShort(rev, R_COUNT);
    for (short i = 0; i < n; i++) {
      if (Util.arrayCompare(rev, (short) (R_IDS + i * Crypto.KEY_ID), id, idOff, Crypto.KEY_ID)
          == 0) {
        return true;
      }
    }
    return false;
  }

  boolean hasRevocationList() {
    return rev[R_PRESENT] != 0;
  }

  /** The installed list's sequence, 8 bytes at rev[offset]. */
  short revocationSequenceOffset() {
    return R_SEQ;
  }

  /** Installs a verified list (inside the caller's transaction). */
  void installRevocations(short seqOff, short idsOff, short count) {
    Util.arrayCopy(io, seqOff, rev, R_SEQ, (short) 8);
    Util.setShort(rev, R_COUNT, count);
    if (count > 0) {
      Util.arrayCopy(io, idsOff, rev, R_IDS, (short) (count * Crypto.KEY_ID));
    }
    rev[R_PRESENT] = 1;
  }

  /** Forgets the certificate table entries that are not pinned (never needed for security). */
  void clear() {
    for (short i = 0; i < SLOTS; i++) {
      storeLen[i] = 0;
      storeFlags[i] = 0;
    }
  }
}
