package org.artcash.core.credential;

import java.util.ArrayList;
import java.util.List;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.artcash.core.pki.Certificate;

/** The ART factory's answer to an {@link ArtRequest}: fresh ARTs and the factory's chain. Type 0x23. */
public record ArtGrant(List<ArtConfig> arts, List<Certificate> chain) {
  public static final int TYPE = 0x23;
  public static final int VERSION = 1;

  public ArtGrant {
    arts = List.copyOf(arts);
    chain = List.copyOf(chain);
    if (arts.size() > ArtRequest.MAX_COUNT || chain.size() > 4) {
      throw new IllegalArgumentException("at most 16 ARTs and 4 chain certificates");
    }
  }

  public byte[] encode() {
    Encoder e = new Encoder().u8(TYPE).u8(VERSION).u8(arts.size());
    for (ArtConfig a : arts) {
      e.var(a.encode(), ArtConfig.MAX_ENCODED);
    }
    e.u8(chain.size());
    for (Certificate c : chain) {
      e.var(c.encode(), Certificate.MAX_ENCODED);
    }
    return e.toByteArray();
  }

  public static ArtGrant decode(byte[] encoded) throws ArtcashException {
    Decoder d = Decoder.of(encoded, "ART grant");
    d.header(TYPE, VERSION);
    int n = d.u8("ART count");
    if (n > ArtRequest.MAX_COUNT) {
      throw new ArtcashException(Reason.LENGTH_OVER_LIMIT, "ART grant: " + n + " ARTs declared");
    }
    List<ArtConfig> arts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      arts.add(ArtConfig.decode(d.var(ArtConfig.MAX_ENCODED, "ART")));
    }
    int m = d.u8("certificate count");
    if (m > 4) {
      throw new ArtcashException(Reason.LENGTH_OVER_LIMIT, "ART grant: " + m + " certificates declared");
    }
    List<Certificate> chain = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      chain.add(Certificate.decode(d.var(Certificate.MAX_ENCODED, "certificate")));
    }
    d.finish();
    return new ArtGrant(arts, chain);
  }
}
