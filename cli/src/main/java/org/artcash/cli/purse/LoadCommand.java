package org.artcash.cli.purse;

import java.io.PrintWriter;
import java.util.Optional;
import org.artcash.cli.console.Json;
import org.artcash.cli.console.Show;
import org.artcash.cli.issuer.RemoteIssuer;
import org.artcash.core.ArtcashException;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.money.Amount;
import org.artcash.purse.Receipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code artcash purse load}: e-cash from the development issuer's cash desk. */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Gets e-cash from the development issuer's cash desk (standing in for buying it"
        + " at a bank or post office): a payment to this e-purse, accepted and redeemed.")
final class LoadCommand extends Common {
  @Parameters(index = "0", paramLabel = "AMOUNT", description = "How much, e.g. 50.00.")
  String amount;

  @Override
  int run() throws Exception {
    try (PurseHome home = open()) {
      Amount a = amount(home.currency(), amount, "the amount");
      RemoteIssuer issuer = home.issuer();
      PaymentRequest request = home.purse().requestPayment(Optional.of(a));
      TransferToken token;
      try {
        note("asking the issuer's cash desk for " + Show.money(a) + "...");
        token = issuer.cashDesk(request);
      } catch (ArtcashException e) {
        // Its state went out: retire the ART (a late token for it is still accepted).
        home.purse().cancelRequest(request.state().config().artId());
        throw e;
      }
      Receipt r = home.purse().accept(token, a);
      home.purse().redeemAll();
      Amount balance = home.purse().balance();
      if (json) {
        print(Json.object().put("loaded", Show.money(r.amount()))
            .put("balance", Show.money(balance)));
        return 0;
      }
      PrintWriter out = out();
      out.println("Loaded " + Show.money(r.amount()) + " from the issuer's cash desk. Balance now "
          + Show.money(balance) + ".");
      return 0;
    }
  }
}
