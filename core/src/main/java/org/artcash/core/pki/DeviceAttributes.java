package org.artcash.core.pki;

import org.artcash.core.ArtcashException;
import org.artcash.core.codec.Bytes;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;

/**
 * The attributes of a MonEbox device certificate: its unique identifier, its security class
 * (de Jong 2024, sec. 3: e-purses come in classes of hardware strength) and whether it is the
 * issuer's MonEbox, the only one that may create e-cash.
 */
public record DeviceAttributes(Bytes deviceId, int deviceClass, boolean issuerDevice) {
  public static final int DEVICE_ID_LENGTH = 16;

  public DeviceAttributes {
    if (deviceId.length() != DEVICE_ID_LENGTH) {
      throw new IllegalArgumentException("device id is 16 bytes");
    }
    if (deviceClass < 0 || deviceClass > 0xFF) {
      throw new IllegalArgumentException("device class is a u8");
    }
  }

  public byte[] encode() {
    return new Encoder().fixed(deviceId, DEVICE_ID_LENGTH).u8(deviceClass).bool(issuerDevice)
        .toByteArray();
  }

  public static DeviceAttributes decode(byte[] attributes) throws ArtcashException {
    Decoder d = Decoder.of(attributes, "device attributes");
    Bytes id = d.fixedBytes(DEVICE_ID_LENGTH, "device id");
    int cls = d.u8("device class");
    boolean issuer = d.bool("issuer device");
    d.finish();
    return new DeviceAttributes(id, cls, issuer);
  }
}
