package org.artcash.cli.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.artcash.core.ArtcashException;
import org.artcash.core.art.PaymentRecord;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.credential.CredentialService;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.PaymentKeyClass;
import org.artcash.core.text.ArtcashUri;
import org.artcash.issuer.IssuerConfig;
import org.artcash.issuer.IssuerSystem;
import org.artcash.issuer.inspection.InspectionService;
import org.artcash.issuer.issuance.IssuanceOffice;
import org.artcash.issuer.issuance.SupplyReport;
import org.artcash.issuer.pseudonym.IdentityDetails;
import org.artcash.issuer.store.IssuerDatabase;
import org.artcash.monebox.RedeemResult;
import org.artcash.purse.PursePolicy;
import org.artcash.purse.Receipt;
import org.artcash.purse.RedemptionReport;
import org.artcash.purse.RefreshReport;

/**
 * {@code artcash demo}: the issuer and its committee issue e-cash; a provisioning station issues
 * e-purses and preloads them; customers pay a shop on one ART; a lost reply is retried; the shop
 * redeems twice; an ART expires and is refreshed; the returned ARTs are inspected; the supply is
 * reconciled. Everything is real (MonEbox files, H2 databases, signatures); only the clock is
 * moved forward to show expiry.
 */
public final class Demo {
  private final Path dir;
  private final Narrator say;
  private final DemoClock clock = new DemoClock(Instant.now());
  private final SecureRandom random = new SecureRandom();
  private final Currency eur = Currency.of("EUR");
  private final List<Party> parties = new ArrayList<>();
  private final Party.Device device;

  public Demo(Path dir, PrintStream out) {
    this(dir, out, false);
  }

  /** With {@code onCards}, every MonEbox is the Java Card applet on a simulated card (jCardSim). */
  public Demo(Path dir, PrintStream out, boolean onCards) {
    this.dir = dir;
    this.say = new Narrator(out);
    this.device = onCards ? Party.Device.SIMULATED_CARD : Party.Device.SOFTWARE;
  }

  private Amount eur(String decimal) throws ArtcashException {
    return Amount.parse(eur, decimal);
  }

  /** Runs the scenario; true when the supply reconciles at the end. */
  public boolean run() throws Exception {
    try (IssuerDatabase db = IssuerDatabase.fileH2(dir.resolve("issuer"))) {
      return scenario(db);
    } finally {
      for (Party p : parties) {
        p.close();
      }
    }
  }

  private boolean scenario(IssuerDatabase db) throws Exception {
    say.step("The issuer sets up its root of trust and system agents");
    say.say("every MonEbox in this run: %s", device == Party.Device.SIMULATED_CARD
        ? "the Java Card applet on a simulated card (jCardSim)" : "software, state in files");
    IssuerSystem issuer = IssuerSystem.create(IssuerConfig.defaults(), db, clock, random);
    CredentialService agents = issuer.credentialService();
    say.say("root of trust        key %s, valid until %s", issuer.root().subjectKeyId().shortHex(),
        issuer.root().notAfter());
    for (CredentialService.CertifierOffer offer : agents.certifiers()) {
      PaymentKeyClass c = PaymentKeyClass.decode(offer.certificate().attributes());
      say.say("payment-key class %d  up to %s per payment, %d payments per key, device class >= %d",
          c.classId(), c.maxSinglePayment(), c.maxPayments(), c.minDeviceClass());
    }
    say.say("issuance committee   %d members, any %d must sign an order",
        IssuerConfig.defaults().committeeSize(), IssuerConfig.defaults().committeeQuorum());

    say.step("The issuer's own MonEbox is provisioned; the committee issues e-cash");
    PursePolicy wholesale = new PursePolicy(2, 100, 1_000_000_00L, 10_000_000_00L,
        Duration.ofHours(1), Duration.ofDays(1));
    Party central = add(Party.provision(dir, "Central bank", device, issuer, 2, true,
        Optional.of(organisation("Central bank issuance desk")), "Central bank issuance",
        wholesale, clock, random));
    IssuanceOffice office = issuer.openIssuanceOffice(central.box);
    try {
      office.issue(eur("20000.00"), List.of(1), clock.instant());
    } catch (ArtcashException e) {
      say.refused("an order signed by member 1 alone", e);
    }
    SupplyReport supply = office.issue(eur("20000.00"), List.of(0, 2), clock.instant());
    say.say("order signed by members 0 and 2 executed: issued %s", supply.issued());
    supply = office.destroy(eur("1000.00"), List.of(1, 2), clock.instant());
    say.say("a destruction order (members 1 and 2) takes %s out again: outstanding %s",
        supply.destroyed(), supply.outstanding());
    refresh(central, agents);
    say.say("the issuer's e-purse holds %s", central.balance());

    say.step("A provisioning station gets its float by a wholesale e-cash payment");
    Party station = add(Party.provision(dir, "Post office", device, issuer, 2, false,
        Optional.of(organisation("Post office Utrecht Centraal")), "Post office Utrecht", wholesale,
        clock, random));
    refresh(station, agents);
    pay(central, station, eur("5000.00"));
    redeem(station);

    say.step("The station provisions e-purses for customers and a shop, and preloads them");
    Party alice = customer(issuer, agents, station, "Alice", true, "Alice");
    Party bob = customer(issuer, agents, station, "Bob", false, "anonymous");
    Party carol = customer(issuer, agents, station, "Carol", true, "Carol");
    Party shop = add(Party.provision(dir, "Bakery Jansen", device, issuer, 1, false,
        Optional.of(organisation("Bakkerij Jansen B.V.")), "Bakery Jansen, Utrecht",
        PursePolicy.defaults(), clock, random));
    refresh(shop, agents);
    say.say("Bakery Jansen's e-purse: %d ARTs ready to receive payments, balance %s",
        shop.purse.status().usableArts(), shop.balance());

    say.step("The shop takes payments from several customers on one ART");
    pay(alice, shop, eur("3.50"));
    pay(bob, shop, eur("12.80"));
    pay(carol, shop, eur("7.25"));

    say.step("A payment whose reply is lost is retried and completes once");
    PaymentRequest request = shop.purse.requestPayment(Optional.of(eur("20.00")));
    TransferToken lost = bob.pay(request, eur("20.00"));
    say.say("Bob's MonEbox computed the token, but it never reached the shop (balance now %s)",
        bob.balance());
    TransferToken again = bob.pay(request, eur("20.00"));
    say.say("Bob retries: the same token again (same payment #%d, same signed content: %s); "
        + "balance still %s", again.record().seq(), again.record().equals(lost.record()),
        bob.balance());
    try {
      bob.pay(request, eur("25.00"));
    } catch (ArtcashException e) {
      say.refused("paying a different amount on the same request", e);
    }
    Receipt receipt = shop.purse.accept(again, eur("20.00"));
    say.say("shop: %s", receipt);
    Receipt twice = shop.purse.accept(again, eur("20.00"));
    say.say("shop accepts the same token again: same receipt (%s), nothing counted twice",
        twice.equals(receipt));

    say.step("A tampered token is refused and changes nothing");
    PaymentRequest small = shop.purse.requestPayment(Optional.of(eur("2.00")));
    TransferToken honest = alice.pay(small, eur("2.00"));
    PaymentRecord r = honest.record();
    PaymentRecord.Fields f = r.fields();
    TransferToken forged = new TransferToken(honest.config(), PaymentRecord.of(
        new PaymentRecord.Fields(f.artId(), f.seq(), 2000, f.aggregate() - f.amount() + 2000,
            f.time(), f.prevHash(), f.keyUse(), f.keyCertificate()), r.signature()),
        honest.chain());
    try {
      shop.purse.accept(forged);
    } catch (ArtcashException e) {
      say.refused("a token with its amount raised to EUR 20.00", e);
    }
    say.say("shop: %s", shop.purse.accept(honest, eur("2.00")));

    say.step("The shop redeems what it received; a second redemption credits nothing");
    redeem(shop);
    RedemptionReport second = shop.purse.redeemAll();
    long credited = 0;
    for (RedeemResult rr : second.credited()) {
      credited += rr.credited().minor();
    }
    say.say("second redemption credited %s; shop balance %s", Amount.of(eur, credited),
        shop.balance());

    say.step("Time passes: the shop's ARTs expire and are exchanged for fresh ones");
    clock.advance(Duration.ofDays(31));
    say.say("the clock moves 31 days ahead, to %s", clock.instant());
    RefreshReport report = shop.purse.refresh(agents);
    say.say("returned %d used ART(s) with their payment logs, received %d fresh ART(s)",
        report.artsReturned().size(), report.artsReceived().size());
    pay(alice, shop, eur("4.10"));

    say.step("The issuer inspects the returned ARTs, payment by payment");
    InspectionService.Summary inspected = issuer.inspection().summary();
    say.say("%d ART(s) inspected, %d payment(s) revalidated (signatures, chains, value steps, "
        + "key-use limits), value %s", inspected.artsInspected(), inspected.payments(),
        inspected.value());
    say.say("anomalies found: %d", inspected.anomalies());

    say.step("Supply reconciliation");
    return reconcile(office);
  }

  private Party add(Party p) {
    parties.add(p);
    return p;
  }

  private Party customer(IssuerSystem issuer, CredentialService agents, Party station,
      String name, boolean identified, String payeeInfo) throws Exception {
    Optional<IdentityDetails> identity = identified
        ? Optional.of(new IdentityDetails(name + " Example", LocalDate.of(1990, 5, 17), "NL",
            "Oudegracht 1, Utrecht", "NL passport X" + random.nextInt(1_000_000)))
        : Optional.empty();
    Party p = add(Party.provision(dir, name, device, issuer, 0, false, identity, payeeInfo,
        PursePolicy.defaults(), clock, random));
    refresh(p, agents);
    say.say("%s's MonEbox personalised (%s pseudonym), bound, credentials fetched",
        name, identified ? "registered" : "anonymous");
    pay(station, p, eur("100.00"));
    redeem(p);
    return p;
  }

  private IdentityDetails organisation(String name) {
    return new IdentityDetails(name, LocalDate.of(2000, 1, 1), "NL", "Utrecht",
        "KvK " + (10_000_000 + random.nextInt(89_999_999)));
  }

  private void refresh(Party p, CredentialService agents) throws ArtcashException {
    RefreshReport r = p.purse.refresh(agents);
    say.say("%s: credential refresh certified %d payment key(s) (blind), stored %d ART(s)",
        p.name, r.paymentKeysCertified().size(), r.artsReceived().size());
  }

  /** The two messages of diagram 2: request from payee to payer, token back. */
  private void pay(Party payer, Party payee, Amount amount) throws ArtcashException {
    PaymentRequest request = payee.purse.requestPayment(Optional.of(amount));
    String link = ArtcashUri.encode("request", request.encode(), ArtcashUri.Form.LINK);
    var preview = payer.purse.preview(request);
    // The request travels as an artcash: link; the payer decodes what it received.
    TransferToken token = payer.pay(PaymentRequest.decode(ArtcashUri.decode(link, "request")
        .payload()), amount);
    Receipt receipt = payee.purse.accept(
        TransferToken.decode(token.encode()), amount);
    say.say("%s pays %s to '%s' (request %d chars as a link, token %d bytes): payment #%d on "
        + "ART %s, %s on it so far", payer.name, amount, preview.payeeInfo(), link.length(),
        token.encode().length, receipt.seq(), receipt.artId().shortHex(), receipt.artTotal());
  }

  private void redeem(Party p) throws ArtcashException {
    RedemptionReport report = p.purse.redeemAll();
    long credited = 0;
    for (RedeemResult r : report.credited()) {
      credited += r.credited().minor();
    }
    say.say("%s redeems received payments: %s credited, balance %s", p.name,
        Amount.of(eur, credited), p.balance());
    for (RedemptionReport.Failure f : report.failed()) {
      say.say("  not redeemed: %s", f);
    }
  }

  private boolean reconcile(IssuanceOffice office) throws ArtcashException {
    SupplyReport supply = office.supply(eur);
    long balances = 0;
    long inTransit = 0;
    for (Party p : parties) {
      Amount balance = p.balance();
      Amount unredeemed = p.purse.status().unredeemed();
      balances = Math.addExact(balances, balance.minor());
      inTransit = Math.addExact(inTransit, unredeemed.minor());
      say.say("%-14s balance %14s   received, not yet redeemed %12s", p.name, balance,
          unredeemed);
    }
    say.say("issued %s - destroyed %s = %s", supply.issued(), supply.destroyed(),
        supply.outstanding());
    say.say("balances %s + in transit %s = %s", Amount.of(eur, balances),
        Amount.of(eur, inTransit), Amount.of(eur, balances + inTransit));
    boolean ok = supply.outstanding().minor() == balances + inTransit;
    say.say(ok ? "RECONCILED: no money was created or lost."
        : "NOT RECONCILED: the supply does not match; this is a bug, please report it.");
    return ok;
  }

  /** Removes the demo's temporary directory. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
