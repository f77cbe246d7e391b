package org.artcash.cli.purse;

import java.io.PrintWriter;
import java.util.List;
import org.artcash.cli.console.Json;
import org.artcash.cli.console.Show;
import org.artcash.monebox.RedeemResult;
import org.artcash.purse.RedemptionReport;
import picocli.CommandLine.Command;

/** {@code artcash purse redeem}. */
@Command(name = "redeem", mixinStandardHelpOptions = true,
    description = "Credits the money received on your ARTs to the MonEbox's balance, ART by ART.")
final class RedeemCommand extends Common {
  @Override
  int run() throws Exception {
    try (PurseHome home = open()) {
      var before = home.purse().balance();
      RedemptionReport report = home.purse().redeemAll();
      var after = home.purse().balance();
      PrintWriter out = out();
      if (json) {
        Json j = Json.object().put("credited", Show.money(after.minus(before)))
            .put("balance", Show.money(after));
        List<Object> failed = j.list("notRedeemed");
        for (RedemptionReport.Failure f : report.failed()) {
          failed.add(Json.object().put("art", f.artId().hex()).put("amount",
              Show.money(f.unredeemed())).put("reason", f.reason().name())
              .put("message", f.message()));
        }
        print(j);
        return report.complete() ? 0 : 1;
      }
      if (report.credited().isEmpty() && report.failed().isEmpty()) {
        out.println("Nothing to redeem. Balance " + Show.money(after) + ".");
        return 0;
      }
      for (RedeemResult r : report.credited()) {
        out.println("  ART " + r.artId().shortHex() + ": " + Show.money(r.credited())
            + " credited");
      }
      for (RedemptionReport.Failure f : report.failed()) {
        out.println("  ART " + f.artId().shortHex() + ": " + Show.money(f.unredeemed())
            + " NOT redeemed [" + f.reason() + "]: " + f.message());
      }
      out.println("Redeemed " + Show.money(after.minus(before)) + ". Balance now "
          + Show.money(after) + ".");
      return report.complete() ? 0 : 1;
    }
  }
}
