package org.artcash.cli.purse;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.artcash.cli.console.Json;
import org.artcash.cli.console.Prompt;
import org.artcash.cli.console.Show;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.money.Amount;
import org.artcash.purse.budget.Budget;
import org.artcash.purse.channel.Messages;
import org.artcash.purse.schedule.PaymentSchedule;
import org.artcash.purse.schedule.Recurrence;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code artcash purse schedule}: the payment schedule (de Jong 2024, sec. 4.1, fig. 11). */
@Command(name = "schedule", mixinStandardHelpOptions = true,
    description = "Scheduled payments to a payee's early request: once by a date, or recurring"
        + " (rent, energy); pre-authorised, or asking for your approval when due.",
    subcommands = {ScheduleCommand.Add.class, ScheduleCommand.ListCmd.class,
        ScheduleCommand.Run.class, ScheduleCommand.Cancel.class})
final class ScheduleCommand implements Runnable {
  /** How far ahead pre-authorised payments are counted when warning of a shortfall. */
  static final Duration HORIZON = Duration.ofDays(31);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static Json json(PaymentSchedule.Entry e) {
    return Json.object().put("id", e.id()).put("label", e.label()).put("payeeInfo", e.payeeInfo())
        .put("amount", Show.money(e.amount())).put("recurrence", e.recurrence().describe())
        .put("nextDue", Show.iso(e.nextDue())).put("paymentsMade", e.paymentsMade())
        .put("preauthorised", e.preauthorised()).put("jar", e.jar().orElse(null))
        .put("status", e.status().name()).put("artExpires", Show.iso(e.artExpires()));
  }

  static String line(PaymentSchedule.Entry e) {
    String when = switch (e.status()) {
      case ACTIVE -> "next due " + Show.time(e.nextDue());
      case DONE -> "done";
      case CANCELLED -> "cancelled";
    };
    return "#" + e.id() + " " + e.label() + ": " + Show.money(e.amount()) + " to '"
        + e.payeeInfo() + "', " + e.recurrence().describe() + ", " + when + ", "
        + e.paymentsMade() + " paid" + (e.preauthorised() ? ", pre-authorised" : "")
        + e.jar().map(j -> ", from jar '" + j + "'").orElse("");
  }

  /** A day (at 00:00 local time) or a local date and time. */
  static Instant when(String text) throws ArtcashException {
    String t = text.strip();
    try {
      if (t.length() <= 10) {
        return LocalDate.parse(t).atStartOfDay(Show.zone()).toInstant();
      }
      return LocalDateTime.parse(t).atZone(Show.zone()).toInstant();
    } catch (DateTimeParseException e) {
      throw new ArtcashException(Reason.MALFORMED, "'" + text + "' is not a date like 2026-06-01"
          + " or a date and time like 2026-06-01T09:00");
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Schedules payments to the payee of an (early) payment request.")
  static final class Add extends Common {
    @Parameters(arity = "1..*", paramLabel = "REQUEST",
        description = "The payee's early request: an artcash: link, a file or QR code image(s).")
    List<String> inputs;

    @Option(names = "--amount", paramLabel = "AMOUNT", required = true,
        description = "The amount agreed with the payee, paid each time.")
    String amount;

    @Option(names = "--every", paramLabel = "WHEN", defaultValue = "once",
        description = "once (a payment due by a date), daily, weekly or monthly.")
    String every;

    @Option(names = "--first", paramLabel = "DATE",
        description = "When the first payment is due (default: now), e.g. 2026-06-01.")
    String first;

    @Option(names = "--until", paramLabel = "DATE", description = "No payments after this date.")
    String until;

    @Option(names = "--preauthorise",
        description = "Pay when due without asking ('schedule run' pays it).")
    boolean preauthorise;

    @Option(names = "--jar", paramLabel = "NAME", description = "Take the payments from a jar.")
    String jar;

    @Option(names = "--label", paramLabel = "TEXT", description = "What it is for, e.g. Rent.")
    String label;

    @Override
    int run() throws Exception {
      PaymentRequest request = Inbox.read(inputs).request();
      Recurrence recurrence = Recurrence.parse(every);
      try (PurseHome home = open()) {
        Amount a = amount(home.currency(), amount, "the amount");
        if (jar != null && new Budget(home.store()).jars().stream()
            .noneMatch(j -> j.name().equals(jar.strip()))) {
          throw new ArtcashException(Reason.NOT_FOUND, "there is no jar named '" + jar + "'");
        }
        Instant firstDue = first == null ? home.now() : when(first);
        Optional<Instant> end = until == null ? Optional.empty()
            : Optional.of(when(until).plus(Duration.ofDays(1)).minusSeconds(1));
        home.purse().preview(request); // the payee's ART verifies under the root of trust
        PaymentSchedule schedule = new PaymentSchedule(home.store(), Show.zone());
        PaymentSchedule.Entry e = schedule.add(label, request, a, recurrence, firstDue, end,
            preauthorise, Optional.ofNullable(jar), home.now());
        if (json) {
          print(json(e));
          return 0;
        }
        out().println("Scheduled " + line(e) + ".");
        out().println("The payee's ART takes payments until " + Show.time(e.artExpires())
            + "; after that the payee sends a fresh early request.");
        List<PaymentSchedule.Shortfall> shorts = schedule.shortfalls(home.spendable(),
            home.now().plus(HORIZON));
        for (PaymentSchedule.Shortfall f : shorts) {
          note("Warning: pre-authorised payment #" + f.entry().id() + " '" + f.entry().label()
              + "' due " + Show.time(f.due()) + " is short by " + Show.money(f.shortBy()) + ".");
        }
        return 0;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Shows the schedule, with warnings for payments the money would not cover.")
  static final class ListCmd extends Common {
    @Override
    int run() throws Exception {
      try (PurseHome home = open()) {
        PaymentSchedule schedule = new PaymentSchedule(home.store(), Show.zone());
        List<PaymentSchedule.Entry> entries = schedule.list();
        List<PaymentSchedule.Shortfall> shorts = schedule.shortfalls(home.spendable(),
            home.now().plus(HORIZON));
        if (json) {
          Json j = Json.object();
          List<Object> list = j.list("entries");
          entries.forEach(e -> list.add(json(e)));
          List<Object> s = j.list("shortfalls");
          for (PaymentSchedule.Shortfall f : shorts) {
            s.add(Json.object().put("id", f.entry().id()).put("due", Show.iso(f.due()))
                .put("shortBy", Show.money(f.shortBy())));
          }
          print(j);
          return 0;
        }
        PrintWriter out = out();
        if (entries.isEmpty()) {
          out.println("Nothing scheduled.");
        }
        Instant now = home.now();
        for (PaymentSchedule.Entry e : entries) {
          out.println("  " + line(e));
          if (e.status() == PaymentSchedule.Status.ACTIVE && e.nextDue().isAfter(e.artExpires())) {
            out.println("    the payee's ART expires " + Show.time(e.artExpires()) + ", before"
                + " this payment is due: ask the payee for a fresh early request");
          } else if (e.isDue(now) && !e.preauthorised()) {
            out.println("    due now and waiting for your approval: artcash purse schedule run");
          }
        }
        for (PaymentSchedule.Shortfall f : shorts) {
          out.println("Warning: pre-authorised payment #" + f.entry().id() + " '"
              + f.entry().label() + "' due " + Show.time(f.due()) + " is short by "
              + Show.money(f.shortBy()) + "; load or receive money before then.");
        }
        return 0;
      }
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Makes the payments that are due: pre-authorised ones at once, others after"
          + " asking. Each token is printed (and written to --out DIR) for the payee, who accepts"
          + " them in order.")
  static final class Run extends Common {
    @Option(names = {"-y", "--yes"}, description = "Approve every payment due without asking.")
    boolean yes;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Also write each token to DIR as a file.")
    Path outDir;

    @Override
    int run() throws Exception {
      try (PurseHome home = open()) {
        PaymentSchedule schedule = new PaymentSchedule(home.store(), Show.zone());
        PrintWriter out = out();
        Json j = Json.object();
        List<Object> paid = j.list("paid");
        List<Object> skipped = j.list("notPaid");
        int failures = 0;
        boolean any = false;
        for (PaymentSchedule.Entry due : schedule.due(home.now())) {
          PaymentSchedule.Entry e = due;
          while (e.isDue(home.now())) {
            any = true;
            if (!e.preauthorised() && !yes) {
              if (json || !Prompt.confirm(out, "Pay scheduled #" + e.id() + " '" + e.label()
                  + "': " + Show.money(e.amount()) + " to '" + e.payeeInfo() + "', due "
                  + Show.time(e.nextDue()) + "?")) {
                skipped.add(Json.object().put("id", e.id()).put("reason", "not approved"));
                if (!json) {
                  out.println("  #" + e.id() + " not paid (not approved); it stays due.");
                }
                break;
              }
            }
            TransferToken token;
            try {
              token = Pay.withButton(home, schedule.nextRequest(e), e.amount(), this::note);
            } catch (ArtcashException ex) {
              failures++;
              skipped.add(Json.object().put("id", e.id()).put("reason", ex.reason().name())
                  .put("message", ex.getMessage()));
              note("#" + e.id() + " '" + e.label() + "' not paid [" + ex.reason() + "]: "
                  + ex.getMessage());
              break;
            }
            Instant dueAt = e.nextDue();
            e = schedule.recordPaid(e, token, home.now());
            if (e.jar().isPresent()) {
              new Budget(home.store()).spend(e.jar().get(), e.amount(),
                  token.record().prevHash(), e.payeeInfo(), home.now());
            }
            String link = Messages.link(Messages.TOKEN, token.encode());
            Path file = outDir == null ? null : write(outDir, e, token, link);
            paid.add(Json.object().put("id", e.id()).put("amount", Show.money(e.amount()))
                .put("due", Show.iso(dueAt)).put("seq", token.record().seq()).put("link", link)
                .put("file", file == null ? null : file.toString()));
            if (!json) {
              out.println("Paid #" + e.id() + " '" + e.label() + "': " + Show.money(e.amount())
                  + " to '" + e.payeeInfo() + "' (due " + Show.time(dueAt) + "). Token for the"
                  + " payee" + (file == null ? ":" : " (also in " + file + "):"));
              out.println(link);
            }
          }
        }
        if (json) {
          print(j.put("balance", Show.money(home.purse().balance())));
        } else if (!any) {
          out.println("Nothing is due.");
        } else {
          out.println("Balance now " + Show.money(home.purse().balance()) + ".");
        }
        return failures == 0 ? 0 : 1;
      }
    }

    private static Path write(Path dir, PaymentSchedule.Entry e, TransferToken token, String link)
        throws ArtcashException {
      Path file = dir.resolve("schedule-" + e.id() + "-payment-" + token.record().seq()
          + ".artcash");
      try {
        Files.createDirectories(dir);
        Files.writeString(file, link + "\n");
      } catch (IOException ex) {
        throw new ArtcashException(Reason.STORAGE_FAILURE, "cannot write " + file + ": "
            + ex.getMessage(), ex);
      }
      return file;
    }
  }

  @Command(name = "cancel", mixinStandardHelpOptions = true,
      description = "Stops a scheduled payment.")
  static final class Cancel extends Common {
    @Parameters(index = "0", paramLabel = "ID", description = "The number 'schedule list' shows.")
    String idText;

    @Override
    int run() throws Exception {
      long id;
      try {
        id = Long.parseLong(idText.strip().replaceFirst("^#", ""));
      } catch (NumberFormatException e) {
        throw new ArtcashException(Reason.MALFORMED, "'" + idText + "' is not the number of a"
            + " scheduled payment; 'artcash purse schedule list' shows them");
      }
      try (PurseHome home = open()) {
        PaymentSchedule schedule = new PaymentSchedule(home.store(), Show.zone());
        if (!schedule.cancel(id)) {
          throw new ArtcashException(Reason.NOT_FOUND, "there is no active scheduled payment #"
              + id);
        }
        out().println("Cancelled " + line(schedule.find(id).orElseThrow()) + ".");
        return 0;
      }
    }
  }
}
