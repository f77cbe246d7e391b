package org.artcash.monebox.applet;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.CardRuntimeException;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.SystemException;
import javacard.framework.TransactionException;
import javacard.framework.Util;
import javacard.security.CryptoException;
import javacard.security.ECPrivateKey;
import javacard.security.ECPublicKey;
import javacard.security.KeyBuilder;
import javacard.security.KeyPair;
import javacardx.apdu.ExtendedLength;

/**
 * The MonEbox as a Java Card 3.0.5 applet (de Jong 2024, sec. 4.2): it holds the balance, the
 * device key, the pseudonym, the root of trust, the payment keys and their certificates, the
 * bindings, the idempotency log of recent payments and the redemption table, and does every
 * operation of the {@code MonEbox} interface as an APDU (docs/CARD.md). Every state change is
 * checked first and then written in one transaction; nothing is allocated after install.
 */
public final class MonEboxApplet extends Applet implements ExtendedLength, Trust.PinCheck {
  // --- classes and instructions (docs/CARD.md, "Commands")
  static final byte CLA_ISO = 0x00;
  static final byte CLA_PROPRIETARY = (byte) 0x80;
  static final byte CLA_CHAINING = 0x10;

  static final byte INS_STATUS = 0x10;
  static final byte INS_ERROR_DETAIL = 0x12;
  static final byte INS_GENERATE_DEVICE_KEY = 0x20;
  static final byte INS_PERSONALISE = 0x22;
  static final byte INS_GET_CERTIFICATE = 0x24;
  static final byte INS_PRESS_BUTTON = 0x30;
  static final byte INS_BIND = 0x32;
  static final byte INS_SET_THRESHOLD = 0x34;
  static final byte INS_PAY = 0x40;
  static final byte INS_REDEEM = 0x42;
  static final byte INS_BALANCE = 0x44;
  static final byte INS_REQUEST_CERTIFICATION = 0x50;
  static final byte INS_INSTALL_CERTIFICATE = 0x52;
  static final byte INS_REQUEST_ARTS = 0x54;
  static final byte INS_UPDATE_REVOCATIONS = 0x56;
  static final byte INS_EXECUTE_ORDER = 0x60;
  static final byte INS_TAMPER = 0x70;
  static final byte INS_RECOVERY_STATEMENT = 0x72;
  static final byte INS_GET_RESPONSE = (byte) 0xC0;
  static final byte INS_GET_DATA = (byte) 0xCA;

  // --- life cycle (monebox.DeviceState codes)
  static final byte STATE_BLANK = 0;
  static final byte STATE_KEYED = 1;
  static final byte STATE_ACTIVE = 2;
  static final byte STATE_DISABLED = 3;

  static final byte SLOT_EMPTY = 0;
  static final byte SLOT_PENDING = 1;
  static final byte SLOT_CERTIFIED = 2;

  /**
   * The simulated button and tamper signal: APDUs in this build. A production build sets this to
   * false and takes both from the MonEbox's own processor (docs/CARD.md, "Button and tamper").
   */
  static final boolean SIMULATED_SIGNALS = true;

  static final byte VERSION_MAJOR = 1;
  static final byte VERSION_MINOR = 0;
  static final short FEATURE_EXTENDED_LENGTH = 0x0001;
  static final short FEATURE_COMMAND_CHAINING = 0x0002;
  static final short FEATURE_GET_RESPONSE = 0x0004;
  static final short FEATURE_SIMULATED_SIGNALS = 0x0008;

  // --- capacities
  public static final short IO_SIZE = 6144;
  /** Largest PAY or REDEEM data: the answer (at most 2600 bytes) is built behind it in io. */
  public static final short PAYMENT_INPUT_MAX = 3500;
  public static final short MAX_BINDINGS = 8;
  public static final short PAYMENT_KEYS = 4;
  public static final short MAX_PAID = 8;
  public static final short MAX_REDEMPTIONS = 64;
  static final short MAX_COMMITTEE = 16;
  static final short MAX_ORDER_BODY = 64;
  /** Our own records: 455-byte body + 64-byte signature under a 2048-bit certifier. */
  static final short OWN_RECORD = 519;
  static final short OWN_PKC = 373;

  // --- persistent scalars: nv[] offsets
  private static final short NV_STATE = 0;
  private static final short NV_PERSONALISED = 1;
  private static final short NV_DEVICE_ID = 2;
  private static final short NV_DEVICE_CLASS = 18;
  private static final short NV_ISSUER_DEVICE = 19;
  private static final short NV_PSEUDONYM = 20;
  private static final short NV_CURRENCY = 36;
  private static final short NV_ISSUER_THRESHOLD = 39;
  private static final short NV_MAX_BINDINGS = 47;
  private static final short NV_BALANCE = 48;
  private static final short NV_TRUSTED = 56;
  private static final short NV_THRESHOLD = 64;
  private static final short NV_PAID_COUNT = 72;
  private static final short NV_PAID_SPARE = 73;
  private static final short NV_PAID_ORDER = 74;
  private static final short NV_LEDGER = 82;
  private static final short NV_COMMITTEE_N = 83;
  private static final short NV_QUORUM = 84;
  private static final short NV_LAST_ORDER = 85;
  private static final short NV_ISSUED = 93;
  private static final short NV_DESTROYED = 101;
  private static final short NV_LAST_BODY_LEN = 109;
  private static final short NV_LAST_BODY = 110;
  private static final short NV_SIZE = (short) (NV_LAST_BODY + MAX_ORDER_BODY);

  // binding slots
  private static final short B_USED = 0;
  private static final short B_KEY = 1;
  private static final short B_COUNTER = 33;
  private static final short B_LIMIT = 37;
  private static final short B_SIZE = 45;

  // payment key slots
  private static final short S_STATE = 0;
  private static final short S_CERTIFIER = 1;
  private static final short S_CLASS = 17;
  private static final short S_NOT_BEFORE = 35;
  private static final short S_NOT_AFTER = 43;
  private static final short S_KEY_USE = 51;
  private static final short S_REQ_HASH = 55;
  private static final short S_REQ_TIME = 87;
  private static final short S_NONCE = 95;
  private static final short S_PREFIX = 111;
  private static final short S_PK_ID = 143;
  private static final short S_EXP_LEN = 159;
  private static final short S_EXP = 160;
  private static final short S_MODULUS = 164;
  private static final short S_R = 420;
  private static final short S_BLINDED = 676;
  private static final short S_SIG = 932;
  private static final short SLOT_SIZE = 1188;

  // idempotency log entries
  private static final short P_HASH = 0;
  private static final short P_REC_LEN = 32;
  private static final short P_REC = 34;
  private static final short PAID_SIZE = (short) (P_REC + OWN_RECORD);

  // redemption table entries
  private static final short R_USED = 0;
  private static final short R_ART = 1;
  private static final short R_REDEEMED = 17;
  private static final short R_UNTIL = 25;
  private static final short R_SIZE = 33;

  // --- transient scratch layout
  private static final short SC_RSA = 0;
  private static final short SC_CRYPTO = BlindRsa.WINDOW;
  private static final short SC_TRUST = (short) (SC_CRYPTO + Crypto.WINDOW);
  private static final short SC_ART = (short) (SC_TRUST + Trust.WINDOW);
  private static final short SC_APP = (short) (SC_ART + Art.WINDOW);
  private static final short A_HASH = SC_APP;
  private static final short A_MAC = (short) (SC_APP + 32);
  private static final short A_MSG = (short) (SC_APP + 64);
  private static final short A_NOW = (short) (SC_APP + 160);
  private static final short A_TRUSTED = (short) (SC_APP + 168);
  private static final short A_AGG = (short) (SC_APP + 176);
  private static final short A_TMP = (short) (SC_APP + 184);
  private static final short A_BAL = (short) (SC_APP + 192);
  private static final short A_ID = (short) (SC_APP + 200);
  private static final short A_ID2 = (short) (SC_APP + 216);
  private static final short A_KEY_USE = (short) (SC_APP + 232);
  private static final short A_CLASS = (short) (SC_APP + 236);
  private static final short A_HEAD = (short) (SC_APP + 256);
  private static final short A_X = (short) (SC_APP + 264);
  private static final short A_KEY = (short) (SC_APP + 296);
  private static final short A_PT = (short) (SC_APP + 328);
  private static final short A_PREFIX = (short) (SC_APP + 400);
  private static final short A_NONCE = (short) (SC_APP + 432);
  private static final short A_SUM = (short) (SC_APP + 448);
  private static final short SCRATCH_SIZE = (short) (SC_APP + 464);

  // transient transport state: vars[]
  private static final short V_IN_LEN = 0;
  private static final short V_CHAIN_INS = 1;
  private static final short V_CHAIN_P1P2 = 2;
  private static final short V_OUT_OFF = 3;
  private static final short V_OUT_LEN = 4;
  private static final short V_DETAIL = 5;
  private static final short V_MEMORY = 8;
  private static final short V_SIZE = 10;

  private static final byte[] BIND_LABEL = {'a', 'r', 't', 'c', 'a', 's', 'h', '-', 'b', 'i', 'n',
      'd', 'i', 'n', 'g', '-', 'v', '1'};
  private static final byte[] APPROVE_LABEL = {'a', 'r', 't', 'c', 'a', 's', 'h', '-', 'a', 'p',
      'p', 'r', 'o', 'v', 'e', '-', 'v', '1'};
  /** PaymentInstruction as the PAY command carries it before the payment request. */
  private static final short PI_BINDING = 0;
  private static final short PI_COUNTER = 1;
  private static final short PI_AMOUNT = 5;
  private static final short PI_TIME = 13;
  private static final short PI_MAC = 21;
  private static final short PI_REQUEST = 53;

  private final byte[] nv;
  private final byte[] committee;
  private final byte[] bindings;
  private final byte[] slots;
  private final byte[] paid;
  private final byte[] redemptions;
  private final byte[] io;
  private final KeyPair deviceKey;
  private final KeyPair ephemeral;
  private final KeyPair[] paymentKeys;

  private final byte[] scratch;
  private final short[] vars;
  /** [0]: the owner pressed the button; a card reset forgets it. */
  private final boolean[] button;

  private final Codec codec;
  private final Crypto crypto;
  private final BlindRsa rsa;
  private final Trust trust;
  private final Art art;

  private MonEboxApplet() {
    nv = new byte[NV_SIZE];
    committee = new byte[(short) (MAX_COMMITTEE * P256.POINT_LENGTH)];
    bindings = new byte[(short) (MAX_BINDINGS * B_SIZE)];
    slots = new byte[(short) (PAYMENT_KEYS * SLOT_SIZE)];
    paid = new byte[(short) ((MAX_PAID + 1) * PAID_SIZE)];
    redemptions = new byte[(short) (MAX_REDEMPTIONS * R_SIZE)];
    io = new byte[IO_SIZE];
    deviceKey = newKeyPair();
    ephemeral = newKeyPair();
    paymentKeys = new KeyPair[PAYMENT_KEYS];
    for (short i = 0; i < PAYMENT_KEYS; i++) {
      paymentKeys[i] = newKeyPair();
    }
    scratch = JCSystem.makeTransientByteArray(SCRATCH_SIZE, JCSystem.CLEAR_ON_DESELECT);
    vars = JCSystem.makeTransientShortArray(V_SIZE, JCSystem.CLEAR_ON_DESELECT);
    button = JCSystem.makeTransientBooleanArray((short) 1, JCSystem.CLEAR_ON_RESET);
    codec = new Codec();
    crypto = new Crypto(scratch, SC_CRYPTO);
    rsa = new BlindRsa(scratch, SC_RSA);
    trust = new Trust(io, scratch, SC_TRUST, codec, crypto, this);
    art = new Art(io, scratch, SC_ART, codec, trust, crypto, rsa);
  }

  private static KeyPair newKeyPair() {
    KeyPair kp = new KeyPair(KeyPair.ALG_EC_FP, KeyBuilder.LENGTH_EC_FP_256);
    P256.setCurve((ECPublicKey) kp.getPublic());
    P256.setCurve((ECPrivateKey) kp.getPrivate());
    return kp;
  }

  /** Install parameters are ignored (jCardSim passes none); everything is set up here. */
  public static void install(byte[] bArray, short bOffset, byte bLength) {
    new MonEboxApplet().register();
  }

  // --- dispatch

  @Override
  public void process(APDU apdu) {
    if (selectingApplet()) {
      resetTransport();
      return;
    }
    try {
      dispatch(apdu);
    } catch (ISOException e) {
      if ((short) (e.getReason() & (short) 0xFF00) != Sw.BYTES_REMAINING) {
        resetTransport();
      }
      throw e;
    } catch (CryptoException e) {
      resetTransport();
      ISOException.throwIt((short) (Sw.INTERNAL_CRYPTO | (e.getReason() & 0x0F)));
    } catch (TransactionException e) {
      resetTransport();
      ISOException.throwIt((short) (Sw.INTERNAL_TRANSACTION | (e.getReason() & 0x0F)));
    } catch (SystemException e) {
      resetTransport();
      if (e.getReason() == SystemException.NO_RESOURCE) {
        ISOException.throwIt(Sw.NOT_ENOUGH_MEMORY);
      }
      ISOException.throwIt((short) (Sw.INTERNAL_SYSTEM | (e.getReason() & 0x0F)));
    } catch (CardRuntimeException e) {
      resetTransport();
      ISOException.throwIt(Sw.INTERNAL_OTHER);
    } catch (RuntimeException e) {
      resetTransport();
      ISOException.throwIt(Sw.INTERNAL_RUNTIME);
    } finally {
      if (JCSystem.getTransactionDepth() != 0) {
        JCSystem.abortTransaction();
      }
    }
  }

  private void dispatch(APDU apdu) {
    byte[] buf = apdu.getBuffer();
    byte cla = buf[ISO7816.OFFSET_CLA];
    byte ins = buf[ISO7816.OFFSET_INS];
    byte base = (byte) (cla & ~CLA_CHAINING);
    if (ins == INS_GET_RESPONSE) {
      if (cla != CLA_ISO && cla != CLA_PROPRIETARY) {
        ISOException.throwIt(Sw.CLA_NOT_SUPPORTED);
      }
      getResponse(apdu);
      return;
    }
    if (ins == INS_GET_DATA ? cla != CLA_ISO && cla != CLA_PROPRIETARY : base != CLA_PROPRIETARY) {
      ISOException.throwIt(Sw.CLA_NOT_SUPPORTED);
    }
    vars[V_OUT_LEN] = 0;
    if (ins != INS_ERROR_DETAIL) {
      vars[V_DETAIL] = 0;
      vars[(short) (V_DETAIL + 1)] = 0;
      vars[(short) (V_DETAIL + 2)] = 0;
    }
    switch (ins) {
      case INS_GET_DATA:
        processGetData(apdu);
        return;
      case INS_STATUS:
        processStatus(apdu);
        return;
      case INS_ERROR_DETAIL:
        processErrorDetail(apdu);
        return;
      case INS_GENERATE_DEVICE_KEY:
        processGenerateDeviceKey(apdu);
        return;
      case INS_PERSONALISE:
        processPersonalise(apdu);
        return;
      case INS_GET_CERTIFICATE:
        processGetCertificate(apdu);
        return;
      case INS_PRESS_BUTTON:
        processPressButton(apdu);
        return;
      case INS_BIND:
        processBind(apdu);
        return;
      case INS_SET_THRESHOLD:
        processSetThreshold(apdu);
        return;
      case INS_PAY:
        processPay(apdu);
        return;
      case INS_REDEEM:
        processRedeem(apdu);
        return;
      case INS_BALANCE:
        processBalance(apdu);
        return;
      case INS_REQUEST_CERTIFICATION:
        processRequestCertification(apdu);
        return;
      case INS_INSTALL_CERTIFICATE:
        processInstallCertificate(apdu);
        return;
      case INS_REQUEST_ARTS:
        processRequestArts(apdu);
        return;
      case INS_UPDATE_REVOCATIONS:
        processUpdateRevocations(apdu);
        return;
      case INS_EXECUTE_ORDER:
        processExecuteOrder(apdu);
        return;
      case INS_TAMPER:
        processTamper(apdu);
        return;
      case INS_RECOVERY_STATEMENT:
        processRecoveryStatement(apdu);
        return;
      default:
        ISOException.throwIt(Sw.INS_NOT_SUPPORTED);
    }
  }

  // --- transport: command chaining in, extended length or GET RESPONSE out

  private void resetTransport() {
    vars[V_CHAIN_INS] = 0;
    vars[V_IN_LEN] = 0;
    vars[V_OUT_LEN] = 0;
  }

  private static void p1p2(APDU apdu, short expected) {
    if (Util.getShort(apdu.getBuffer(), ISO7816.OFFSET_P1) != expected) {
      ISOException.throwIt(Sw.WRONG_P1P2);
    }
  }

  /**
   * Receives the command data into io, appending the parts of a chain (CLA bit 0x10). Returns the
   * whole length, or -1 after a chained part (answered 9000). Lengths outside min..max: 6700.
   */
  private short input(APDU apdu, short min, short max) {
    byte[] buf = apdu.getBuffer();
    boolean chained = (buf[ISO7816.OFFSET_CLA] & CLA_CHAINING) != 0;
    short ins = (short) (buf[ISO7816.OFFSET_INS] & 0xFF);
    short p1p2 = Util.getShort(buf, ISO7816.OFFSET_P1);
    short at = 0;
    if (vars[V_CHAIN_INS] != 0) {
      if (vars[V_CHAIN_INS] != (short) (ins + 1) || vars[V_CHAIN_P1P2] != p1p2) {
        resetTransport();
        ISOException.throwIt(Sw.LAST_COMMAND_EXPECTED);
      }
      at = vars[V_IN_LEN];
    }
    short got = apdu.setIncomingAndReceive();
    short lc = apdu.getIncomingLength();
    if (lc < 0 || lc > (short) (IO_SIZE - at)) {
      resetTransport();
      ISOException.throwIt(Sw.NOT_ENOUGH_MEMORY);
    }
    short dataOff = apdu.getOffsetCdata();
    while (got > 0) {
      Util.arrayCopyNonAtomic(buf, dataOff, io, at, got);
      at = (short) (at + got);
      got = apdu.receiveBytes(dataOff);
    }
    if (chained) {
      vars[V_CHAIN_INS] = (short) (ins + 1);
      vars[V_CHAIN_P1P2] = p1p2;
      vars[V_IN_LEN] = at;
      return -1;
    }
    vars[V_CHAIN_INS] = 0;
    vars[V_IN_LEN] = 0;
    if (at < min || at > max) {
      ISOException.throwIt(Sw.WRONG_LENGTH);
    }
    return at;
  }

  /** A command without data: no chaining, Lc absent or 0. */
  private void noInput(APDU apdu) {
    if ((apdu.getBuffer()[ISO7816.OFFSET_CLA] & CLA_CHAINING) != 0) {
      ISOException.throwIt(Sw.CHAINING_NOT_SUPPORTED);
    }
    if (vars[V_CHAIN_INS] != 0) {
      resetTransport();
      ISOException.throwIt(Sw.LAST_COMMAND_EXPECTED);
    }
    if (apdu.setIncomingAndReceive() != 0 || apdu.getIncomingLength() != 0) {
      ISOException.throwIt(Sw.WRONG_LENGTH);
    }
  }

  /** Sends io[off..off+len); what does not fit in Le waits for GET RESPONSE (61xx). */
  private void respond(APDU apdu, short off, short len) {
    vars[V_OUT_OFF] = off;
    vars[V_OUT_LEN] = len;
    if (len > 0) {
      sendPending(apdu);
    }
  }

  private void sendPending(APDU apdu) {
    short le = apdu.setOutgoing();
    short n = vars[V_OUT_LEN];
    if (le < n) {
      n = le;
    }
    apdu.setOutgoingLength(n);
    if (n > 0) {
      apdu.sendBytesLong(io, vars[V_OUT_OFF], n);
    }
    vars[V_OUT_OFF] = (short) (vars[V_OUT_OFF] + n);
    vars[V_OUT_LEN] = (short) (vars[V_OUT_LEN] - n);
    short rest = vars[V_OUT_LEN];
    if (rest > 0) {
      ISOException.throwIt((short) (Sw.BYTES_REMAINING | (rest > 255 ? 0 : rest)));
    }
  }

  private void getResponse(APDU apdu) {
    p1p2(apdu, (short) 0);
    if (vars[V_OUT_LEN] <= 0) {
      ISOException.throwIt(Sw.CONDITIONS_NOT_SATISFIED);
    }
    sendPending(apdu);
  }

  // --- state helpers

  private byte state() {
    return nv[NV_STATE];
  }

  private boolean personalised() {
    return nv[NV_PERSONALISED] != 0;
  }

  private void requireActive() {
    if (state() == STATE_DISABLED) {
      ISOException.throwIt(Sw.DISABLED);
    }
    if (state() != STATE_ACTIVE) {
      ISOException.throwIt(Sw.WRONG_STATE);
    }
  }

  private void requirePersonalised() {
    if (!personalised()) {
      ISOException.throwIt(Sw.WRONG_STATE);
    }
  }

  /** now = max(trusted time, the host time at io[off]) into scratch A_NOW (PROTOCOL.md sec. 5). */
  private void later(short hostOff) {
    Num.max64(nv, NV_TRUSTED, io, hostOff, scratch, A_NOW);
  }

  /** Writes a 65-byte public key point at out[off]. */
  private static void point(KeyPair kp, byte[] out, short off) {
    ((ECPublicKey) kp.getPublic()).getW(out, off);
  }

  // --- GET DATA, status, error detail

  private void processGetData(APDU apdu) {
    p1p2(apdu, (short) 0);
    noInput(apdu);
    short p = 0;
    io[p++] = VERSION_MAJOR;
    io[p++] = VERSION_MINOR;
    short features = (short) (FEATURE_EXTENDED_LENGTH | FEATURE_COMMAND_CHAINING
        | FEATURE_GET_RESPONSE);
    if (SIMULATED_SIGNALS) {
      features |= FEATURE_SIMULATED_SIGNALS;
    }
    p = Util.setShort(io, p, features);
    io[p++] = state();
    vars[V_MEMORY] = 0;
    vars[(short) (V_MEMORY + 1)] = 0;
    JCSystem.getAvailableMemory(vars, V_MEMORY, JCSystem.MEMORY_TYPE_PERSISTENT);
    if (vars[V_MEMORY] == 0 && vars[(short) (V_MEMORY + 1)] == 0) {
      // a platform without the 32-bit form (jCardSim): the 16-bit one, capped at 32767
      vars[(short) (V_MEMORY + 1)] = JCSystem.getAvailableMemory(JCSystem.MEMORY_TYPE_PERSISTENT);
    }
    p = Util.setShort(io, p, vars[V_MEMORY]);
    p = Util.setShort(io, p, vars[(short) (V_MEMORY + 1)]);
    p = Util.setShort(io, p, JCSystem.getAvailableMemory(JCSystem.MEMORY_TYPE_TRANSIENT_DESELECT));
    p = Util.setShort(io, p, JCSystem.getAvailableMemory(JCSystem.MEMORY_TYPE_TRANSIENT_RESET));
    p = Util.setShort(io, p, IO_SIZE);
    io[p++] = (byte) MAX_BINDINGS;
    io[p++] = (byte) PAYMENT_KEYS;
    io[p++] = (byte) MAX_PAID;
    p = Util.setShort(io, p, MAX_REDEMPTIONS);
    io[p++] = (byte) Trust.KNOWN;
    p = Util.setShort(io, p, Trust.REVOKED_MAX);
    respond(apdu, (short) 0, p);
  }

  private void processErrorDetail(APDU apdu) {
    p1p2(apdu, (short) 0);
    noInput(apdu);
    short p = 0;
    for (short i = 0; i < 3; i++) {
      p = Util.setShort(io, p, vars[(short) (V_DETAIL + i)]);
    }
    respond(apdu, (short) 0, p);
  }

  private void processStatus(APDU apdu) {
    p1p2(apdu, (short) 0);
    noInput(apdu);
    short p = 0;
    io[p++] = state();
    io[p++] = nv[NV_PERSONALISED];
    if (personalised()) {
      p = Util.arrayCopyNonAtomic(nv, NV_DEVICE_ID, io, p, (short) 18); // id, class, issuer
      p = Util.arrayCopyNonAtomic(nv, NV_PSEUDONYM, io, p, (short) 19); // pseudonym, currency
      p = Util.arrayCopyNonAtomic(nv, NV_BALANCE, io, p, (short) 8);
    }
    p = Util.arrayCopyNonAtomic(nv, NV_TRUSTED, io, p, (short) 8);
    io[p++] = (byte) bindingCount();
    p = Util.arrayCopyNonAtomic(nv, NV_THRESHOLD, io, p, (short) 8);
    short countAt = p++;
    short count = 0;
    for (short i = 0; i < PAYMENT_KEYS; i++) {
      if (slots[slot(i, S_STATE)] != SLOT_EMPTY) {
        p = keyInfo(i, p);
        count++;
      }
    }
    io[countAt] = (byte) count;
    io[p++] = nv[NV_LEDGER];
    if (nv[NV_LEDGER] != 0) {
      p = Util.arrayCopyNonAtomic(nv, NV_ISSUED, io, p, (short) 8);
      p = Util.arrayCopyNonAtomic(nv, NV_DESTROYED, io, p, (short) 8);
      p = Util.arrayCopyNonAtomic(nv, NV_LAST_ORDER, io, p, (short) 8);
    }
    respond(apdu, (short) 0, p);
  }

  /** One payment key's information (44 bytes): slot, certifier, certified, class, limits, uses. */
  private short keyInfo(short i, short p) {
    io[p++] = (byte) i;
    p = Util.arrayCopyNonAtomic(slots, slot(i, S_CERTIFIER), io, p, Crypto.KEY_ID);
    io[p++] = (byte) (slots[slot(i, S_STATE)] == SLOT_CERTIFIED ? 1 : 0);
    p = Util.arrayCopyNonAtomic(slots, slot(i, (short) (S_CLASS + Art.CLS_ID)), io, p, (short) 2);
    p = Util.arrayCopyNonAtomic(slots, slot(i, (short) (S_CLASS + Art.CLS_MAX_SINGLE)), io, p,
        (short) 8);
    p = Util.arrayCopyNonAtomic(slots, slot(i, (short) (S_CLASS + Art.CLS_MAX_PAYMENTS)), io, p,
        (short) 4);
    p = Util.arrayCopyNonAtomic(slots, slot(i, S_KEY_USE), io, p, (short) 4);
    p = Util.arrayCopyNonAtomic(slots, slot(i, S_NOT_AFTER), io, p, (short) 8);
    return p;
  }

  private short bindingCount() {
    short n = 0;
    for (short i = 0; i < MAX_BINDINGS; i++) {
      if (bindings[(short) (i * B_SIZE + B_USED)] != 0) {
        n++;
      }
    }
    return n;
  }

  private static short slot(short i, short field) {
    return (short) (i * SLOT_SIZE + field);
  }

  private void processBalance(APDU apdu) {
    p1p2(apdu, (short) 0);
    noInput(apdu);
    requirePersonalised();
    short p = Util.arrayCopyNonAtomic(nv, NV_CURRENCY, io, (short) 0, (short) 3);
    p = Util.arrayCopyNonAtomic(nv, NV_BALANCE, io, p, (short) 8);
    respond(apdu, (short) 0, p);
  }

  // --- life cycle

  /** BLANK to KEYED; in KEYED the same key again, so a lost reply does not strand the device. */
  private void processGenerateDeviceKey(APDU apdu) {
    p1p2(apdu, (short) 0);
    noInput(apdu);
    if (state() != STATE_BLANK && state() != STATE_KEYED) {
      ISOException.throwIt(Sw.WRONG_STATE);
    }
    if (state() == STATE_BLANK) {
      deviceKey.genKeyPair();
      JCSystem.beginTransaction();
      nv[NV_STATE] = STATE_KEYED;
      JCSystem.commitTransaction();
    }
    point(deviceKey, io, (short) 0);
    respond(apdu, (short) 0, P256.POINT_LENGTH);
  }

  /**
   * KEYED to ACTIVE. Data: var root, u8 n + n var chain certificates, var device certificate,
   * pseudonym (16), currency (3), u64 button threshold, u8 max bindings, bool committee [u8 n, n
   * points, u8 quorum], time.
   */
  private void processPersonalise(APDU apdu) {
    p1p2(apdu, (short) 0);
    short len = input(apdu, (short) 1, IO_SIZE);
    if (len < 0) {
      return;
    }
    if (state() != STATE_KEYED) {
      ISOException.throwIt(Sw.WRONG_STATE);
    }
    short[] f = art.f;
    codec.open(io, (short) 0, len);
    short root = codec.var(Art.CERT_ENCODED_MAX);
    short rootLen = codec.lastLength();
    short n = codec.u8();
    if (n > Trust.MAX_OFFERED) {
      ISOException.throwIt(Sw.CHAIN_INVALID);
    }
    for (short i = 0; i < n; i++) {
      f[(short) (Art.CHAIN + i)] = codec.var(Art.CERT_ENCODED_MAX);
      f[(short) (Art.CHAIN_LEN + i)] = codec.lastLength();
    }
    short dev = codec.var(Art.CERT_ENCODED_MAX);
    short devLen = codec.lastLength();
    short pseudonym = codec.fixed((short) 16);
    short currency = codec.currency();
    short threshold = codec.u64();
    short maxBindings = codec.u8();
    boolean hasCommittee = codec.bool();
    short members = 0;
    short memberCount = 0;
    short quorum = 0;
    if (hasCommittee) {
      memberCount = codec.u8();
      if (memberCount < 1 || memberCount > MAX_COMMITTEE) {
        ISOException.throwIt(Sw.MALFORMED);
      }
      members = codec.fixed((short) (memberCount * P256.POINT_LENGTH));
      quorum = codec.u8();
      if (quorum < 1 || quorum > memberCount) {
        ISOException.throwIt(Sw.MALFORMED);
      }
    }
    short time = codec.time();
    codec.finish();
    if (maxBindings < 1 || maxBindings > MAX_BINDINGS) {
      ISOException.throwIt(Sw.MALFORMED);
    }
    if (rootLen > Trust.CERT_MAX || devLen > Trust.CERT_MAX) {
      ISOException.throwIt(Sw.CAPACITY_EXCEEDED);
    }
    // the device certificate must certify this card's own key
    trust.parse((short) 0, Trust.SRC_IO, dev, devLen);
    point(deviceKey, scratch, A_PT);
    if (trust.get((short) 0, Trust.V_ALG) != Trust.ALG_P256
        || Util.arrayCompare(io, trust.get((short) 0, Trust.V_PK), scratch, A_PT,
        P256.POINT_LENGTH) != 0) {
      ISOException.throwIt(Sw.NOT_GENUINE_DEVICE);
    }
    Num.max64(io, trust.get((short) 0, Trust.V_NB), io, time, scratch, A_NOW);
    // root of trust: a self-signed ROOT certificate whose signature verifies
    trust.parse((short) 1, Trust.SRC_IO, root, rootLen);
    trust.subjectId((short) 1, scratch, A_ID);
    if (trust.get((short) 1, Trust.V_ROLE) != Trust.ROLE_ROOT
        || Util.arrayCompare(io, trust.get((short) 1, Trust.V_ISSUER), scratch, A_ID,
        Crypto.KEY_ID) != 0) {
      ISOException.throwIt(Sw.WRONG_ROLE);
    }
    if (!crypto.verify(io, trust.get((short) 1, Trust.V_PK), io, root,
        trust.get((short) 1, Trust.V_BODY), io, trust.get((short) 1, Trust.V_SIG))) {
      ISOException.throwIt(Sw.BAD_SIGNATURE);
    }
    // a KEYED card holds no certificates worth keeping: start the table from this root
    trust.clear();
    JCSystem.beginTransaction();
    trust.install(Trust.ROOT, root, rootLen, (short) 1);
    JCSystem.commitTransaction();
    for (short i = 0; i < n; i++) {
      trust.parse((short) 1, Trust.SRC_IO, f[(short) (Art.CHAIN + i)],
          f[(short) (Art.CHAIN_LEN + i)]);
    }
    trust.offer(n, f, Art.CHAIN, Art.CHAIN_LEN);
    trust.parse((short) 0, Trust.SRC_IO, dev, devLen);
    trust.validate((short) 0, Trust.ROLE_DEVICE, scratch, A_NOW, false);
    // device attributes: id (16), class, issuer device
    short attr = trust.get((short) 0, Trust.V_ATTR);
    short attrLen = trust.get((short) 0, Trust.V_ATTR_LEN);
    if (attrLen != 18) {
      ISOException.throwIt(attrLen < 18 ? Sw.TRUNCATED : Sw.TRAILING_BYTES);
    }
    if ((io[(short) (attr + 17)] & 0xFF) > 1) {
      ISOException.throwIt(Sw.NON_CANONICAL);
    }
    boolean issuerDevice = io[(short) (attr + 17)] == 1;
    if (hasCommittee && !issuerDevice) {
      ISOException.throwIt(Sw.NOT_ISSUER_DEVICE);
    }
    for (short i = 0; i < memberCount; i++) {
      short m = (short) (members + i * P256.POINT_LENGTH);
      if (!Fp.onCurve(io, m, scratch, SC_RSA)) {
        ISOException.throwIt(Sw.MALFORMED);
      }
      for (short j = 0; j < i; j++) {
        if (Util.arrayCompare(io, m, io, (short) (members + j * P256.POINT_LENGTH),
            P256.POINT_LENGTH) == 0) {
          ISOException.throwIt(Sw.MALFORMED);
        }
      }
    }
    // all checked: keep the device chain and write the personalisation
    trust.remember(true);
    Num.max64(nv, NV_TRUSTED, scratch, A_NOW, scratch, A_NOW);
    JCSystem.beginTransaction();
    trust.install(Trust.DEVICE, dev, devLen, (short) 0);
    Util.arrayCopy(io, attr, nv, NV_DEVICE_ID, (short) 18);
    Util.arrayCopy(io, pseudonym, nv, NV_PSEUDONYM, (short) 16);
    Util.arrayCopy(io, currency, nv, NV_CURRENCY, (short) 3);
    Util.arrayCopy(io, threshold, nv, NV_ISSUER_THRESHOLD, (short) 8);
    Util.arrayCopy(io, threshold, nv, NV_THRESHOLD, (short) 8);
    nv[NV_MAX_BINDINGS] = (byte) maxBindings;
    Util.arrayCopy(scratch, A_NOW, nv, NV_TRUSTED, (short) 8);
    if (hasCommittee) {
      Util.arrayCopy(io, members, committee, (short) 0, (short) (memberCount * P256.POINT_LENGTH));
      nv[NV_COMMITTEE_N] = (byte) memberCount;
      nv[NV_QUORUM] = (byte) quorum;
      nv[NV_LEDGER] = 1;
    }
    nv[NV_PERSONALISED] = 1;
    nv[NV_STATE] = STATE_ACTIVE;
    JCSystem.commitTransaction();
  }

  /** P1 = 1: the root of trust; P1 = 2: the device certificate. */
  private void processGetCertificate(APDU apdu) {
    byte[] buf = apdu.getBuffer();
    short which = buf[ISO7816.OFFSET_P1];
    if ((which != 1 && which != 2) || buf[ISO7816.OFFSET_P2] != 0) {
      ISOException.throwIt(Sw.WRONG_P1P2);
    }
    noInput(apdu);
    requirePersonalised();
    short slot = which == 1 ? Trust.ROOT : Trust.DEVICE;
    short len = trust.storedLength(slot);
    Util.arrayCopyNonAtomic(trust.store, trust.storedOffset(slot), io, (short) 0, len);
    respond(apdu, (short) 0, len);
  }

  // --- button, binding, threshold

  private void processPressButton(APDU apdu) {
    if (!SIMULATED_SIGNALS) {
      ISOException.throwIt(Sw.INS_NOT_SUPPORTED);
    }
    p1p2(apdu, (short) 0);
    noInput(apdu);
    requireActive();
    button[0] = true;
  }

  /** Takes the owner's press for this attempt, whatever its outcome; returns whether it was on. */
  private boolean takeButton() {
    boolean pressed = button[0];
    button[0] = false;
    return pressed;
  }

  /**
   * Binding (de Jong 2024, sec. 4.1; docs/PROTOCOL.md sec. 8). Data: host point (65), u64
   * per-payment limit. Answer: binding id, the card's ephemeral point, the device signature.
   */
  private void processBind(APDU apdu) {
    p1p2(apdu, (short) 0);
    short len = input(apdu, (short) 73, (short) 73);
    if (len < 0) {
      return;
    }
    requireActive();
    if (!takeButton()) {
      ISOException.throwIt(Sw.BUTTON_REQUIRED);
    }
    short id = -1;
    for (short i = 0; i < nv[NV_MAX_BINDINGS] && id < 0; i++) {
      if (bindings[(short) (i * B_SIZE + B_USED)] == 0) {
        id = i;
      }
    }
    if (id < 0) {
      ISOException.throwIt(Sw.BINDING_LIMIT);
    }
    codec.open(io, (short) 0, len);
    short host = codec.fixed(P256.POINT_LENGTH);
    short limit = codec.u64();
    if (!Fp.onCurve(io, host, scratch, SC_RSA)) {
      ISOException.throwIt(Sw.MALFORMED);
    }
    ephemeral.genKeyPair();
    if (!crypto.agree(ephemeral.getPrivate(), io, host, scratch, A_X)) {
      ISOException.throwIt(Sw.MALFORMED);
    }
    // transcript: label || host || ours || id, in io after the command data
    short t = 80;
    short p = Util.arrayCopyNonAtomic(BIND_LABEL, (short) 0, io, t, (short) BIND_LABEL.length);
    p = Util.arrayCopyNonAtomic(io, host, io, p, P256.POINT_LENGTH);
    short ours = p;
    point(ephemeral, io, p);
    p = (short) (p + P256.POINT_LENGTH);
    io[p++] = (byte) id;
    // binding key = SHA-256(label || x || host || ours || id)
    crypto.sha256.reset();
    crypto.sha256.update(BIND_LABEL, (short) 0, (short) BIND_LABEL.length);
    crypto.sha256.update(scratch, A_X, (short) 32);
    crypto.sha256.doFinal(io, (short) (t + BIND_LABEL.length),
        (short) (2 * P256.POINT_LENGTH + 1), scratch, A_KEY);
    Util.arrayFillNonAtomic(scratch, A_X, (short) 32, (byte) 0);
    // answer: id, ours, signature
    short out = 300;
    io[out] = (byte) id;
    Util.arrayCopyNonAtomic(io, ours, io, (short) (out + 1), P256.POINT_LENGTH);
    crypto.sign(deviceKey.getPrivate(), io, t, (short) (p - t), io,
        (short) (out + 1 + P256.POINT_LENGTH));
    short b = (short) (id * B_SIZE);
    JCSystem.beginTransaction();
    Util.arrayCopy(scratch, A_KEY, bindings, (short) (b + B_KEY), (short) 32);
    Util.arrayFillNonAtomic(scratch, A_KEY, (short) 32, (byte) 0);
    Util.arrayFillNonAtomic(scratch, A_TMP, (short) 4, (byte) 0);
    Util.arrayCopy(scratch, A_TMP, bindings, (short) (b + B_COUNTER), (short) 4);
    Util.arrayCopy(io, limit, bindings, (short) (b + B_LIMIT), (short) 8);
    bindings[(short) (b + B_USED)] = 1;
    JCSystem.commitTransaction();
    ephemeral.getPrivate().clearKey();
    P256.setCurve((ECPrivateKey) ephemeral.getPrivate());
    respond(apdu, out, (short) (1 + P256.POINT_LENGTH + Crypto.SIG));
  }

  /** Lowering is always allowed; raising (up to the issuer's threshold) needs the button. */
  private void processSetThreshold(APDU apdu) {
    p1p2(apdu, (short) 0);
    short len = input(apdu, (short) 8, (short) 8);
    if (len < 0) {
      return;
    }
    requireActive();
    boolean pressed = takeButton();
    codec.open(io, (short) 0, len);
    short t = codec.u64();
    if (Num.cmp(io, t, nv, NV_ISSUER_THRESHOLD, (short) 8) > 0) {
      ISOException.throwIt(Sw.WRONG_STATE);
    }
    if (Num.cmp(io, t, nv, NV_THRESHOLD, (short) 8) > 0 && !pressed) {
      ISOException.throwIt(Sw.BUTTON_REQUIRED);
    }
    JCSystem.beginTransaction();
    Util.arrayCopy(io, t, nv, NV_THRESHOLD, (short) 8);
    JCSystem.commitTransaction();
  }

  // --- the payment (atxr, de Jong 2024, sec. 2.3, diagram 2)

  /**
   * Data: u8 binding, u32 counter, u64 amount, u64 host time, MAC (32), then the payment request
   * (type 0x10). Answer: the transfer token (type 0x11). Checked in the order of the software
   * MonEbox's Atxr; the token is stored in the log before it leaves the card.
   */
  private void processPay(APDU apdu) {
    p1p2(apdu, (short) 0);
    short len = input(apdu, (short) (PI_REQUEST + 2), PAYMENT_INPUT_MAX);
    if (len < 0) {
      return;
    }
    byte st = state();
    if (st != STATE_ACTIVE && st != STATE_DISABLED) {
      ISOException.throwIt(Sw.WRONG_STATE);
    }
    codec.open(io, (short) 0, PI_REQUEST);
    codec.u8();
    if (Num.isZero(io, codec.fixed((short) 4), (short) 4)) {
      ISOException.throwIt(Sw.MALFORMED);
    }
    if (Num.isZero(io, codec.u64(), (short) 8)) {
      ISOException.throwIt(Sw.MALFORMED);
    }
    codec.time();
    art.parseRequest(PI_REQUEST, (short) (len - PI_REQUEST));
    art.stateHash(scratch, A_HASH);
    short earlier = findPaid();
    if (st == STATE_DISABLED) {
      // the one answer of a tampered card: the token of a payment made before (PROTOCOL sec. 8)
      if (earlier < 0 || !paidAmountIs(earlier)) {
        ISOException.throwIt(Sw.DISABLED);
      }
      respondPaid(apdu, earlier, len);
      return;
    }
    // sec. 4.1: the authorisation cryptogram is checked first
    short id = (short) (io[PI_BINDING] & 0xFF);
    short b = (short) (id * B_SIZE);
    if (id >= MAX_BINDINGS || bindings[(short) (b + B_USED)] == 0) {
      ISOException.throwIt(Sw.NOT_BOUND);
    }
    short p = Util.arrayCopyNonAtomic(APPROVE_LABEL, (short) 0, scratch, A_MSG,
        (short) APPROVE_LABEL.length);
    scratch[p++] = (byte) id;
    p = Util.arrayCopyNonAtomic(io, PI_COUNTER, scratch, p, (short) 12); // counter, amount
    p = Util.arrayCopyNonAtomic(scratch, A_HASH, scratch, p, (short) 32);
    p = Util.arrayCopyNonAtomic(io, PI_TIME, scratch, p, (short) 8);
    crypto.hmac(bindings, (short) (b + B_KEY), scratch, A_MSG, (short) (p - A_MSG), scratch, A_MAC);
    if (!Crypto.equal(scratch, A_MAC, io, PI_MAC, (short) 32)) {
      ISOException.throwIt(Sw.APPROVAL_INVALID);
    }
    boolean pressed = takeButton();
    // sec. 2.3: the same ART state again returns the stored token
    if (earlier >= 0) {
      if (!paidAmountIs(earlier)) {
        ISOException.throwIt(Sw.CONFLICTING_RETRY);
      }
      respondPaid(apdu, earlier, len);
      return;
    }
    if (Num.cmp(io, PI_COUNTER, bindings, (short) (b + B_COUNTER), (short) 4) <= 0) {
      ISOException.throwIt(Sw.APPROVAL_REPLAYED);
    }
    if (Num.cmp(io, PI_AMOUNT, nv, NV_THRESHOLD, (short) 8) > 0 && !pressed) {
      ISOException.throwIt(Sw.BUTTON_REQUIRED);
    }
    if (!Num.isZero(bindings, (short) (b + B_LIMIT), (short) 8)
        && Num.cmp(io, PI_AMOUNT, bindings, (short) (b + B_LIMIT), (short) 8) > 0) {
      ISOException.throwIt(Sw.USER_LIMIT_EXCEEDED);
    }
    if (art.get(Art.HAS_AMOUNT) != 0
        && Util.arrayCompare(io, art.get(Art.REQ_AMOUNT), io, PI_AMOUNT, (short) 8) != 0) {
      ISOException.throwIt(Sw.AMOUNT_MISMATCH);
    }
    if (Util.arrayCompare(io, art.get(Art.CURRENCY), nv, NV_CURRENCY, (short) 3) != 0) {
      ISOException.throwIt(Sw.CURRENCY_MISMATCH);
    }
    // sec. 4.1: the MonEbox checks the ART itself
    trust.offer(art.get(Art.CHAIN_N), art.f, Art.CHAIN, Art.CHAIN_LEN);
    art.verifyState();
    Num.max64(nv, NV_TRUSTED, io, art.get(Art.ISSUED), scratch, A_TRUSTED);
    Num.max64(io, PI_TIME, scratch, A_TRUSTED, scratch, A_NOW);
    if (Num.cmp(io, art.get(Art.NOT_AFTER), scratch, A_NOW, (short) 8) < 0) {
      ISOException.throwIt(Sw.EXPIRED);
    }
    short seq = art.seq();
    if (Num.cmpU16(seq, Util.getShort(io, art.get(Art.MAX_PAYMENTS))) >= 0) {
      ISOException.throwIt(Sw.ART_EXHAUSTED);
    }
    // headroom = min(max single, max aggregate - aggregate)
    if (art.get(Art.HAS_RECORD) != 0) {
      Util.arrayCopyNonAtomic(io, art.get(Art.AGGREGATE), scratch, A_AGG, (short) 8);
    } else {
      Util.arrayFillNonAtomic(scratch, A_AGG, (short) 8, (byte) 0);
    }
    Num.sub(io, art.get(Art.MAX_AGGREGATE), scratch, A_AGG, scratch, A_HEAD, (short) 8);
    if (Num.cmp(io, art.get(Art.MAX_SINGLE), scratch, A_HEAD, (short) 8) < 0) {
      Util.arrayCopyNonAtomic(io, art.get(Art.MAX_SINGLE), scratch, A_HEAD, (short) 8);
    }
    if (Num.cmp(io, PI_AMOUNT, scratch, A_HEAD, (short) 8) > 0) {
      ISOException.throwIt(Sw.ART_LIMIT_EXCEEDED);
    }
    trust.offerNone();
    short key = chooseKey();
    if (key < 0) {
      ISOException.throwIt(Sw.NO_SUITABLE_PAYMENT_KEY);
    }
    if (Num.cmp(nv, NV_BALANCE, io, PI_AMOUNT, (short) 8) < 0) {
      ISOException.throwIt(Sw.INSUFFICIENT_FUNDS);
    }
    if (!Num.add64(scratch, A_AGG, io, PI_AMOUNT, scratch, A_AGG)) {
      ISOException.throwIt(Sw.AMOUNT_OVERFLOW);
    }
    // everything checked: sign the record into the token, in io after the command data
    short out = len;
    short recAt = writeTokenHead(out);
    short recEnd = writeRecord(key, (short) (seq + 1), recAt);
    Util.setShort(io, (short) (recAt - 2), (short) (recEnd - recAt));
    short end = trust.writeChain(slots, slot(key, S_CERTIFIER), recEnd);
    // the new balance, key use and log entry, then one transaction
    Num.sub(nv, NV_BALANCE, io, PI_AMOUNT, scratch, A_BAL, (short) 8);
    Util.arrayCopyNonAtomic(slots, slot(key, S_KEY_USE), scratch, A_KEY_USE, (short) 4);
    Num.increment(scratch, A_KEY_USE, (short) 4);
    short spare = nv[NV_PAID_SPARE];
    short e = (short) (spare * PAID_SIZE);
    Util.arrayCopyNonAtomic(scratch, A_HASH, paid, (short) (e + P_HASH), (short) 32);
    Util.setShort(paid, (short) (e + P_REC_LEN), (short) (recEnd - recAt));
    Util.arrayCopyNonAtomic(io, recAt, paid, (short) (e + P_REC), (short) (recEnd - recAt));
    JCSystem.beginTransaction();
    Util.arrayCopy(scratch, A_BAL, nv, NV_BALANCE, (short) 8);
    Util.arrayCopy(scratch, A_KEY_USE, slots, slot(key, S_KEY_USE), (short) 4);
    Util.arrayCopy(io, PI_COUNTER, bindings, (short) (b + B_COUNTER), (short) 4);
    Util.arrayCopy(scratch, A_TRUSTED, nv, NV_TRUSTED, (short) 8);
    logPaid(spare);
    JCSystem.commitTransaction();
    respond(apdu, out, (short) (end - out));
  }

  /** Token header and config at io[out]; returns where the record goes (after its u16 length). */
  private short writeTokenHead(short out) {
    io[out] = 0x11;
    io[(short) (out + 1)] = 1;
    short cfgLen = art.get(Art.CFG_LEN);
    Util.setShort(io, (short) (out + 2), cfgLen);
    Util.arrayCopyNonAtomic(io, art.get(Art.CFG), io, (short) (out + 4), cfgLen);
    return (short) (out + 4 + cfgLen + 2);
  }

  /** The payment record (type 0x05) signed by payment key {@code key}, at io[p]; returns its end. */
  private short writeRecord(short key, short seq, short p) {
    short start = p;
    io[p++] = 0x05;
    io[p++] = 1;
    p = Util.arrayCopyNonAtomic(io, art.get(Art.ART_ID), io, p, (short) 16);
    p = Util.setShort(io, p, seq);
    p = Util.arrayCopyNonAtomic(io, PI_AMOUNT, io, p, (short) 8);
    p = Util.arrayCopyNonAtomic(scratch, A_AGG, io, p, (short) 8);
    p = Util.arrayCopyNonAtomic(scratch, A_NOW, io, p, (short) 8);
    p = Util.arrayCopyNonAtomic(scratch, A_HASH, io, p, (short) 32);
    Util.arrayCopyNonAtomic(slots, slot(key, S_KEY_USE), io, p, (short) 4);
    Num.increment(io, p, (short) 4);
    p = (short) (p + 4);
    p = Util.setShort(io, p, OWN_PKC);
    p = writePaymentKeyCertificate(key, p);
    crypto.sign(paymentKeys[key].getPrivate(), io, start, (short) (p - start), io, p);
    return (short) (p + Crypto.SIG);
  }

  /** The payment-key certificate (type 0x04) of slot {@code key} at io[p]; returns its end. */
  private short writePaymentKeyCertificate(short key, short p) {
    io[p++] = 0x04;
    io[p++] = 1;
    p = Util.arrayCopyNonAtomic(slots, slot(key, S_CERTIFIER), io, p, (short) 16);
    point(paymentKeys[key], io, p);
    p = (short) (p + P256.POINT_LENGTH);
    p = Util.arrayCopyNonAtomic(slots, slot(key, S_PREFIX), io, p, BlindRsa.PREFIX);
    p = Util.setShort(io, p, BlindRsa.K);
    return Util.arrayCopyNonAtomic(slots, slot(key, S_SIG), io, p, BlindRsa.K);
  }

  /**
   * The key to sign with (SoftwareMonEbox's PaymentKeys.choose): certified, of our currency, uses
   * left, within its class limit, not revoked, its certifier chain valid now; of several the one
   * with the smallest limit, then the lowest slot. -1 when none.
   */
  private short chooseKey() {
    short best = -1;
    for (short i = 0; i < PAYMENT_KEYS; i++) {
      if (slots[slot(i, S_STATE)] != SLOT_CERTIFIED
          || Util.arrayCompare(slots, slot(i, (short) (S_CLASS + Art.CLS_CURRENCY)), nv,
          NV_CURRENCY, (short) 3) != 0
          || usedUp(i)
          || Num.cmp(io, PI_AMOUNT, slots, slot(i, (short) (S_CLASS + Art.CLS_MAX_SINGLE)),
          (short) 8) > 0
          || trust.isRevoked(slots, slot(i, S_PK_ID))
          || !certifierValid(i)) {
        continue;
      }
      if (best < 0 || Num.cmp(slots, slot(i, (short) (S_CLASS + Art.CLS_MAX_SINGLE)), slots,
          slot(best, (short) (S_CLASS + Art.CLS_MAX_SINGLE)), (short) 8) < 0) {
        best = i;
      }
    }
    return best;
  }

  private boolean usedUp(short i) {
    return Num.cmp(slots, slot(i, S_KEY_USE), slots,
        slot(i, (short) (S_CLASS + Art.CLS_MAX_PAYMENTS)), (short) 4) >= 0;
  }

  /** The slot's certifier chain is valid at A_NOW (stored certificates: no signature work). */
  private boolean certifierValid(short i) {
    short c = trust.findStored(slots, slot(i, S_CERTIFIER));
    if (c < 0) {
      return false;
    }
    try {
      trust.parseStored((short) 0, c);
      trust.validate((short) 0, Trust.ROLE_CERTIFIER, scratch, A_NOW, false);
      return true;
    } catch (ISOException e) {
      return false;
    }
  }

  // --- the idempotency log

  /** Log entry (physical index) of the ART state at A_HASH, or -1. */
  private short findPaid() {
    short n = nv[NV_PAID_COUNT];
    for (short i = 0; i < n; i++) {
      short phys = nv[(short) (NV_PAID_ORDER + i)];
      if (Util.arrayCompare(paid, (short) (phys * PAID_SIZE + P_HASH), scratch, A_HASH, (short) 32)
          == 0) {
        return phys;
      }
    }
    return -1;
  }

  /** Whether the logged payment paid the amount of this instruction. */
  private boolean paidAmountIs(short phys) {
    // record: type, version, ART id (16), seq (2), amount (8)
    return Util.arrayCompare(paid, (short) (phys * PAID_SIZE + P_REC + 20), io, PI_AMOUNT,
        (short) 8) == 0;
  }

  /** The stored token again: this request's configuration, the logged record, its chain. */
  private void respondPaid(APDU apdu, short phys, short out) {
    short recAt = writeTokenHead(out);
    short e = (short) (phys * PAID_SIZE);
    short recLen = Util.getShort(paid, (short) (e + P_REC_LEN));
    Util.setShort(io, (short) (recAt - 2), recLen);
    Util.arrayCopyNonAtomic(paid, (short) (e + P_REC), io, recAt, recLen);
    short certifier = (short) (recAt + 20 + 8 + 8 + 8 + 32 + 4 + 2 + 2);
    Util.arrayCopyNonAtomic(io, certifier, scratch, A_ID2, (short) 16);
    short end = trust.writeChain(scratch, A_ID2, (short) (recAt + recLen));
    respond(apdu, out, (short) (end - out));
  }

  /** Appends the entry written at physical index {@code spare}; inside the caller's transaction. */
  private void logPaid(short spare) {
    short n = nv[NV_PAID_COUNT];
    if (n < MAX_PAID) {
      nv[(short) (NV_PAID_ORDER + n)] = (byte) spare;
      nv[NV_PAID_COUNT] = (byte) (n + 1);
      nv[NV_PAID_SPARE] = (byte) (n + 1);
    } else {
      byte evicted = nv[NV_PAID_ORDER];
      Util.arrayCopy(nv, (short) (NV_PAID_ORDER + 1), nv, NV_PAID_ORDER, (short) (MAX_PAID - 1));
      nv[(short) (NV_PAID_ORDER + MAX_PAID - 1)] = (byte) spare;
      nv[NV_PAID_SPARE] = evicted;
    }
  }

  /** Trust.PinCheck: a certificate the payment keys or the log still name must stay. */
  @Override
  public boolean needs(byte[] id, short idOff) {
    for (short i = 0; i < PAYMENT_KEYS; i++) {
      if (slots[slot(i, S_STATE)] != SLOT_EMPTY
          && Util.arrayCompare(slots, slot(i, S_CERTIFIER), id, idOff, (short) 16) == 0) {
        return true;
      }
    }
    short n = nv[NV_PAID_COUNT];
    for (short i = 0; i < n; i++) {
      short phys = nv[(short) (NV_PAID_ORDER + i)];
      if (Util.arrayCompare(paid, (short) (phys * PAID_SIZE + P_REC + 84), id, idOff, (short) 16)
          == 0) {
        return true;
      }
    }
    return false;
  }

  // --- redemption (sec. 2.3)

  /**
   * Data: the transfer token with the factory's chain (type 0x11). Answer: ART id, u64 credited,
   * u64 total redeemed, u64 balance. Credits what the ART carries beyond earlier redemptions.
   */
  private void processRedeem(APDU apdu) {
    p1p2(apdu, (short) 0);
    short len = input(apdu, (short) 2, PAYMENT_INPUT_MAX);
    if (len < 0) {
      return;
    }
    requireActive();
    art.parseToken((short) 0, len);
    if (Util.arrayCompare(io, art.get(Art.OWNER), nv, NV_PSEUDONYM, (short) 16) != 0) {
      ISOException.throwIt(Sw.FOREIGN_ART);
    }
    if (Util.arrayCompare(io, art.get(Art.CURRENCY), nv, NV_CURRENCY, (short) 3) != 0) {
      ISOException.throwIt(Sw.CURRENCY_MISMATCH);
    }
    trust.offer(art.get(Art.CHAIN_N), art.f, Art.CHAIN, Art.CHAIN_LEN);
    art.verifyState();
    Num.max64(nv, NV_TRUSTED, io, art.get(Art.ISSUED), scratch, A_TRUSTED);
    if (Num.cmp(scratch, A_TRUSTED, io, art.get(Art.REDEEM_UNTIL), (short) 8) > 0) {
      ISOException.throwIt(Sw.REDEMPTION_CLOSED);
    }
    short entry = -1;
    for (short i = 0; i < MAX_REDEMPTIONS && entry < 0; i++) {
      short r = (short) (i * R_SIZE);
      if (redemptions[(short) (r + R_USED)] != 0 && Util.arrayCompare(redemptions,
          (short) (r + R_ART), io, art.get(Art.ART_ID), (short) 16) == 0) {
        entry = i;
      }
    }
    // already = what was redeemed before; credit = aggregate - already when positive
    if (entry >= 0) {
      Util.arrayCopyNonAtomic(redemptions, (short) (entry * R_SIZE + R_REDEEMED), scratch, A_TMP,
          (short) 8);
    } else {
      Util.arrayFillNonAtomic(scratch, A_TMP, (short) 8, (byte) 0);
    }
    short out = len;
    Util.arrayCopyNonAtomic(io, art.get(Art.ART_ID), io, out, (short) 16);
    if (!Num.sub64(io, art.get(Art.AGGREGATE), scratch, A_TMP, scratch, A_SUM)
        || Num.isZero(scratch, A_SUM, (short) 8)) {
      // redeemed before, or an older state: nothing changes
      Util.arrayFillNonAtomic(io, (short) (out + 16), (short) 8, (byte) 0);
      Util.arrayCopyNonAtomic(scratch, A_TMP, io, (short) (out + 24), (short) 8);
      Util.arrayCopyNonAtomic(nv, NV_BALANCE, io, (short) (out + 32), (short) 8);
      respond(apdu, out, (short) 40);
      return;
    }
    // a free place after forgetting ARTs whose redemption window has closed
    short target = entry;
    short free = -1;
    for (short i = 0; i < MAX_REDEMPTIONS; i++) {
      if (free < 0 && (redemptions[(short) (i * R_SIZE + R_USED)] == 0 || closed(i))) {
        free = i;
      }
    }
    if (target < 0) {
      target = free;
    }
    if (target < 0) {
      ISOException.throwIt(Sw.CAPACITY_EXCEEDED);
    }
    if (!Num.add64(nv, NV_BALANCE, scratch, A_SUM, scratch, A_BAL)) {
      ISOException.throwIt(Sw.AMOUNT_OVERFLOW);
    }
    short r = (short) (target * R_SIZE);
    JCSystem.beginTransaction();
    for (short i = 0; i < MAX_REDEMPTIONS; i++) {
      if (i != entry && redemptions[(short) (i * R_SIZE + R_USED)] != 0 && closed(i)) {
        redemptions[(short) (i * R_SIZE + R_USED)] = 0;
      }
    }
    Util.arrayCopy(io, art.get(Art.ART_ID), redemptions, (short) (r + R_ART), (short) 16);
    Util.arrayCopy(io, art.get(Art.AGGREGATE), redemptions, (short) (r + R_REDEEMED), (short) 8);
    Util.arrayCopy(io, art.get(Art.REDEEM_UNTIL), redemptions, (short) (r + R_UNTIL), (short) 8);
    redemptions[(short) (r + R_USED)] = 1;
    Util.arrayCopy(scratch, A_BAL, nv, NV_BALANCE, (short) 8);
    Util.arrayCopy(scratch, A_TRUSTED, nv, NV_TRUSTED, (short) 8);
    JCSystem.commitTransaction();
    Util.arrayCopyNonAtomic(scratch, A_SUM, io, (short) (out + 16), (short) 8);
    Util.arrayCopyNonAtomic(io, art.get(Art.AGGREGATE), io, (short) (out + 24), (short) 8);
    Util.arrayCopyNonAtomic(scratch, A_BAL, io, (short) (out + 32), (short) 8);
    respond(apdu, out, (short) 40);
  }

  /** Whether entry i's redemption window closed before the new trusted time (A_TRUSTED). */
  private boolean closed(short i) {
    return Num.cmp(redemptions, (short) (i * R_SIZE + R_UNTIL), scratch, A_TRUSTED, (short) 8) < 0;
  }

  // --- credentials (sec. 3.3)

  /**
   * Data: var certifier certificate, u8 n + n var chain certificates, u64 host time. Generates a
   * payment key, blinds its certification message, seals the request (type 0x20) with the device
   * key. While a request to the same certifier waits, the same request is sealed again.
   */
  private void processRequestCertification(APDU apdu) {
    p1p2(apdu, (short) 0);
    short len = input(apdu, (short) 11, PAYMENT_INPUT_MAX);
    if (len < 0) {
      return;
    }
    requireActive();
    short[] f = art.f;
    codec.open(io, (short) 0, len);
    short cert = codec.var(Art.CERT_ENCODED_MAX);
    short certLen = codec.lastLength();
    short n = codec.u8();
    if (n > Trust.MAX_OFFERED) {
      ISOException.throwIt(Sw.LENGTH_OVER_LIMIT);
    }
    for (short i = 0; i < n; i++) {
      f[(short) (Art.CHAIN + i)] = codec.var(Art.CERT_ENCODED_MAX);
      f[(short) (Art.CHAIN_LEN + i)] = codec.lastLength();
    }
    short host = codec.time();
    codec.finish();
    later(host);
    trust.offer(n, f, Art.CHAIN, Art.CHAIN_LEN);
    trust.parse((short) 0, Trust.SRC_IO, cert, certLen);
    trust.validate((short) 0, Trust.ROLE_CERTIFIER, scratch, A_NOW, true);
    trust.parse((short) 0, Trust.SRC_IO, cert, certLen);
    art.readClass((short) 0, scratch, A_CLASS);
    art.loadCertifierKey((short) 0);
    if (Util.arrayCompare(scratch, (short) (A_CLASS + Art.CLS_CURRENCY), nv, NV_CURRENCY,
        (short) 3) != 0) {
      ISOException.throwIt(Sw.CURRENCY_MISMATCH);
    }
    if ((short) (nv[NV_DEVICE_CLASS] & 0xFF)
        < (short) (scratch[(short) (A_CLASS + Art.CLS_MIN_DEVICE)] & 0xFF)) {
      ISOException.throwIt(Sw.WRONG_DEVICE_CLASS);
    }
    trust.subjectId((short) 0, scratch, A_ID);
    for (short i = 0; i < PAYMENT_KEYS; i++) {
      if (slots[slot(i, S_STATE)] == SLOT_PENDING && Util.arrayCompare(slots,
          slot(i, S_CERTIFIER), scratch, A_ID, (short) 16) == 0) {
        short end = sealRequest(i, len, slots, slot(i, S_BLINDED), slots, slot(i, S_REQ_TIME),
            slots, slot(i, S_NONCE));
        respond(apdu, len, (short) (end - len));
        return;
      }
    }
    short target = -1;
    for (short i = 0; i < PAYMENT_KEYS && target < 0; i++) {
      if (slots[slot(i, S_STATE)] == SLOT_EMPTY || spent(i)) {
        target = i;
      }
    }
    if (target < 0) {
      ISOException.throwIt(Sw.CAPACITY_EXCEEDED);
    }
    // the token chain comes from the table: the certifier and its issuers must be in it
    if (!chainStored(scratch, A_ID)) {
      ISOException.throwIt(Sw.CAPACITY_EXCEEDED);
    }
    // sec. 3.3: the payment key is made inside; only its blinded form leaves the card
    paymentKeys[target].genKeyPair();
    short msg = A_MSG;
    scratch[msg] = 0x04;
    scratch[(short) (msg + 1)] = 1;
    Util.arrayCopyNonAtomic(scratch, A_ID, scratch, (short) (msg + 2), (short) 16);
    point(paymentKeys[target], scratch, (short) (msg + 18));
    crypto.keyId(Trust.ALG_P256, scratch, (short) (msg + 18), P256.POINT_LENGTH, scratch, A_ID2);
    crypto.random.nextBytes(scratch, A_PREFIX, BlindRsa.PREFIX);
    crypto.random.nextBytes(scratch, A_NONCE, (short) 16);
    rsa.blind(scratch, A_PREFIX, scratch, msg, Art.PKC_MESSAGE, crypto.random);
    short end = sealRequest(target, len, scratch, rsa.t1, scratch, A_NOW, scratch, A_NONCE);
    short s = slot(target, (short) 0);
    trust.parse((short) 0, Trust.SRC_IO, cert, certLen);
    short pk = trust.get((short) 0, Trust.V_PK);
    short expAt = (short) (pk + 2 + BlindRsa.K);
    short expLen = Util.getShort(io, expAt);
    JCSystem.beginTransaction();
    Util.arrayCopy(scratch, A_ID, slots, (short) (s + S_CERTIFIER), (short) 16);
    Util.arrayCopy(scratch, A_CLASS, slots, (short) (s + S_CLASS), Art.CLASS_LENGTH);
    Util.arrayCopy(io, trust.get((short) 0, Trust.V_NB), slots, (short) (s + S_NOT_BEFORE),
        (short) 8);
    Util.arrayCopy(io, trust.get((short) 0, Trust.V_NA), slots, (short) (s + S_NOT_AFTER),
        (short) 8);
    Util.arrayFillNonAtomic(scratch, A_TMP, (short) 4, (byte) 0);
    Util.arrayCopy(scratch, A_TMP, slots, (short) (s + S_KEY_USE), (short) 4);
    Util.arrayCopy(scratch, A_HASH, slots, (short) (s + S_REQ_HASH), (short) 32);
    Util.arrayCopy(scratch, A_NOW, slots, (short) (s + S_REQ_TIME), (short) 8);
    Util.arrayCopy(scratch, A_NONCE, slots, (short) (s + S_NONCE), (short) 16);
    Util.arrayCopy(scratch, A_PREFIX, slots, (short) (s + S_PREFIX), BlindRsa.PREFIX);
    Util.arrayCopy(scratch, A_ID2, slots, (short) (s + S_PK_ID), (short) 16);
    slots[(short) (s + S_EXP_LEN)] = (byte) expLen;
    Util.arrayCopy(io, (short) (expAt + 2), slots, (short) (s + S_EXP), expLen);
    Util.arrayCopy(io, (short) (pk + 2), slots, (short) (s + S_MODULUS), BlindRsa.K);
    Util.arrayCopy(scratch, rsa.t2, slots, (short) (s + S_R), BlindRsa.K);
    Util.arrayCopy(scratch, rsa.t1, slots, (short) (s + S_BLINDED), BlindRsa.K);
    slots[(short) (s + S_STATE)] = SLOT_PENDING;
    JCSystem.commitTransaction();
    respond(apdu, len, (short) (end - len));
  }

  /**
   * Seals a certification request (type 0x20) for slot {@code i} at io[out]: device certificate,
   * certifier id (A_ID), blinded message, time, nonce; its hash goes to A_HASH. Returns the end.
   */
  private short sealRequest(short i, short out, byte[] blinded, short bOff, byte[] time,
      short tOff, byte[] nonce, short nOff) {
    short p = out;
    io[p++] = 0x20;
    io[p++] = 1;
    p = writeDeviceCertificate(p);
    p = Util.arrayCopyNonAtomic(scratch, A_ID, io, p, (short) 16);
    p = Util.setShort(io, p, BlindRsa.K);
    p = Util.arrayCopyNonAtomic(blinded, bOff, io, p, BlindRsa.K);
    p = Util.arrayCopyNonAtomic(time, tOff, io, p, (short) 8);
    p = Util.arrayCopyNonAtomic(nonce, nOff, io, p, (short) 16);
    crypto.hash(io, out, (short) (p - out), scratch, A_HASH);
    crypto.sign(deviceKey.getPrivate(), io, out, (short) (p - out), io, p);
    return (short) (p + Crypto.SIG);
  }

  private short writeDeviceCertificate(short p) {
    short len = trust.storedLength(Trust.DEVICE);
    p = Util.setShort(io, p, len);
    return Util.arrayCopyNonAtomic(trust.store, trust.storedOffset(Trust.DEVICE), io, p, len);
  }

  /** A slot whose key can never pay again: used up, certifier expired at A_NOW, or revoked. */
  private boolean spent(short i) {
    return (slots[slot(i, S_STATE)] == SLOT_CERTIFIED && usedUp(i))
        || Num.cmp(slots, slot(i, S_NOT_AFTER), scratch, A_NOW, (short) 8) < 0
        || trust.isRevoked(slots, slot(i, S_CERTIFIER))
        || trust.isRevoked(slots, slot(i, S_PK_ID));
  }

  /** Whether the certificate of key {@code id} and its issuers up to the root are stored. */
  private boolean chainStored(byte[] id, short idOff) {
    Util.arrayCopyNonAtomic(id, idOff, scratch, A_ID2, (short) 16);
    for (short depth = 0; depth < 5; depth++) {
      short c = trust.findStored(scratch, A_ID2);
      if (c < 0) {
        return false;
      }
      if (c == Trust.ROOT) {
        return true;
      }
      trust.parseStored((short) 0, c);
      Util.arrayCopyNonAtomic(trust.store, trust.get((short) 0, Trust.V_ISSUER), scratch, A_ID2,
          (short) 16);
    }
    return false;
  }

  /**
   * P1 = 1, data: the certification response (type 0x21). Answer: 0x00 + key information when the
   * key is certified already, else 0x01 + r + modulus: the host unblinds (docs/CARD.md).
   * P1 = 2, data: request hash (32), u16 256, the unblinded signature. The card verifies it
   * (RSASSA-PSS) before the key becomes usable. Answer: 0x00 + key information.
   */
  private void processInstallCertificate(APDU apdu) {
    byte[] buf = apdu.getBuffer();
    short step = buf[ISO7816.OFFSET_P1];
    if ((step != 1 && step != 2) || buf[ISO7816.OFFSET_P2] != 0) {
      ISOException.throwIt(Sw.WRONG_P1P2);
    }
    short len = step == 1 ? input(apdu, (short) 2, (short) (2 + 32 + 16 + 2 + 512))
        : input(apdu, (short) (32 + 2 + BlindRsa.K), (short) (32 + 2 + BlindRsa.K));
    if (len < 0) {
      return;
    }
    requireActive();
    codec.open(io, (short) 0, len);
    if (step == 1) {
      codec.header((short) 0x21, (short) 1);
    }
    short hash = codec.fixed((short) 32);
    short certifier = step == 1 ? codec.fixed((short) 16) : 0;
    short sig = codec.var((short) 256, (short) 512);
    short sigLen = codec.lastLength();
    codec.finish();
    short i = -1;
    for (short k = 0; k < PAYMENT_KEYS && i < 0; k++) {
      if (slots[slot(k, S_STATE)] != SLOT_EMPTY
          && Util.arrayCompare(slots, slot(k, S_REQ_HASH), io, hash, (short) 32) == 0) {
        i = k;
      }
    }
    if (i < 0) {
      ISOException.throwIt(Sw.NOT_FOUND);
    }
    short out = len;
    if (slots[slot(i, S_STATE)] == SLOT_CERTIFIED) {
      io[out] = 0;
      respond(apdu, out, (short) (keyInfo(i, (short) (out + 1)) - out));
      return;
    }
    if (step == 1) {
      if (Util.arrayCompare(slots, slot(i, S_CERTIFIER), io, certifier, (short) 16) != 0) {
        ISOException.throwIt(Sw.BAD_SIGNATURE);
      }
      if (sigLen != BlindRsa.K) {
        ISOException.throwIt(Sw.MALFORMED);
      }
      io[out] = 1;
      Util.arrayCopyNonAtomic(slots, slot(i, S_R), io, (short) (out + 1), BlindRsa.K);
      Util.arrayCopyNonAtomic(slots, slot(i, S_MODULUS), io, (short) (out + 1 + BlindRsa.K),
          BlindRsa.K);
      respond(apdu, out, (short) (1 + 2 * BlindRsa.K));
      return;
    }
    // step 2: verify the unblinded certificate over prefix || 04 01 certifier key
    if (!rsa.load(slots, slot(i, S_MODULUS), BlindRsa.K, slots, slot(i, S_EXP),
        slots[slot(i, S_EXP_LEN)])) {
      ISOException.throwIt(Sw.CAPACITY_EXCEEDED);
    }
    scratch[A_MSG] = 0x04;
    scratch[(short) (A_MSG + 1)] = 1;
    Util.arrayCopyNonAtomic(slots, slot(i, S_CERTIFIER), scratch, (short) (A_MSG + 2), (short) 16);
    point(paymentKeys[i], scratch, (short) (A_MSG + 18));
    if (!rsa.verify(io, sig, sigLen, slots, slot(i, S_PREFIX), scratch, A_MSG, Art.PKC_MESSAGE)) {
      ISOException.throwIt(Sw.BAD_SIGNATURE);
    }
    JCSystem.beginTransaction();
    Util.arrayCopy(io, sig, slots, slot(i, S_SIG), BlindRsa.K);
    slots[slot(i, S_STATE)] = SLOT_CERTIFIED;
    JCSystem.commitTransaction();
    io[out] = 0;
    respond(apdu, out, (short) (keyInfo(i, (short) (out + 1)) - out));
  }

  /**
   * Data: kind, count, u16 max payments, u64 max single, u64 max aggregate, u64 host time (28
   * bytes). Answer: the ART request (type 0x22) sealed with the device key.
   */
  private void processRequestArts(APDU apdu) {
    p1p2(apdu, (short) 0);
    short len = input(apdu, (short) 28, (short) 28);
    if (len < 0) {
      return;
    }
    requireActive();
    codec.open(io, (short) 0, len);
    short kind = codec.u8();
    short count = codec.u8();
    short maxPayments = codec.u16();
    short single = codec.u64();
    short aggregate = codec.u64();
    short host = codec.time();
    if (kind < 1 || kind > 4 || count < 1 || count > 16 || maxPayments == 0
        || Num.isZero(io, single, (short) 8)
        || Num.cmp(io, aggregate, io, single, (short) 8) < 0) {
      ISOException.throwIt(Sw.MALFORMED);
    }
    later(host);
    short out = 32;
    short p = out;
    io[p++] = 0x22;
    io[p++] = 1;
    p = writeDeviceCertificate(p);
    p = Util.arrayCopyNonAtomic(nv, NV_PSEUDONYM, io, p, (short) 16);
    p = Util.arrayCopyNonAtomic(io, (short) 0, io, p, (short) 20); // kind .. max aggregate
    p = Util.arrayCopyNonAtomic(scratch, A_NOW, io, p, (short) 8);
    crypto.random.nextBytes(io, p, (short) 16);
    p = (short) (p + 16);
    crypto.sign(deviceKey.getPrivate(), io, out, (short) (p - out), io, p);
    respond(apdu, out, (short) (p + Crypto.SIG - out));
  }

  /**
   * Data: the revocation list (type 0x02), u8 n + n var certificates (its CA's chain). A list not
   * newer than the installed one is ignored; a newer one must be signed by a valid CA key.
   */
  private void processUpdateRevocations(APDU apdu) {
    p1p2(apdu, (short) 0);
    short len = input(apdu, (short) 2, IO_SIZE);
    if (len < 0) {
      return;
    }
    requireActive();
    short[] f = art.f;
    codec.open(io, (short) 0, len);
    codec.header((short) 0x02, (short) 1);
    short ca = codec.fixed((short) 16);
    short seq = codec.u64();
    short issued = codec.time();
    codec.time();
    short count = codec.u16();
    if (count < 0 || count > 4096) {
      ISOException.throwIt(Sw.LENGTH_OVER_LIMIT);
    }
    short ids = codec.pos();
    for (short i = 0; i < count; i++) {
      short id = codec.fixed((short) 16);
      if (i > 0 && Num.cmp(io, (short) (id - 16), io, id, (short) 16) >= 0) {
        ISOException.throwIt(Sw.NON_CANONICAL);
      }
    }
    short bodyLen = codec.pos();
    short sig = codec.fixed(Crypto.SIG);
    short n = codec.u8();
    if (n > Trust.MAX_OFFERED) {
      ISOException.throwIt(Sw.LENGTH_OVER_LIMIT);
    }
    for (short i = 0; i < n; i++) {
      f[(short) (Art.CHAIN + i)] = codec.var(Art.CERT_ENCODED_MAX);
      f[(short) (Art.CHAIN_LEN + i)] = codec.lastLength();
    }
    codec.finish();
    if (trust.hasRevocationList()
        && Num.cmp(io, seq, trust.rev, trust.revocationSequenceOffset(), (short) 8) <= 0) {
      return; // an older or equal list cannot un-revoke anything
    }
    if (count > Trust.REVOKED_MAX) {
      ISOException.throwIt(Sw.CAPACITY_EXCEEDED);
    }
    trust.offer(n, f, Art.CHAIN, Art.CHAIN_LEN);
    if (!trust.find(io, ca, (short) 0)) {
      ISOException.throwIt(Sw.UNKNOWN_ISSUER);
    }
    trust.validate((short) 0, Trust.ROLE_CA, io, issued, true);
    if (!crypto.verify(trust.arr((short) 0), trust.get((short) 0, Trust.V_PK), io, (short) 0,
        bodyLen, io, sig)) {
      ISOException.throwIt(Sw.BAD_SIGNATURE);
    }
    Num.max64(nv, NV_TRUSTED, io, issued, scratch, A_TRUSTED);
    JCSystem.beginTransaction();
    trust.installRevocations(seq, ids, count);
    Util.arrayCopy(scratch, A_TRUSTED, nv, NV_TRUSTED, (short) 8);
    JCSystem.commitTransaction();
  }

  // --- issuance (sec. 6)

  /**
   * Data: the issuance order (type 0x30). Executes order last + 1 when k of the n committee keys
   * signed it; the last order again is answered without executing it. Answer: u64 issued, u64
   * destroyed, u64 last order.
   */
  private void processExecuteOrder(APDU apdu) {
    p1p2(apdu, (short) 0);
    short len = input(apdu, (short) 2, IO_SIZE);
    if (len < 0) {
      return;
    }
    requireActive();
    codec.open(io, (short) 0, len);
    codec.header((short) 0x30, (short) 1);
    short device = codec.fixed((short) 16);
    short seq = codec.u64();
    short kind = codec.u8();
    if (kind != 1 && kind != 2) {
      ISOException.throwIt(Sw.MALFORMED);
    }
    short currency = codec.currency();
    short amount = codec.u64();
    codec.time();
    short bodyLen = codec.pos();
    short n = codec.u8();
    if (n > 16) {
      ISOException.throwIt(Sw.LENGTH_OVER_LIMIT);
    }
    short sigs = codec.pos();
    short previous = -1;
    for (short i = 0; i < n; i++) {
      short index = codec.u8();
      if (index <= previous) {
        ISOException.throwIt(Sw.NON_CANONICAL);
      }
      previous = index;
      codec.fixed(Crypto.SIG);
    }
    codec.finish();
    if (Num.isZero(io, seq, (short) 8) || Num.isZero(io, amount, (short) 8)) {
      ISOException.throwIt(Sw.MALFORMED);
    }
    if (nv[NV_LEDGER] == 0 || nv[NV_ISSUER_DEVICE] == 0
        || Util.arrayCompare(io, device, nv, NV_DEVICE_ID, (short) 16) != 0) {
      ISOException.throwIt(Sw.NOT_ISSUER_DEVICE);
    }
    if (Util.arrayCompare(io, currency, nv, NV_CURRENCY, (short) 3) != 0) {
      ISOException.throwIt(Sw.CURRENCY_MISMATCH);
    }
    boolean retry = Util.arrayCompare(io, seq, nv, NV_LAST_ORDER, (short) 8) == 0
        && nv[NV_LAST_BODY_LEN] == bodyLen
        && Util.arrayCompare(io, (short) 0, nv, NV_LAST_BODY, bodyLen) == 0;
    Util.arrayCopyNonAtomic(nv, NV_LAST_ORDER, scratch, A_TMP, (short) 8);
    Num.increment(scratch, A_TMP, (short) 8);
    if (!retry && Util.arrayCompare(io, seq, scratch, A_TMP, (short) 8) != 0) {
      ISOException.throwIt(Sw.ORDER_OUT_OF_SEQUENCE);
    }
    short members = nv[NV_COMMITTEE_N];
    short valid = 0;
    for (short i = 0; i < n; i++) {
      short at = (short) (sigs + i * (1 + Crypto.SIG));
      short index = (short) (io[at] & 0xFF);
      if (index < members && crypto.verify(committee, (short) (index * P256.POINT_LENGTH), io,
          (short) 0, bodyLen, io, (short) (at + 1))) {
        valid++;
      }
    }
    if (valid < nv[NV_QUORUM]) {
      vars[V_DETAIL] = valid;
      vars[(short) (V_DETAIL + 1)] = nv[NV_QUORUM];
      vars[(short) (V_DETAIL + 2)] = members;
      ISOException.throwIt(Sw.QUORUM_NOT_MET);
    }
    short out = len;
    if (!retry) {
      Util.arrayCopyNonAtomic(nv, NV_ISSUED, scratch, A_SUM, (short) 8);
      Util.arrayCopyNonAtomic(nv, NV_DESTROYED, scratch, A_AGG, (short) 8);
      if (kind == 1) {
        if (!Num.add64(nv, NV_BALANCE, io, amount, scratch, A_BAL)
            || !Num.add64(nv, NV_ISSUED, io, amount, scratch, A_SUM)) {
          ISOException.throwIt(Sw.AMOUNT_OVERFLOW);
        }
      } else {
        if (!Num.sub64(nv, NV_BALANCE, io, amount, scratch, A_BAL)) {
          ISOException.throwIt(Sw.INSUFFICIENT_FUNDS);
        }
        if (!Num.add64(nv, NV_DESTROYED, io, amount, scratch, A_AGG)) {
          ISOException.throwIt(Sw.AMOUNT_OVERFLOW);
        }
      }
      JCSystem.beginTransaction();
      Util.arrayCopy(scratch, A_BAL, nv, NV_BALANCE, (short) 8);
      Util.arrayCopy(scratch, A_SUM, nv, NV_ISSUED, (short) 8);
      Util.arrayCopy(scratch, A_AGG, nv, NV_DESTROYED, (short) 8);
      Util.arrayCopy(io, seq, nv, NV_LAST_ORDER, (short) 8);
      Util.arrayCopy(io, (short) 0, nv, NV_LAST_BODY, bodyLen);
      nv[NV_LAST_BODY_LEN] = (byte) bodyLen;
      JCSystem.commitTransaction();
    }
    short p = Util.arrayCopyNonAtomic(nv, NV_ISSUED, io, out, (short) 8);
    p = Util.arrayCopyNonAtomic(nv, NV_DESTROYED, io, p, (short) 8);
    p = Util.arrayCopyNonAtomic(nv, NV_LAST_ORDER, io, p, (short) 8);
    respond(apdu, out, (short) (p - out));
  }

  // --- tamper response (sec. 4.2)

  /**
   * The tamper signal: payment keys and bindings are destroyed, the balance is kept, and the card
   * refuses to pay from now on. Recovery goes through the issuer (docs/PROTOCOL.md sec. 8).
   */
  private void processTamper(APDU apdu) {
    if (!SIMULATED_SIGNALS) {
      ISOException.throwIt(Sw.INS_NOT_SUPPORTED);
    }
    p1p2(apdu, (short) 0);
    noInput(apdu);
    button[0] = false;
    if (state() == STATE_DISABLED) {
      return;
    }
    JCSystem.beginTransaction();
    nv[NV_STATE] = STATE_DISABLED;
    for (short i = 0; i < PAYMENT_KEYS; i++) {
      slots[slot(i, S_STATE)] = SLOT_EMPTY;
    }
    for (short i = 0; i < MAX_BINDINGS; i++) {
      bindings[(short) (i * B_SIZE + B_USED)] = 0;
    }
    JCSystem.commitTransaction();
    Util.arrayFillNonAtomic(bindings, (short) 0, (short) bindings.length, (byte) 0);
    for (short i = 0; i < PAYMENT_KEYS; i++) {
      paymentKeys[i].getPrivate().clearKey();
      P256.setCurve((ECPrivateKey) paymentKeys[i].getPrivate());
      Util.arrayFillNonAtomic(slots, slot(i, S_R), BlindRsa.K, (byte) 0);
    }
  }

  /** In DISABLED state: the device-signed statement of the kept balance (type 0x31). */
  private void processRecoveryStatement(APDU apdu) {
    p1p2(apdu, (short) 0);
    noInput(apdu);
    if (state() != STATE_DISABLED || !personalised()) {
      ISOException.throwIt(Sw.WRONG_STATE);
    }
    short p = 0;
    io[p++] = 0x31;
    io[p++] = 1;
    p = Util.arrayCopyNonAtomic(nv, NV_DEVICE_ID, io, p, (short) 16);
    p = Util.arrayCopyNonAtomic(nv, NV_CURRENCY, io, p, (short) 3);
    p = Util.arrayCopyNonAtomic(nv, NV_BALANCE, io, p, (short) 8);
    p = Util.arrayCopyNonAtomic(nv, NV_TRUSTED, io, p, (short) 8);
    crypto.sign(deviceKey.getPrivate(), io, (short) 0, p, io, p);
    respond(apdu, (short) 0, (short) (p + Crypto.SIG));
  }
}
