package org.artcash.cli.purse;

import java.io.PrintWriter;
import java.util.Optional;
import org.artcash.cli.console.Json;
import org.artcash.cli.console.Show;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.money.Amount;
import org.artcash.purse.channel.Messages;
import org.artcash.purse.schedule.StandingArts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code artcash purse request}: the payee's first message (de Jong 2024, diagram 2). */
@Command(name = "request", mixinStandardHelpOptions = true,
    description = "Makes a payment request, for an amount or for any amount the payer chooses,"
        + " and prints it as an artcash: link (and as a file or QR code, if asked).")
final class RequestCommand extends Common {
  @Option(names = "--amount", paramLabel = "AMOUNT",
      description = "The amount to ask for, e.g. 12.50; without it the payer chooses.")
  String amount;

  @Option(names = "--early",
      description = "An early request for a payer's payment schedule: no amount, and the ART stays"
          + " with that payer for several agreed payments (rent, energy) until it expires or the"
          + " request is cancelled.")
  boolean early;

  @Mixin
  Outbox outbox;

  @Override
  int run() throws Exception {
    if (early && amount != null) {
      throw new ArtcashException(Reason.MALFORMED, "an early request names no amount: the payer"
          + " pays the amounts agreed with you; leave out --amount or --early");
    }
    try (PurseHome home = open()) {
      Optional<Amount> asked = optionalAmount(home.currency(), amount, "the amount");
      PaymentRequest request = early ? new StandingArts(home.purse(), home.store()).open()
          : home.purse().requestPayment(asked);
      ArtConfig art = request.state().config();
      PrintWriter out = out();
      if (!json) {
        out.println((early ? "Early payment request" : "Payment request") + " to '"
            + art.payeeInfo() + "' for " + asked.map(Show::money).orElse("an amount the payer"
                + " chooses") + " (ART " + art.artId().shortHex() + ", payable until "
            + Show.time(art.notAfter()) + "; can take up to "
            + Show.money(Amount.of(art.currency(), request.state().headroom())) + "):");
      }
      Outbox.Delivered d = outbox.deliver(Messages.REQUEST, request.encode(), out, json);
      if (json) {
        Json j = Json.object().put("art", art.artId().hex()).put("payeeInfo", art.payeeInfo())
            .put("amount", asked.map(Show::money).orElse(null)).put("early", early)
            .put("validUntil", Show.iso(art.notAfter()));
        d.into(j);
        print(j);
      } else {
        out.println("When the payer's token arrives: artcash purse accept TOKEN");
      }
      return 0;
    }
  }
}
