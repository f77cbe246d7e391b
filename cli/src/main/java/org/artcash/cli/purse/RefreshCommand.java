package org.artcash.cli.purse;

import java.io.PrintWriter;
import org.artcash.cli.console.Json;
import org.artcash.purse.RefreshReport;
import picocli.CommandLine.Command;

/** {@code artcash purse refresh}: the credential manager (de Jong 2024, sec. 4.1). */
@Command(name = "refresh", mixinStandardHelpOptions = true,
    description = "Fetches the revocation list, certifies payment keys, returns used ARTs to the"
        + " issuer (after redeeming them) and fetches fresh ARTs.")
final class RefreshCommand extends Common {
  @Override
  int run() throws Exception {
    try (PurseHome home = open()) {
      note("refreshing credentials with the issuer...");
      RefreshReport r = home.purse().refresh(home.issuer());
      if (json) {
        print(Json.object().put("paymentKeysCertified", r.paymentKeysCertified().size())
            .put("artsReturned", r.artsReturned().size())
            .put("artsReceived", r.artsReceived().size())
            .put("revocationListInstalled", r.revocationListInstalled().isPresent()
                ? (Object) r.revocationListInstalled().getAsLong() : null)
            .put("notRedeemed", r.redeemed().failed().size()));
        return 0;
      }
      PrintWriter out = out();
      out.println("Credentials refreshed: " + r.paymentKeysCertified().size() + " payment key(s)"
          + " certified, " + r.artsReturned().size() + " used ART(s) returned, "
          + r.artsReceived().size() + " fresh ART(s) received"
          + (r.revocationListInstalled().isPresent() ? ", revocation list #"
              + r.revocationListInstalled().getAsLong() + " installed" : "") + ".");
      r.redeemed().failed().forEach(f -> out.println("  not redeemed: " + f));
      return 0;
    }
  }
}
