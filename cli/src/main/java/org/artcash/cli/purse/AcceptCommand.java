package org.artcash.cli.purse;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.artcash.cli.console.Json;
import org.artcash.cli.console.Show;
import org.artcash.core.art.TransferToken;
import org.artcash.core.money.Amount;
import org.artcash.purse.Receipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code artcash purse accept}: the payee's acceptance in software (de Jong 2024, sec. 4.1). */
@Command(name = "accept", mixinStandardHelpOptions = true,
    description = "Verifies a payer's transfer token under the root of trust and stores the"
        + " payment; the money becomes spendable when it is redeemed.")
final class AcceptCommand extends Common {
  @Parameters(arity = "1..*", paramLabel = "TOKEN",
      description = "The token: an artcash: link, a file, QR code image(s), or '-' for standard"
          + " input.")
  List<String> inputs;

  @Option(names = "--amount", paramLabel = "AMOUNT",
      description = "The amount agreed, when it was not in the request; a token for another"
          + " amount is kept and reported.")
  String amount;

  @Option(names = "--no-redeem",
      description = "Keep the money received unredeemed for now (it is redeemed at the next"
          + " payment, 'redeem', or when the e-purse is next opened).")
  boolean noRedeem;

  @Override
  int run() throws Exception {
    TransferToken token = Inbox.read(inputs).token();
    try (PurseHome home = open()) {
      Optional<Amount> agreed = optionalAmount(home.currency(), amount, "the amount agreed");
      Receipt r = agreed.isPresent() ? home.purse().accept(token, agreed.get())
          : home.purse().accept(token);
      if (!noRedeem) {
        home.purse().redeemAll();
      }
      PrintWriter out = out();
      if (json) {
        print(Json.object().put("received", Show.money(r.amount())).put("art", r.artId().hex())
            .put("seq", r.seq()).put("artTotal", Show.money(r.artTotal()))
            .put("receivedAt", Show.iso(r.receivedAt()))
            .put("asked", r.differsFrom().map(Show::money).orElse(null))
            .put("balance", Show.money(home.purse().balance())));
        return 0;
      }
      out.println(receipt(r));
      if (r.amountDiffers()) {
        out.println("Warning: " + Show.money(r.differsFrom().get()) + " was asked, but the payer"
            + " paid " + Show.money(r.amount()) + ". The payment is kept; settle the difference"
            + " with the payer before handing over the goods.");
      }
      out.println(noRedeem ? "Not redeemed yet; balance " + Show.money(home.purse().balance())
          + "." : "Redeemed into your MonEbox: balance now " + Show.money(home.purse().balance())
          + ".");
      return 0;
    }
  }

  static String receipt(Receipt r) {
    return "Received " + Show.money(r.amount()) + " at " + Show.time(r.receivedAt())
        + " (payment #" + r.seq() + " on your ART " + r.artId().shortHex() + ", "
        + Show.money(r.artTotal()) + " on it so far).";
  }
}
