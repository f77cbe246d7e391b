package org.artcash.purse;

import java.util.List;
import java.util.Objects;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.monebox.RedeemResult;

/**
 * What one redemption round did, ART by ART: what the MonEbox credited, and the ARTs it could not
 * redeem with the reason. A failed ART keeps its value unredeemed and is tried again next time.
 */
public record RedemptionReport(List<RedeemResult> credited, List<Failure> failed) {

  public RedemptionReport {
    credited = List.copyOf(credited);
    failed = List.copyOf(failed);
  }

  /** One ART whose value could not be redeemed now: how much waits, and why. */
  public record Failure(Bytes artId, Amount unredeemed, Reason reason, String message) {
    public Failure {
      Objects.requireNonNull(artId, "artId");
      Objects.requireNonNull(unredeemed, "unredeemed");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
      return "ART " + artId.shortHex() + ": " + unredeemed + " not redeemed (" + reason + "): "
          + message;
    }
  }

  public static RedemptionReport empty() {
    return new RedemptionReport(List.of(), List.of());
  }

  /** True when every ART with value to redeem was redeemed. */
  public boolean complete() {
    return failed.isEmpty();
  }
}
