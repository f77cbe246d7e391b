package org.artcash.purse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.artcash.core.ArtcashException;
import org.artcash.core.art.TransferToken;
import org.artcash.monebox.RedeemResult;
import org.artcash.purse.store.StoredArt;

/**
 * Makes money received available for spending (de Jong 2024, sec. 2.3, redeem(ART)): hands the
 * latest token of each ART with unredeemed value to the MonEbox, which credits each ART's value
 * exactly once, and records how much it has credited.
 */
final class Redemption {
  private final PurseContext ctx;

  Redemption(PurseContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Redeems every ART whose received total is more than what the MonEbox has credited, while its
   * redemption window is open. Each ART on its own: one the MonEbox refuses (a revoked payer key,
   * a closed window, no room) is reported and does not hold up the others. Safe to repeat: after a
   * crash the MonEbox credits nothing twice.
   */
  RedemptionReport redeemAll() {
    Instant now = ctx.now();
    List<RedeemResult> credited = new ArrayList<>();
    List<RedemptionReport.Failure> failed = new ArrayList<>();
    for (StoredArt art : ctx.store().arts().redeemable(now)) {
      TransferToken received = art.latestToken().orElseThrow();
      // The MonEbox checks the ART's factory signature too, so the factory's chain goes along.
      TransferToken latest = new TransferToken(received.config(), received.record(),
          Chains.join(Chains.MESSAGE, art.factoryChain(), received.chain()));
      try {
        RedeemResult result = ctx.box().redeem(latest);
        ctx.store().arts().markRedeemed(art.artId(), result.totalRedeemed());
        credited.add(result);
      } catch (ArtcashException e) {
        failed.add(new RedemptionReport.Failure(art.artId(), art.unredeemed(), e.reason(),
            Objects.requireNonNullElse(e.getMessage(), e.reason().name())));
      }
    }
    return new RedemptionReport(credited, failed);
  }
}
