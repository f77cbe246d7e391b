package org.artcash.cli.purse;

import java.io.PrintWriter;
import java.util.List;
import org.artcash.cli.console.Json;
import org.artcash.core.ArtcashException;
import picocli.CommandLine.Command;

/** {@code artcash purse readers}: the PC/SC card readers of this computer, for {@code --reader}. */
@Command(name = "readers", mixinStandardHelpOptions = true,
    description = "Lists the smart card readers (PC/SC) on this computer and whether a card is in"
        + " each, for 'artcash purse init --reader NAME'.")
final class ReadersCommand extends Common {
  @Override
  int run() {
    List<Readers.Reader> readers = List.of();
    String problem = null;
    try {
      readers = Readers.list();
    } catch (ArtcashException e) {
      problem = e.getMessage(); // an answer to the question, not a failure of the command
    }
    boolean simulated = SimulatedCards.allowed();
    if (json) {
      Json j = Json.object().put("pcsc", problem == null).put("problem", problem);
      List<Object> list = j.list("readers");
      for (Readers.Reader r : readers) {
        list.add(Json.object().put("name", r.name())
            .put("cardPresent", r.cardPresent().orElse(null)));
      }
      if (simulated) {
        j.put("simulatedCards", SimulatedCards.names());
      }
      print(j);
      return 0;
    }
    PrintWriter out = out();
    if (problem != null) {
      out.println(capitalised(problem) + ".");
    } else if (readers.isEmpty()) {
      out.println("No card readers: the PC/SC service sees none; plug one in.");
    } else {
      out.println("Card readers (PC/SC):");
      for (Readers.Reader r : readers) {
        out.println("  " + r.name() + "   " + r.cardPresent()
            .map(p -> p ? "(card present)" : "(no card)").orElse("(does not say)"));
      }
      out.println("Make an e-purse on the card in one: artcash purse init --reader \"NAME\""
          + " --issuer URL --name TEXT");
    }
    if (simulated) {
      out.println("Simulated cards are allowed in this program (" + SimulatedCards.ALLOW_PROPERTY
          + "=true, for tests and demonstrations): any reader name starting '"
          + SimulatedCards.PREFIX + "'" + (SimulatedCards.names().isEmpty() ? ""
              : "; in use: " + String.join(", ", SimulatedCards.names())) + ".");
    }
    out.flush();
    return 0;
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
