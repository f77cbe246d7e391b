package org.artcash.cli.purse;

import java.util.List;
import java.util.Locale;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.purse.PurseStatus;
import org.artcash.purse.store.ArtStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code artcash purse cancel}: ends an open (or early) request. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
    description = "Cancels the open payment request on an ART. The ART is retired, never offered"
        + " again; a payment the payer still makes on it is accepted.")
final class CancelCommand extends Common {
  @Parameters(index = "0", paramLabel = "ART",
      description = "The ART's id as 'status' shows it (its first hex digits are enough).")
  String art;

  @Override
  int run() throws Exception {
    String prefix = art.strip().toLowerCase(Locale.ROOT);
    if (!prefix.matches("[0-9a-f]{4,32}")) {
      throw new ArtcashException(Reason.MALFORMED, "'" + art + "' is not an ART id: 4 to 32 hex"
          + " digits, as 'artcash purse status' shows them");
    }
    try (PurseHome home = open()) {
      List<Bytes> matches = home.purse().status().arts().stream()
          .filter(a -> a.status() == ArtStatus.IN_USE)
          .map(PurseStatus.ArtSummary::artId).filter(id -> id.hex().startsWith(prefix)).toList();
      if (matches.size() != 1) {
        throw new ArtcashException(Reason.UNKNOWN_ART, matches.isEmpty()
            ? "no ART in an open request starts with " + prefix
            : prefix + " matches " + matches.size() + " ARTs; give more digits");
      }
      home.purse().cancelRequest(matches.get(0));
      out().println("Cancelled the request on ART " + matches.get(0).shortHex() + ".");
      return 0;
    }
  }
}
