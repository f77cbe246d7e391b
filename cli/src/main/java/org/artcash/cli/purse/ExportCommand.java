package org.artcash.cli.purse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.artcash.cli.console.Show;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.money.Amount;
import org.artcash.purse.channel.Messages;
import org.artcash.purse.store.HistoryEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code artcash purse export}: payments for the bookkeeping (de Jong 2024, sec. 4.1: "the entering
 * of e-cash payments in a financial administration package"), each with its transfer token as
 * proof, which {@code artcash verify} checks with the root of trust alone.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Exports payments made and received for the bookkeeping, as CSV or as a"
        + " bank-statement style text; every line carries its transfer token as proof.")
final class ExportCommand extends Common {
  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "statement",
      description = "csv or statement (default ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write to FILE instead of the screen.")
  Path output;

  @Option(names = "--from", paramLabel = "DATE", description = "First day, e.g. 2026-01-01.")
  String from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last day, e.g. 2026-12-31.")
  String to;

  @Override
  int run() throws Exception {
    String f = format.strip().toLowerCase(Locale.ROOT);
    if (!f.equals("csv") && !f.equals("statement")) {
      throw new ArtcashException(Reason.MALFORMED, "the format is csv or statement, not '"
          + format + "'");
    }
    Instant start = from == null ? Instant.MIN : day(from).atStartOfDay(Show.zone()).toInstant();
    Instant end = to == null ? Instant.MAX
        : day(to).plusDays(1).atStartOfDay(Show.zone()).toInstant();
    try (PurseHome home = open()) {
      List<Ledger.Line> all = Ledger.lines(home);
      StringWriter text = new StringWriter();
      PrintWriter w = new PrintWriter(text);
      if (f.equals("csv")) {
        csv(w, all, start, end);
      } else {
        statement(w, home, all, start, end);
      }
      w.flush();
      if (output == null) {
        out().print(text);
        out().flush();
      } else {
        try {
          Files.writeString(output, text.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new ArtcashException(Reason.STORAGE_FAILURE, "cannot write " + output + ": "
              + e.getMessage(), e);
        }
        out().println("Exported " + count(all, start, end) + " payment(s) to " + output + ".");
      }
      return 0;
    }
  }

  private static void csv(PrintWriter w, List<Ledger.Line> lines, Instant start, Instant end) {
    w.print("time,direction,counterparty,amount,currency,art,payment,proof\r\n");
    for (Ledger.Line l : lines) {
      HistoryEntry e = l.entry();
      if (e.time().isBefore(start) || !e.time().isBefore(end)) {
        continue;
      }
      boolean paid = e.direction() == HistoryEntry.Direction.PAID;
      w.print(String.join(",", Show.iso(e.time()), paid ? "paid" : "received",
          quote(e.counterparty()), (paid ? "-" : "") + Show.number(e.amount()),
          e.amount().currency().code(), e.artId().hex(), String.valueOf(e.seq()),
          Messages.link(Messages.TOKEN, l.proof().encode())) + "\r\n");
    }
  }

  private static void statement(PrintWriter w, PurseHome home, List<Ledger.Line> lines,
      Instant start, Instant end) throws ArtcashException {
    Amount zero = Amount.zero(home.currency());
    long running = 0;
    long opening = 0;
    w.println("Statement of the e-purse of " + home.payeeInfo());
    w.println("Currency " + zero.currency() + "; times in " + Show.zone().getId()
        + "; each line's proof is its transfer token ('artcash verify' checks it).");
    w.println();
    w.println(String.format("%-19s  %-40s %12s %12s %12s", "Date", "Description", "Paid out",
        "Paid in", "Balance"));
    boolean openingShown = false;
    long in = 0;
    long outTotal = 0;
    for (Ledger.Line l : lines) {
      HistoryEntry e = l.entry();
      long signed = e.direction() == HistoryEntry.Direction.PAID ? -e.amount().minor()
          : e.amount().minor();
      if (e.time().isBefore(start)) {
        running += signed;
        opening = running;
        continue;
      }
      if (!e.time().isBefore(end)) {
        break;
      }
      if (!openingShown) {
        w.println(String.format("%-19s  %-40s %12s %12s %12s", "", "Opening balance", "", "",
            signed(zero, opening)));
        openingShown = true;
      }
      running += signed;
      boolean paid = signed < 0;
      if (paid) {
        outTotal += e.amount().minor();
      } else {
        in += e.amount().minor();
      }
      String description = paid ? e.counterparty() : "Received on '" + e.payeeInfo() + "'";
      w.println(String.format("%-19s  %-40s %12s %12s %12s",
          Show.time(e.time()).substring(0, 19), clip(description, 40),
          paid ? Show.number(e.amount()) : "", paid ? "" : Show.number(e.amount()),
          signed(zero, running)));
      w.println("    ART " + e.artId().shortHex() + " payment #" + e.seq() + ", proof: "
          + Messages.link(Messages.TOKEN, l.proof().encode()));
    }
    w.println();
    w.println(String.format("%-19s  %-40s %12s %12s %12s", "", "Totals / closing balance",
        Show.number(Amount.of(zero.currency(), outTotal)),
        Show.number(Amount.of(zero.currency(), in)),
        signed(zero, running)));
  }

  /** A running balance, which the order of same-second entries may take below zero. */
  private static String signed(Amount zero, long minor) {
    return (minor < 0 ? "-" : "") + Show.number(Amount.of(zero.currency(), Math.abs(minor)));
  }

  private static long count(List<Ledger.Line> lines, Instant start, Instant end) {
    return lines.stream().filter(l -> !l.entry().time().isBefore(start)
        && l.entry().time().isBefore(end)).count();
  }

  private static LocalDate day(String text) throws ArtcashException {
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new ArtcashException(Reason.MALFORMED, "'" + text + "' is not a date like 2026-01-31");
    }
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  private static String clip(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "\u2026";
  }
}
