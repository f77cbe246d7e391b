package org.artcash.monebox.applet;

/**
 * Every status word the MonEbox applet returns (docs/CARD.md, "Status words"). ISO 7816-4 words for
 * transport and command errors; artcash refusals as 0x9E00 | (reason group << 4) | reason number,
 * so reason 0x0GNN of docs/PROTOCOL.md sec. 9 is status word 0x9EGN (groups 1..6, numbers 1..12).
 */
public final class Sw {
  private Sw() {}

  // --- ISO 7816-4
  public static final short OK = (short) 0x9000;
  public static final short BYTES_REMAINING = (short) 0x6100;
  public static final short WRONG_LENGTH = (short) 0x6700;
  public static final short SECURITY_STATUS = (short) 0x6982;
  public static final short CONDITIONS_NOT_SATISFIED = (short) 0x6985;
  public static final short WRONG_DATA = (short) 0x6A80;
  public static final short NOT_ENOUGH_MEMORY = (short) 0x6A84;
  public static final short WRONG_P1P2 = (short) 0x6A86;
  public static final short INS_NOT_SUPPORTED = (short) 0x6D00;
  public static final short CLA_NOT_SUPPORTED = (short) 0x6E00;
  public static final short LAST_COMMAND_EXPECTED = (short) 0x6883;
  public static final short CHAINING_NOT_SUPPORTED = (short) 0x6884;
  public static final short UNKNOWN = (short) 0x6F00;

  // --- internal errors (a bug or a card fault, never a protocol refusal): 0x9Dxx
  /** A runtime exception of the JVM kind (index, null): 0x9D00. */
  public static final short INTERNAL_RUNTIME = (short) 0x9D00;
  /** CryptoException: 0x9D10 | its reason. */
  public static final short INTERNAL_CRYPTO = (short) 0x9D10;
  /** TransactionException: 0x9D20 | its reason (e.g. commit buffer full). */
  public static final short INTERNAL_TRANSACTION = (short) 0x9D20;
  /** SystemException other than NO_RESOURCE (which is 6A84): 0x9D30 | its reason. */
  public static final short INTERNAL_SYSTEM = (short) 0x9D30;
  /** Any other card runtime exception: 0x9D40. */
  public static final short INTERNAL_OTHER = (short) 0x9D40;

  /** The base of artcash refusals: 0x9E00 | (group << 4) | number. */
  public static final short REASON_BASE = (short) 0x9E00;

  // --- encoding (reason group 1)
  public static final short TRUNCATED = (short) 0x9E11;
  public static final short TRAILING_BYTES = (short) 0x9E12;
  public static final short UNSUPPORTED_VERSION = (short) 0x9E13;
  public static final short WRONG_TYPE = (short) 0x9E14;
  public static final short LENGTH_OVER_LIMIT = (short) 0x9E15;
  public static final short NON_CANONICAL = (short) 0x9E16;
  public static final short MALFORMED = (short) 0x9E17;
  public static final short TOO_LARGE = (short) 0x9E18;
  // --- money (2)
  public static final short AMOUNT_OVERFLOW = (short) 0x9E21;
  public static final short CURRENCY_MISMATCH = (short) 0x9E23;
  public static final short INSUFFICIENT_FUNDS = (short) 0x9E24;
  // --- credentials and trust (3)
  public static final short BAD_SIGNATURE = (short) 0x9E31;
  public static final short UNKNOWN_ISSUER = (short) 0x9E32;
  public static final short CHAIN_INVALID = (short) 0x9E33;
  public static final short EXPIRED = (short) 0x9E34;
  public static final short NOT_YET_VALID = (short) 0x9E35;
  public static final short REVOKED = (short) 0x9E36;
  public static final short WRONG_ROLE = (short) 0x9E37;
  public static final short NOT_GENUINE_DEVICE = (short) 0x9E39;
  public static final short WRONG_DEVICE_CLASS = (short) 0x9E3B;
  // --- the ART payment (4)
  public static final short ART_EXHAUSTED = (short) 0x9E41;
  public static final short ART_LIMIT_EXCEEDED = (short) 0x9E42;
  public static final short ART_STATE_INVALID = (short) 0x9E43;
  public static final short AMOUNT_MISMATCH = (short) 0x9E46;
  public static final short CONFLICTING_RETRY = (short) 0x9E47;
  public static final short FOREIGN_ART = (short) 0x9E48;
  public static final short REDEMPTION_CLOSED = (short) 0x9E49;
  public static final short NO_SUITABLE_PAYMENT_KEY = (short) 0x9E4A;
  public static final short PAYMENT_KEY_LIMIT = (short) 0x9E4B;
  // --- the MonEbox (5)
  public static final short APPROVAL_INVALID = (short) 0x9E51;
  public static final short APPROVAL_REPLAYED = (short) 0x9E52;
  public static final short NOT_BOUND = (short) 0x9E53;
  public static final short BINDING_LIMIT = (short) 0x9E54;
  public static final short BUTTON_REQUIRED = (short) 0x9E55;
  public static final short USER_LIMIT_EXCEEDED = (short) 0x9E56;
  public static final short WRONG_STATE = (short) 0x9E57;
  public static final short DISABLED = (short) 0x9E58;
  public static final short CAPACITY_EXCEEDED = (short) 0x9E5B;
  public static final short NOT_ISSUER_DEVICE = (short) 0x9E5C;
  // --- issuance (6)
  public static final short QUORUM_NOT_MET = (short) 0x9E61;
  public static final short ORDER_OUT_OF_SEQUENCE = (short) 0x9E62;
  public static final short NOT_FOUND = (short) 0x9E64;
}
