package org.artcash.purse.pos;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.artcash.core.pki.Certificate;

/**
 * What a shop's back office and its points of sale exchange (de Jong 2024, sec. 4.1: the POS
 * devices "intermittently communicate with their e-purse conductor ... to refresh exhausted or
 * expired ARTs and redeem the moneys received"), over a file or HTTP, as {@code artcash:pos-arts}
 * and {@code artcash:pos-tokens} links. Not signed: the two ends are the same owner's devices, and
 * everything inside is checked under the root of trust on arrival.
 */
public final class PosBundle {
  public static final String ARTS_KIND = "pos-arts";
  public static final String HAND_IN_KIND = "pos-tokens";
  static final int ARTS_TYPE = 0x40;
  static final int HAND_IN_TYPE = 0x41;
  static final int VERSION = 1;
  public static final int MAX_DEVICE_NAME = 64;
  public static final int MAX_ARTS = 32;
  public static final int MAX_TOKENS = 4096;
  private static final int MAX_MESSAGE = 8192;

  private PosBundle() {}

  /** ARTs handed to device {@code device}: standing ARTs of the shop, with the shop's root. */
  public record Arts(String device, Certificate root, List<PaymentRequest> arts) {
    public Arts {
      checkDevice(device);
      arts = List.copyOf(arts);
      if (arts.size() > MAX_ARTS) {
        throw new IllegalArgumentException("at most " + MAX_ARTS + " ARTs at a time");
      }
    }

    public byte[] encode() {
      Encoder e = new Encoder().u8(ARTS_TYPE).u8(VERSION).string(device, MAX_DEVICE_NAME)
          .var(root.encode(), Certificate.MAX_ENCODED).u8(arts.size());
      for (PaymentRequest r : arts) {
        e.var(r.encode(), MAX_MESSAGE);
      }
      return e.toByteArray();
    }

    public static Arts decode(byte[] encoded) throws ArtcashException {
      Decoder d = Decoder.of(encoded, "ARTs for a point of sale");
      d.header(ARTS_TYPE, VERSION);
      String device = d.string(MAX_DEVICE_NAME, "device");
      Certificate root = Certificate.decode(d.var(Certificate.MAX_ENCODED, "root"));
      int n = d.u8("ART count");
      if (n > MAX_ARTS) {
        throw new ArtcashException(Reason.LENGTH_OVER_LIMIT, n + " ARTs declared; at most "
            + MAX_ARTS + " are handed out at a time");
      }
      List<PaymentRequest> arts = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        arts.add(PaymentRequest.decode(d.var(MAX_MESSAGE, "ART")));
      }
      d.finish();
      try {
        return new Arts(device, root, arts);
      } catch (IllegalArgumentException e) {
        throw new ArtcashException(Reason.MALFORMED, "ARTs for a point of sale: " + e.getMessage());
      }
    }
  }

  /** What device {@code device} hands in: tokens it accepted, and ARTs it gives back. */
  public record HandIn(String device, List<TransferToken> tokens, List<Bytes> givenBack) {
    public HandIn {
      checkDevice(device);
      tokens = List.copyOf(tokens);
      givenBack = List.copyOf(givenBack);
      if (tokens.size() > MAX_TOKENS || givenBack.size() > MAX_TOKENS) {
        throw new IllegalArgumentException("at most " + MAX_TOKENS + " tokens and ARTs at a time");
      }
      for (Bytes id : givenBack) {
        if (id.length() != ArtConfig.ID_LENGTH) {
          throw new IllegalArgumentException("an ART id is 16 bytes");
        }
      }
    }

    public byte[] encode() {
      Encoder e = new Encoder().u8(HAND_IN_TYPE).u8(VERSION).string(device, MAX_DEVICE_NAME)
          .u16(tokens.size());
      for (TransferToken t : tokens) {
        e.var(t.encode(), MAX_MESSAGE);
      }
      e.u16(givenBack.size());
      for (Bytes id : givenBack) {
        e.fixed(id, ArtConfig.ID_LENGTH);
      }
      return e.toByteArray();
    }

    public static HandIn decode(byte[] encoded) throws ArtcashException {
      Decoder d = Decoder.of(encoded, "hand-in from a point of sale");
      d.header(HAND_IN_TYPE, VERSION);
      String device = d.string(MAX_DEVICE_NAME, "device");
      int n = d.u16("token count");
      if (n > MAX_TOKENS) {
        throw new ArtcashException(Reason.LENGTH_OVER_LIMIT, n + " tokens declared; at most "
            + MAX_TOKENS + " are handed in at a time");
      }
      List<TransferToken> tokens = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        tokens.add(TransferToken.decode(d.var(MAX_MESSAGE, "token")));
      }
      int m = d.u16("ART count");
      if (m > MAX_TOKENS) {
        throw new ArtcashException(Reason.LENGTH_OVER_LIMIT, m + " ARTs declared; at most "
            + MAX_TOKENS + " are given back at a time");
      }
      List<Bytes> back = new ArrayList<>(m);
      for (int i = 0; i < m; i++) {
        back.add(d.fixedBytes(ArtConfig.ID_LENGTH, "ART id"));
      }
      d.finish();
      try {
        return new HandIn(device, tokens, back);
      } catch (IllegalArgumentException e) {
        throw new ArtcashException(Reason.MALFORMED, "hand-in: " + e.getMessage());
      }
    }
  }

  /** A device name: 1 to 64 bytes of letters, digits, '-', '_' or '.'. */
  public static String checkDevice(String device) {
    if (device == null || !device.matches("[A-Za-z0-9._-]{1,64}")
        || device.getBytes(StandardCharsets.UTF_8).length > MAX_DEVICE_NAME) {
      throw new IllegalArgumentException("a point-of-sale name is 1 to 64 letters, digits, '.',"
          + " '-' or '_': " + device);
    }
    return device;
  }
}
