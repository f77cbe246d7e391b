package org.artcash.core.art;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.artcash.core.ArtcashException;
import org.artcash.core.codec.Bytes;
import org.artcash.core.pki.TrustStore;

/**
 * The issuer's revalidation of a returned ART, payment by payment (de Jong 2024, sec. 6, "e-cash
 * inspection"): every signature, certificate chain, value step and key-usage limit. It does not stop
 * at the first problem: it reports each anomaly it finds.
 */
public final class Inspection {
  private Inspection() {}

  /** One anomaly; {@code seq} 0 means the ART's configuration itself. */
  public record Finding(int seq, String code, String detail) {}

  /** A payment key's use, for the cross-ART check that no (key, use) pair appears twice. */
  public record KeyUse(Bytes paymentKeyId, long use, Bytes artId, int seq) {}

  public static List<Finding> inspect(Art art, TrustStore trust) {
    List<Finding> findings = new ArrayList<>();
    try {
      ArtRules.verifyConfig(art.config(), trust, art.chain());
    } catch (ArtcashException e) {
      findings.add(new Finding(0, e.reason().name(), e.getMessage()));
    }
    ArtState previous = ArtState.fresh(art.config());
    Set<KeyUseKey> seen = new HashSet<>();
    for (PaymentRecord r : art.records()) {
      try {
        ArtRules.verifyStep(previous, r);
      } catch (ArtcashException e) {
        findings.add(new Finding(r.seq(), e.reason().name(), e.getMessage()));
      }
      try {
        ArtRules.verifyPayer(art.config(), r, trust, art.chain());
      } catch (ArtcashException e) {
        findings.add(new Finding(r.seq(), e.reason().name(), e.getMessage()));
      }
      if (!seen.add(new KeyUseKey(r.keyCertificate().paymentKeyId(), r.keyUse()))) {
        findings.add(new Finding(r.seq(), "KEY_USE_REPEATED", "payment key "
            + r.keyCertificate().paymentKeyId().shortHex() + " signed use " + r.keyUse()
            + " twice: the key may be cloned"));
      }
      previous = ArtState.after(art.config(), r);
    }
    return findings;
  }

  public static List<KeyUse> keyUses(Art art) {
    List<KeyUse> out = new ArrayList<>();
    for (PaymentRecord r : art.records()) {
      out.add(new KeyUse(r.keyCertificate().paymentKeyId(), r.keyUse(), art.config().artId(),
          r.seq()));
    }
    return out;
  }

  private record KeyUseKey(Bytes key, long use) {}
}
