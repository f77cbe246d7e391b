package org.artcash.cli.purse;

import java.nio.charset.StandardCharsets;
import org.artcash.cli.console.Json;
import org.artcash.cli.console.Show;
import org.artcash.cli.http.WebClient;
import org.artcash.cli.issuer.RemoteIssuer;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.pki.DeviceAttributes;
import org.artcash.monebox.MonEboxStatus;
import org.artcash.purse.PurseStatus;
import org.artcash.purse.RefreshReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code artcash purse init}: a new e-purse bound to a new MonEbox, software or a card. */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Makes a new e-purse: a MonEbox (software, in the data directory, or the card"
        + " in a card reader) provisioned by the issuer, bound to this e-purse software, with its"
        + " first credentials.")
final class InitCommand extends Common {
  /** Where the MonEbox is: one or the other. */
  static final class Where {
    @Option(names = "--software", description = "A software MonEbox in the data directory (the"
        + " default).")
    boolean software;

    @Option(names = "--reader", paramLabel = "NAME",
        description = "The MonEbox card in this PC/SC card reader ('artcash purse readers' lists"
            + " them); the card's state stays in the card.")
    String reader;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Where where;

  @Option(names = "--issuer", paramLabel = "URL", required = true,
      description = "The issuer's address, e.g. http://127.0.0.1:8780 ('artcash issuer serve').")
  String issuer;

  @Option(names = "--name", paramLabel = "TEXT", required = true,
      description = "Your payee information: what payers see when they pay you (at most 48"
          + " bytes), e.g. \"Bakery Jansen, Utrecht\".")
  String name;

  @Option(names = "--device-class", paramLabel = "N", defaultValue = "0",
      description = "The MonEbox's security class, 0 to 2 (default ${DEFAULT-VALUE}); a software"
          + " MonEbox is class 0 and the development issuer believes what it is told.")
  int deviceClass;

  @Override
  int run() throws Exception {
    String info = name.strip();
    if (info.isEmpty() || info.getBytes(StandardCharsets.UTF_8).length
        > ArtConfig.MAX_PAYEE_INFO) {
      throw new ArtcashException(Reason.MALFORMED, "the name payers see is 1 to "
          + ArtConfig.MAX_PAYEE_INFO + " bytes, not " + info.getBytes(StandardCharsets.UTF_8).length);
    }
    if (deviceClass < 0 || deviceClass > 2) {
      throw new ArtcashException(Reason.MALFORMED, "the device class is 0, 1 or 2");
    }
    Device device = where == null || where.reader == null ? Device.SOFTWARE
        : Device.reader(where.reader);
    RemoteIssuer remote = new RemoteIssuer(WebClient.address(issuer));
    try (PurseHome home = PurseHome.initialise(dir(), remote, info, deviceClass, device,
        this::note)) {
      note("fetching credentials: payment keys (blind-signed) and ARTs...");
      String refreshProblem = null;
      RefreshReport report = null;
      try {
        report = home.purse().refresh(remote);
      } catch (ArtcashException e) {
        refreshProblem = e.getMessage();
      }
      MonEboxStatus box = home.monEbox();
      PurseStatus status = home.purse().status();
      String deviceId = DeviceAttributes.decode(home.box().deviceCertificate().attributes())
          .deviceId().shortHex();
      if (json) {
        Json j = Json.object().put("data", home.dir().toString()).put("device", deviceId)
            .put("monebox", device.recorded())
            .put("deviceClass", box.deviceClass()).put("payeeInfo", info)
            .put("pseudonym", box.pseudonym().map(Object::toString).orElse(""))
            .put("balance", Show.money(status.balance()))
            .put("paymentKeys", box.paymentKeys().size()).put("usableArts", status.usableArts())
            .put("credentialProblem", refreshProblem);
        print(j);
        return 0;
      }
      var out = out();
      out.println("E-purse ready in " + home.dir());
      out.println("  MonEbox       " + device.describe() + ", device " + deviceId + " (class "
          + box.deviceClass() + "), bound to this e-purse");
      out.println("  your name     " + info + " (what payers see)");
      out.println("  pseudonym     " + box.pseudonym().map(p -> p.shortHex()).orElse("-"));
      out.println("  balance       " + Show.money(status.balance()));
      if (report != null) {
        out.println("  credentials   " + box.paymentKeys().size() + " payment key(s), "
            + status.usableArts() + " ART(s) to receive payments");
      } else {
        out.println("  credentials   not fetched (" + refreshProblem + "); run 'artcash purse"
            + " refresh' later");
      }
      out.println("Next: get e-cash with 'artcash purse load 50.00', or ask to be paid with"
          + " 'artcash purse request'.");
      return 0;
    }
  }
}
