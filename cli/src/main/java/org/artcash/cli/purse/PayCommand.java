package org.artcash.cli.purse;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.artcash.cli.console.Json;
import org.artcash.cli.console.Prompt;
import org.artcash.cli.console.Show;
import org.artcash.cli.http.WebClient;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.money.Amount;
import org.artcash.purse.PaymentPreview;
import org.artcash.purse.budget.Budget;
import org.artcash.purse.channel.Messages;
import org.artcash.purse.schedule.PaymentSchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code artcash purse pay}: the payer's side of diagram 2 (de Jong 2024, sec. 4.1). */
@Command(name = "pay", mixinStandardHelpOptions = true,
    description = "Pays a payment request: shows who is paid and how much, asks for your approval,"
        + " and produces the transfer token for the payee (printed as an artcash: link, and sent"
        + " to the payee's address or written as a file or QR code, if asked).")
final class PayCommand extends Common {
  @Parameters(arity = "0..*", paramLabel = "REQUEST",
      description = "The payee's request: an artcash: link, a file, QR code image(s) (all parts of"
          + " a split one), '-' for standard input, or the payee's http:// address.")
  List<String> inputs;

  @Option(names = "--to", paramLabel = "URL",
      description = "The payee's address ('artcash purse serve'): without REQUEST the request is"
          + " fetched from it; the token is sent to it.")
  String to;

  @Option(names = "--amount", paramLabel = "AMOUNT",
      description = "The amount to pay, when the request names none (or to confirm the one it"
          + " names).")
  String amount;

  @Option(names = "--jar", paramLabel = "NAME", description = "Take the money from this jar.")
  String jar;

  @Option(names = {"-y", "--yes"}, description = "Approve without asking.")
  boolean yes;

  @Mixin
  Outbox outbox;

  @Override
  int run() throws Exception {
    List<String> in = inputs == null ? List.of() : inputs;
    URI source = null;
    if (in.size() == 1 && WebClient.isAddress(in.get(0))) {
      source = WebClient.address(in.get(0));
      in = List.of();
    }
    URI deliverTo = to == null ? source : WebClient.address(to);
    if (in.isEmpty() && source == null) {
      source = deliverTo;
    }
    if (in.isEmpty() && source == null) {
      throw new ArtcashException(Reason.MALFORMED, "give the payee's request (a link, a file or a"
          + " QR code image) or the payee's address with --to");
    }
    try (PurseHome home = open()) {
      Optional<Amount> chosen = optionalAmount(home.currency(), amount, "the amount");
      PaymentRequest request;
      if (!in.isEmpty()) {
        request = Inbox.read(in).request();
      } else {
        note("asking the payee at " + source + " for a payment request...");
        String path = "/artcash/request" + chosen.map(a -> "?amount="
            + URLEncoder.encode(Show.number(a), StandardCharsets.UTF_8)).orElse("");
        request = Messages.read(List.of(new WebClient(source, "the payee").getText(path)))
            .request();
      }
      return pay(home, request, chosen, deliverTo);
    }
  }

  private int pay(PurseHome home, PaymentRequest request, Optional<Amount> chosen, URI deliverTo)
      throws Exception {
    PrintWriter out = out();
    PaymentPreview p = home.purse().preview(request);
    Optional<Amount> asked = p.requestedAmount();
    if (asked.isPresent() && chosen.isPresent() && !asked.get().equals(chosen.get())) {
      throw new ArtcashException(Reason.AMOUNT_MISMATCH, "the payee asks for " + asked.get()
          + ", not " + chosen.get() + "; pay the amount asked, or ask the payee for a new request");
    }
    Amount amount = asked.or(() -> chosen).orElseThrow(() -> new ArtcashException(
        Reason.MALFORMED, "the request from '" + p.payeeInfo() + "' names no amount; give the"
            + " amount you agreed with --amount"));
    if (!json) {
      out.println("Pay to      " + p.payeeInfo()
          + (p.payeeAccount().isEmpty() ? "" : " (account " + p.payeeAccount() + ")"));
      out.println("Amount      " + Show.money(amount) + (asked.isPresent() ? " (asked by the payee)"
          : " (your amount; the payee's request names none)"));
      out.println("Payee's ART " + p.artId().shortHex() + ", valid until "
          + Show.time(p.artExpires()));
      out.println("You have    " + Show.money(p.balance())
          + (p.unredeemed().isZero() ? "" : " + " + Show.money(p.unredeemed())
              + " received, redeemed first if needed"));
      out.flush();
    }
    Budget budget = new Budget(home.store());
    Amount spendable = p.balance().plus(p.unredeemed());
    if (!p.isRetry() && spendable.compareTo(amount) < 0) {
      throw new ArtcashException(Reason.INSUFFICIENT_FUNDS, "you have " + Show.money(spendable)
          + " (money received included); " + Show.money(amount) + " cannot be paid");
    }
    boolean approved = yes;
    if (p.isRetry()) {
      note("You paid this request already (" + Show.money(p.earlier().get().amount()) + " at "
          + Show.time(p.earlier().get().paidAt()) + "): the same token is handed over again;"
          + " no money moves.");
      approved = true;
    } else {
      if (jar != null) {
        budget.check(jar, amount);
      } else {
        Budget.Overview o = budget.overview(spendable);
        if (!o.jars().isEmpty() && o.outsideJars().compareTo(amount) < 0) {
          note("Warning: only " + Show.money(o.outsideJars()) + " is in no jar; this payment"
              + " takes money set aside in jars. Use --jar NAME to take it from a jar.");
        }
      }
      if (spendable.compareTo(amount) >= 0) {
        warnShortfalls(home, spendable.minus(amount));
      }
      if (!approved) {
        if (json) {
          throw new ArtcashException(Reason.MALFORMED, "with --json, approve with --yes: there is"
              + " no one to ask");
        }
        approved = Prompt.confirm(out, "Pay " + Show.money(amount) + " to '" + p.payeeInfo()
            + "'?");
      }
    }
    if (!approved) {
      out.println("Not paid; nothing changed.");
      return 1;
    }
    TransferToken token = Pay.withButton(home, request, amount, this::note);
    if (jar != null && !p.isRetry()) {
      budget.spend(jar, amount, request.state().stateHash(), p.payeeInfo(), home.now());
    }
    if (!json) {
      out.println("Paid " + Show.money(amount) + " to '" + p.payeeInfo() + "' (payment #"
          + token.record().seq() + " on ART " + p.artId().shortHex() + "). Balance now "
          + Show.money(home.purse().balance()) + ".");
      out.println("Transfer token for the payee (also your proof of payment):");
    }
    Outbox.Delivered d = outbox.deliver(Messages.TOKEN, token.encode(), out, json);
    String delivery = null;
    int code = 0;
    if (deliverTo != null) {
      try {
        delivery = new WebClient(deliverTo, "the payee").postText("/artcash/token", d.link());
        if (!json) {
          out.println("The payee at " + deliverTo + " answered: " + delivery);
        }
      } catch (ArtcashException e) {
        note("The token could not be delivered to " + deliverTo + " (" + e.getMessage() + "); it"
            + " is kept: run the same command again to send it, or give the payee the link.");
        code = 1;
      }
    }
    if (json) {
      Json j = Json.object().put("paid", Show.money(amount)).put("payeeInfo", p.payeeInfo())
          .put("art", p.artId().hex()).put("seq", token.record().seq())
          .put("retry", p.isRetry()).put("balance", Show.money(home.purse().balance()))
          .put("payeeAnswer", delivery);
      d.into(j);
      print(j);
    }
    return code;
  }

  private void warnShortfalls(PurseHome home, Amount left) throws ArtcashException {
    PaymentSchedule schedule = new PaymentSchedule(home.store(), Show.zone());
    for (PaymentSchedule.Shortfall f : schedule.shortfalls(left,
        home.now().plus(ScheduleCommand.HORIZON))) {
      note("Warning: after this payment, pre-authorised payment #" + f.entry().id() + " '"
          + f.entry().label() + "' of " + Show.money(f.entry().amount()) + " due "
          + Show.time(f.due()) + " would be short by " + Show.money(f.shortBy()) + ".");
    }
  }
}
