package org.artcash.monebox.card;

import java.util.Optional;
import org.artcash.core.Reason;

/**
 * The applet's status words (docs/CARD.md, "Status words") seen from the host: artcash refusals
 * 0x9EGN carry reason 0x0GNN of docs/PROTOCOL.md sec. 9; ISO 7816-4 words mean the driver and the
 * applet disagree about a command; 0x9Dxx is a fault inside the card.
 */
public final class StatusWords {
  public static final int OK = 0x9000;
  public static final int REASON_BASE = 0x9E00;

  private StatusWords() {}

  /** The status word a card reports for {@code reason}. */
  public static int of(Reason reason) {
    int code = reason.code();
    return REASON_BASE | ((code >> 8) << 4) | (code & 0x0F);
  }

  /** The reason of an artcash refusal, or empty for any other status word. */
  public static Optional<Reason> reason(int sw) {
    if ((sw & 0xFF00) != REASON_BASE) {
      return Optional.empty();
    }
    int code = (((sw >> 4) & 0x0F) << 8) | (sw & 0x0F);
    try {
      return Optional.of(Reason.fromCode(code));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** What an ISO or internal status word means, for messages. */
  public static String describe(int sw) {
    String name = switch (sw) {
      case 0x6700 -> "wrong length";
      case 0x6883 -> "last command of the chain expected";
      case 0x6884 -> "command chaining not supported";
      case 0x6982 -> "security status not satisfied";
      case 0x6985 -> "conditions of use not satisfied";
      case 0x6A80 -> "wrong data";
      case 0x6A84 -> "not enough memory";
      case 0x6A86 -> "wrong P1/P2";
      case 0x6D00 -> "instruction not supported";
      case 0x6E00 -> "class not supported";
      default -> switch (sw & 0xFFF0) {
        case 0x9D00 -> "internal error (runtime exception)";
        case 0x9D10 -> "internal error (CryptoException reason " + (sw & 0x0F) + ")";
        case 0x9D20 -> "internal error (TransactionException reason " + (sw & 0x0F) + ")";
        case 0x9D30 -> "internal error (SystemException reason " + (sw & 0x0F) + ")";
        case 0x9D40 -> "internal error (card runtime exception)";
        default -> reason(sw).map(Reason::name).orElse("unknown status");
      };
    };
    return String.format("SW %04X (%s)", sw, name);
  }
}
