package org.artcash.monebox.card;

import org.artcash.core.ArtcashException;
import org.artcash.core.codec.Decoder;

/** What GET DATA tells about the applet: version, features, free memory and capacities. */
public record CardInfo(int versionMajor, int versionMinor, int features, int state,
    long freePersistent, int freeTransientDeselect, int freeTransientReset, int ioBuffer,
    int maxBindings, int paymentKeySlots, int paymentLog, int redemptionTable, int knownCertificates,
    int revokedIds) {
  public static final int FEATURE_EXTENDED_LENGTH = 0x0001;
  public static final int FEATURE_COMMAND_CHAINING = 0x0002;
  public static final int FEATURE_GET_RESPONSE = 0x0004;
  /** The button and the tamper signal are APDUs: a simulation build, not for real money. */
  public static final int FEATURE_SIMULATED_SIGNALS = 0x0008;

  static CardInfo decode(byte[] b) throws ArtcashException {
    Decoder d = Decoder.of(b, "card information");
    CardInfo info = new CardInfo(d.u8("major"), d.u8("minor"), d.u16("features"), d.u8("state"),
        d.u32("free persistent"), d.u16("free transient (deselect)"),
        d.u16("free transient (reset)"), d.u16("io buffer"), d.u8("bindings"),
        d.u8("payment key slots"), d.u8("payment log"), d.u16("redemption table"),
        d.u8("certificate table"), d.u16("revoked ids"));
    d.finish();
    return info;
  }

  public boolean has(int feature) {
    return (features & feature) != 0;
  }
}
