package org.artcash.cli.purse;

import java.io.PrintWriter;
import java.util.List;
import org.artcash.cli.console.Json;
import org.artcash.cli.console.Show;
import org.artcash.purse.store.HistoryEntry;
import picocli.CommandLine.Command;

/** {@code artcash purse history}. */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = "Lists the payments made and received, oldest first, in local time.")
final class HistoryCommand extends Common {
  @Override
  int run() throws Exception {
    try (PurseHome home = open()) {
      List<HistoryEntry> entries = home.purse().history();
      if (json) {
        Json j = Json.object();
        List<Object> list = j.list("payments");
        for (HistoryEntry e : entries) {
          list.add(Json.object().put("direction", e.direction().name())
              .put("time", Show.iso(e.time())).put("amount", Show.money(e.amount()))
              .put("counterparty", e.counterparty()).put("art", e.artId().hex())
              .put("seq", e.seq()));
        }
        print(j);
        return 0;
      }
      PrintWriter out = out();
      if (entries.isEmpty()) {
        out.println("No payments yet.");
        return 0;
      }
      out.println(String.format("%-23s  %-8s  %14s  %s", "When (" + Show.zone().getId() + ")",
          "", "Amount", "To / from"));
      for (HistoryEntry e : entries) {
        boolean paid = e.direction() == HistoryEntry.Direction.PAID;
        out.println(String.format("%-23s  %-8s  %14s  %s   (ART %s #%d)", Show.time(e.time()),
            paid ? "paid" : "received", (paid ? "-" : "+") + Show.money(e.amount()),
            e.counterparty(), e.artId().shortHex(), e.seq()));
      }
      return 0;
    }
  }
}
