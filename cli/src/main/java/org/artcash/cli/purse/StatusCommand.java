package org.artcash.cli.purse;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.artcash.cli.console.Json;
import org.artcash.cli.console.Show;
import org.artcash.monebox.MonEboxStatus;
import org.artcash.purse.PurseStatus;
import org.artcash.purse.budget.Budget;
import org.artcash.purse.schedule.PaymentSchedule;
import org.artcash.purse.schedule.StandingArts;
import org.artcash.purse.store.ArtStatus;
import org.artcash.purse.store.PaymentIntent;
import picocli.CommandLine.Command;

/** {@code artcash purse status}. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Shows the balance, money received and not yet redeemed, credentials and when"
        + " they expire, jars, payments due, and anything that needs attention.")
final class StatusCommand extends Common {
  /** Scheduled payments due within this time are shown. */
  static final Duration SOON = Duration.ofDays(7);

  @Override
  int run() throws Exception {
    try (PurseHome home = open()) {
      PurseStatus s = home.purse().status();
      MonEboxStatus box = home.monEbox();
      Instant now = home.now();
      List<PaymentIntent> unsettled = home.purse().unsettledPayments();
      Budget.Overview jars = new Budget(home.store()).overview(s.spendable());
      PaymentSchedule schedule = new PaymentSchedule(home.store(), Show.zone());
      List<PaymentSchedule.Upcoming> soon = schedule.upcoming(now.plus(SOON), false);
      List<PaymentSchedule.Shortfall> shortfalls =
          schedule.shortfalls(s.spendable(), now.plus(ScheduleCommand.HORIZON));
      int standing = StandingArts.countInUse(home.store());
      if (json) {
        Json j = Json.object().put("payeeInfo", home.payeeInfo())
            .put("monebox", home.device().recorded())
            .put("balance", Show.money(s.balance())).put("unredeemed", Show.money(s.unredeemed()))
            .put("spendable", Show.money(s.spendable())).put("at", Show.iso(s.at()));
        List<Object> keys = j.list("paymentKeys");
        for (MonEboxStatus.PaymentKeyInfo k : box.paymentKeys()) {
          keys.add(Json.object().put("class", k.classId()).put("certified", k.certified())
              .put("maxPayment", Show.money(k.maxSinglePayment())).put("usesLeft", k.usesLeft())
              .put("validUntil", Show.iso(k.notAfter())));
        }
        List<Object> arts = j.list("arts");
        for (PurseStatus.ArtSummary a : s.arts()) {
          arts.add(Json.object().put("art", a.artId().hex()).put("status", a.status().name())
              .put("received", Show.money(a.received())).put("redeemed", Show.money(a.redeemed()))
              .put("canTake", Show.money(a.headroom())).put("paymentsLeft", a.paymentsLeft())
              .put("validUntil", Show.iso(a.notAfter())));
        }
        j.put("usableArts", s.usableArts()).put("standingRequests", standing);
        List<Object> js = j.list("jars");
        for (Budget.Jar jar : jars.jars()) {
          js.add(Json.object().put("name", jar.name()).put("balance", Show.money(jar.balance())));
        }
        j.put("outsideJars", Show.money(jars.outsideJars()));
        List<Object> due = j.list("dueSoon");
        for (PaymentSchedule.Upcoming u : soon) {
          due.add(Json.object().put("id", u.entry().id()).put("label", u.entry().label())
              .put("amount", Show.money(u.entry().amount())).put("due", Show.iso(u.due()))
              .put("preauthorised", u.entry().preauthorised()));
        }
        List<Object> shorts = j.list("shortfalls");
        for (PaymentSchedule.Shortfall f : shortfalls) {
          shorts.add(Json.object().put("id", f.entry().id()).put("label", f.entry().label())
              .put("due", Show.iso(f.due())).put("shortBy", Show.money(f.shortBy())));
        }
        j.put("unsettledPayments", unsettled.size());
        print(j);
        return 0;
      }
      PrintWriter out = out();
      out.println("E-purse of " + home.payeeInfo() + " (" + home.dir() + ")");
      out.println("  balance                     " + Show.money(s.balance()));
      out.println("  received, not yet redeemed  " + Show.money(s.unredeemed())
          + (s.unredeemed().isZero() ? "" : "   (run 'artcash purse redeem')"));
      out.println("  spendable                   " + Show.money(s.spendable()));
      out.println("  MonEbox                     " + home.device().describe());
      out.println();
      out.println("Payment keys (to pay; certified blind by the issuer):");
      if (box.paymentKeys().isEmpty()) {
        out.println("  none: run 'artcash purse refresh'");
      }
      for (MonEboxStatus.PaymentKeyInfo k : box.paymentKeys()) {
        out.println("  class " + k.classId() + ": up to " + Show.money(k.maxSinglePayment())
            + " a payment, " + k.usesLeft() + " payment(s) left, valid until "
            + Show.time(k.notAfter()) + (k.certified() ? "" : " (certificate not yet received)"));
      }
      out.println();
      out.println("ARTs (to receive payments): " + s.usableArts() + " ready"
          + (standing > 0 ? ", " + standing + " standing with one payer or point of sale" : ""));
      for (PurseStatus.ArtSummary a : s.arts()) {
        out.println("  " + a.artId().shortHex() + "  " + describe(a.status())
            + ", received " + Show.money(a.received())
            + (a.received().equals(a.redeemed()) ? "" : " (" + Show.money(a.redeemed())
                + " redeemed)")
            + ", can take " + Show.money(a.headroom()) + " more, valid until "
            + Show.time(a.notAfter()));
      }
      if (!jars.jars().isEmpty()) {
        out.println();
        out.println("Jars:");
        for (Budget.Jar jar : jars.jars()) {
          out.println(String.format("  %-20s %s", jar.name(), Show.money(jar.balance())));
        }
        out.println(String.format("  %-20s %s", "(in no jar)", Show.money(jars.outsideJars())));
        if (!jars.overAllocated().isZero()) {
          out.println("  Warning: the jars hold " + Show.money(jars.overAllocated()) + " more than"
              + " the e-purse; take it out of a jar ('artcash purse jar take').");
        }
      }
      if (!soon.isEmpty()) {
        out.println();
        out.println("Scheduled payments due within " + SOON.toDays() + " days:");
        for (PaymentSchedule.Upcoming u : soon) {
          out.println("  #" + u.entry().id() + " " + u.entry().label() + ": "
              + Show.money(u.entry().amount()) + " due " + Show.time(u.due())
              + (u.entry().preauthorised() ? " (pre-authorised)"
                  : " (needs your approval: 'artcash purse schedule run')"));
        }
      }
      for (PaymentSchedule.Shortfall f : shortfalls) {
        out.println("  Warning: pre-authorised payment #" + f.entry().id() + " '"
            + f.entry().label() + "' due " + Show.time(f.due()) + " is short by "
            + Show.money(f.shortBy()) + ".");
      }
      if (!unsettled.isEmpty()) {
        out.println();
        out.println("Payments approved whose outcome is not settled:");
        for (PaymentIntent i : unsettled) {
          out.println("  " + i.describe() + ": " + i.status()
              + i.outcomeMessage().map(m -> " (" + m + ")").orElse(""));
        }
      }
      return 0;
    }
  }

  private static String describe(ArtStatus status) {
    return switch (status) {
      case FREE -> "ready";
      case IN_USE -> "in an open request";
      case RETIRED -> "retired (returns to the issuer at the next refresh)";
      case RETURNED -> "returned";
    };
  }

}
