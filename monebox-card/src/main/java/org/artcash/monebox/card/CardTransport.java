package org.artcash.monebox.card;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * Moves one MonEbox command and its answer over a card channel (docs/CARD.md, "Transport"): as one
 * extended-length APDU, or for readers without extended length as short APDUs, the data split by
 * command chaining (CLA bit 0x10) and the answer fetched with GET RESPONSE after 61xx. Counts
 * APDUs and bytes, for the performance figures.
 */
public final class CardTransport {
  /** How commands travel. */
  public enum Mode {
    /** One extended APDU per command (Lc and Le up to 65535). */
    EXTENDED,
    /** Short APDUs only: chaining in, GET RESPONSE out. */
    SHORT
  }

  /** The answer to a command: the data of all its parts and the final status word. */
  public record Answer(byte[] data, int sw) {
    public Answer {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }
  }

  static final int CLA = 0x80;
  static final int CLA_CHAINING = 0x10;
  static final int INS_GET_RESPONSE = 0xC0;
  private static final int SHORT_CHUNK = 255;
  /**
   * Le of extended commands: 32767, the most a Java Card answers at once. (Le 0000, "65536",
   * reaches jCardSim's applet as 0.)
   */
  private static final int EXTENDED_NE = 32767;

  private final CardChannel channel;
  private final Mode mode;
  private long apdus;
  private long bytesSent;
  private long bytesReceived;

  public CardTransport(CardChannel channel, Mode mode) {
    this.channel = channel;
    this.mode = mode;
  }

  public Mode mode() {
    return mode;
  }

  /** Sends command {@code ins} with {@code data}; follows chaining and 61xx to the end. */
  public Answer send(int ins, int p1, int p2, byte[] data) throws CardException {
    ResponseAPDU r;
    if (mode == Mode.EXTENDED || data.length <= SHORT_CHUNK) {
      int ne = mode == Mode.EXTENDED ? EXTENDED_NE : 256;
      r = transmit(data.length == 0 ? new CommandAPDU(CLA, ins, p1, p2, ne)
          : new CommandAPDU(CLA, ins, p1, p2, data, ne));
    } else {
      int off = 0;
      while (data.length - off > SHORT_CHUNK) {
        r = transmit(new CommandAPDU(CLA | CLA_CHAINING, ins, p1, p2,
            Arrays.copyOfRange(data, off, off + SHORT_CHUNK)));
        if (r.getSW() != 0x9000) {
          return new Answer(r.getData(), r.getSW());
        }
        off += SHORT_CHUNK;
      }
      r = transmit(new CommandAPDU(CLA, ins, p1, p2, Arrays.copyOfRange(data, off, data.length),
          256));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(r.getData());
    while (r.getSW1() == 0x61) {
      int ne = r.getSW2() == 0 ? 256 : r.getSW2();
      r = transmit(new CommandAPDU(0x00, INS_GET_RESPONSE, 0, 0, ne));
      out.writeBytes(r.getData());
    }
    return new Answer(out.toByteArray(), r.getSW());
  }

  private ResponseAPDU transmit(CommandAPDU c) throws CardException {
    ResponseAPDU r = channel.transmit(c);
    apdus++;
    bytesSent += c.getBytes().length;
    bytesReceived += r.getBytes().length;
    return r;
  }

  public long apdus() {
    return apdus;
  }

  public long bytesSent() {
    return bytesSent;
  }

  public long bytesReceived() {
    return bytesReceived;
  }
}
