package org.artcash.cli.verify;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.artcash.cli.console.Json;
import org.artcash.cli.console.Show;
import org.artcash.cli.purse.Inbox;
import org.artcash.cli.purse.PurseHome;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.Art;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtRules;
import org.artcash.core.art.Inspection;
import org.artcash.core.art.PaymentRecord;
import org.artcash.core.art.TransferToken;
import org.artcash.core.money.Amount;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.PaymentKeyClass;
import org.artcash.core.pki.TrustStore;
import org.artcash.purse.channel.Messages;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code artcash verify}: the auditor's check of a stored transfer token or ART log on its own,
 * with only the root of trust (de Jong 2024, sec. 4.1: "the auditor sees the ART as an immutable
 * digital statement of the transfer of ownership of an amount of monetary value in e-cash at a
 * particular date and time"). Certificates are judged at the time of the payment, so a proof
 * stays valid after they expire.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Checks a transfer token or ART log (e.g. a proof from 'purse export') with only"
        + " the issuer's root of trust, and prints what it proves: who was paid, how much, when.")
public final class VerifyCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PROOF",
      description = "An artcash:token or artcash:art link, a file or QR code image(s).")
  List<String> inputs;

  @Option(names = "--root", paramLabel = "ROOT",
      description = "The root of trust: the issuer's root.artcash file or its artcash:certificate"
          + " link.")
  String root;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Use the root of trust installed in this e-purse's MonEbox instead.")
  Path data;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Certificate anchor = root();
    TrustStore trust = TrustStore.anchoredAt(anchor);
    Messages.Message m = Inbox.read(inputs);
    PrintWriter out = spec.commandLine().getOut();
    switch (m.kind()) {
      case Messages.TOKEN -> {
        TransferToken t = m.token();
        PaymentKeyClass cls = verify(t.config(), t.record(), trust, t.chain());
        if (json) {
          out.println(payment(Json.object().put("valid", true), t.config(), t.record(), cls)
              .put("root", anchor.subjectKeyId().hex()));
        } else {
          out.println("VALID: this transfer token proves a payment of " + Show.money(t.amount())
              + ".");
          describe(out, t.config(), t.record(), cls, anchor);
        }
        return 0;
      }
      case Messages.ART -> {
        Art art = m.art();
        try {
          ArtRules.verifyConfig(art.config(), trust, art.chain());
        } catch (ArtcashException e) {
          throw factoryProblem(e);
        }
        List<Inspection.Finding> findings = Inspection.inspect(art, trust);
        if (!findings.isEmpty()) {
          Inspection.Finding f = findings.get(0);
          throw new ArtcashException(reason(f.code()), "NOT VALID: payment #" + f.seq() + " of this ART"
              + " log fails: " + f.detail() + (findings.size() > 1 ? " (and "
              + (findings.size() - 1) + " more finding(s))" : ""));
        }
        ArtConfig c = art.config();
        if (json) {
          Json j = Json.object().put("valid", true).put("art", c.artId().hex())
              .put("payeeInfo", c.payeeInfo()).put("pseudonym", c.owner().hex())
              .put("total", Show.money(art.latest().aggregateAmount()));
          List<Object> ps = j.list("payments");
          for (PaymentRecord r : art.records()) {
            ps.add(Json.object().put("seq", r.seq())
                .put("amount", Show.money(Amount.of(c.currency(), r.amount())))
                .put("time", Show.iso(r.time())));
          }
          out.println(j);
        } else {
          out.println("VALID: this ART log proves " + art.records().size() + " payment(s), "
              + Show.money(art.latest().aggregateAmount()) + " in all, to " + c.payeeInfo()
              + " (pseudonym " + c.owner().hex() + "):");
          for (PaymentRecord r : art.records()) {
            out.println("  #" + r.seq() + "  " + Show.time(r.time()) + "  "
                + Show.money(Amount.of(c.currency(), r.amount())));
          }
          out.println("  Every payment's signature, payment-key certificate and value step"
              + " checked; the ART factory's signature checked; all chained to root "
              + anchor.subjectKeyId().shortHex() + ".");
        }
        return 0;
      }
      default -> throw new ArtcashException(Reason.WRONG_TYPE, "this is "
          + Messages.describe(m.kind()) + "; an auditor verifies a transfer token or an ART log");
    }
  }

  private Certificate root() throws ArtcashException {
    if (root != null && data != null) {
      throw new ArtcashException(Reason.MALFORMED, "give the root of trust once: --root or"
          + " --data");
    }
    if (root != null) {
      return Inbox.read(List.of(root)).certificate();
    }
    if (data != null) {
      try (PurseHome home = PurseHome.open(data)) {
        return home.box().rootOfTrust();
      }
    }
    throw new ArtcashException(Reason.MALFORMED, "give the root of trust: --root with the"
        + " issuer's root.artcash, or --data with an e-purse's directory");
  }

  private static PaymentKeyClass verify(ArtConfig config, PaymentRecord r, TrustStore trust,
      List<Certificate> chain) throws ArtcashException {
    try {
      ArtRules.verifyConfig(config, trust, chain);
    } catch (ArtcashException e) {
      throw factoryProblem(e);
    }
    try {
      ArtRules.verifyState(org.artcash.core.art.ArtState.after(config, r), trust, chain);
      return ArtRules.verifyPayer(config, r, trust, chain);
    } catch (ArtcashException e) {
      throw new ArtcashException(e.reason(), "NOT VALID: " + e.getMessage(), e);
    }
  }

  private static Reason reason(String code) {
    try {
      return Reason.valueOf(code);
    } catch (IllegalArgumentException e) {
      return Reason.ART_STATE_INVALID;
    }
  }

  private static ArtcashException factoryProblem(ArtcashException e) {
    if (e.reason() == Reason.UNKNOWN_ISSUER) {
      return new ArtcashException(Reason.UNKNOWN_ISSUER, "this proof does not carry the ART"
          + " factory's certificate, so who was paid cannot be checked; use the proof from"
          + " 'artcash purse export', which carries it", e);
    }
    return new ArtcashException(e.reason(), "NOT VALID: " + e.getMessage(), e);
  }

  private static Json payment(Json j, ArtConfig c, PaymentRecord r, PaymentKeyClass cls) {
    return j.put("amount", Show.money(Amount.of(c.currency(), r.amount())))
        .put("payeeInfo", c.payeeInfo()).put("account", c.account())
        .put("pseudonym", c.owner().hex()).put("time", Show.iso(r.time()))
        .put("art", c.artId().hex()).put("seq", r.seq())
        .put("artTotal", Show.money(Amount.of(c.currency(), r.aggregate())))
        .put("paymentKeyClass", cls.classId());
  }

  private static void describe(PrintWriter out, ArtConfig c, PaymentRecord r, PaymentKeyClass cls,
      Certificate anchor) {
    out.println("  paid to    " + c.payeeInfo() + (c.account().isEmpty() ? ""
        : " (account " + c.account() + ")") + ", pseudonym " + c.owner().hex());
    out.println("  when       " + Show.time(r.time()) + " (the payer's MonEbox time)");
    out.println("  on         ART " + c.artId().hex() + ", payment #" + r.seq() + "; "
        + Show.money(Amount.of(c.currency(), r.aggregate())) + " paid on this ART so far");
    out.println("  payer      anonymous; a payment key of class " + cls.classId() + " (up to "
        + Show.money(cls.maxSinglePayment()) + " a payment), certified blind by the issuer, use #"
        + r.keyUse());
    out.println("  checked    the ART factory's signature, the payment-key certificate, the"
        + " payment's signature and limits, all chained to root " + anchor.subjectKeyId().shortHex()
        + " and judged at the time of the payment");
  }
}
