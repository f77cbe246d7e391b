package org.artcash.cli.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.issuer.inspection.InspectionService;
import org.artcash.issuer.issuance.SupplyReport;
import org.artcash.monebox.MonEboxStatus;
import org.artcash.purse.PurseStatus;
import org.artcash.purse.Receipt;

/**
 * The test's own account of where every cent should be, kept beside a {@link SystemWorld}: what
 * was issued, each MonEbox's balance, each ART's accepted and redeemed value, and the payments a
 * payer's MonEbox has made that no payee has accepted yet. {@link #check} compares it with what
 * the issuer, the MonEboxes and the e-purses report.
 */
final class Books {
  /** One of a payee's ARTs that has received money. */
  static final class ArtBook {
    final ArtConfig config;
    long accepted;
    long redeemed;
    int payments;
    boolean returned;

    ArtBook(ArtConfig config) {
      this.config = config;
    }

    Instant redeemUntil() {
      return config.redeemUntil();
    }
  }

  /**
   * A payment request the payer has been asked to pay and whose token the payee has not accepted.
   * {@code debited}: the payer's MonEbox has made the payment (it holds the token); {@code token}:
   * the payer's e-purse has it too.
   */
  static final class Pending {
    final int payer;
    final int payee;
    final PaymentRequest request;
    final Amount amount;
    boolean debited;
    Optional<TransferToken> token = Optional.empty();

    Pending(int payer, int payee, PaymentRequest request, Amount amount) {
      this.payer = payer;
      this.payee = payee;
      this.request = request;
      this.amount = amount;
    }

    Bytes artId() {
      return request.state().config().artId();
    }

    @Override
    public String toString() {
      return "payment of " + amount + " from party " + payer + " to party " + payee + " on ART "
          + artId().shortHex() + (debited ? " (debited)" : " (not debited)");
    }
  }

  /** A payment the payee accepted: paying and accepting it again must change nothing. */
  record Delivered(int payer, int payee, PaymentRequest request, Amount amount,
      TransferToken token, Receipt receipt) {}

  private final SystemWorld world;
  private long issued;
  private final long[] balance;
  private final List<Map<Bytes, ArtBook>> arts = new ArrayList<>();
  final List<Pending> pending = new ArrayList<>();
  final List<Delivered> delivered = new ArrayList<>();
  private long returnedArts;
  private long returnedPayments;
  private long returnedValue;

  Books(SystemWorld world) {
    this.world = world;
    this.balance = new long[world.size()];
    for (int i = 0; i < world.size(); i++) {
      arts.add(new HashMap<>());
    }
  }

  long balance(int party) {
    return balance[party];
  }

  /** Value paid by MonEboxes and not yet accepted by a payee. */
  long inTransit() {
    return pending.stream().filter(p -> p.debited).mapToLong(p -> p.amount.minor()).sum();
  }

  /** Accepted by the party's e-purse and not yet credited to its MonEbox. */
  long unredeemed(int party) {
    return arts.get(party).values().stream().mapToLong(a -> a.accepted - a.redeemed).sum();
  }

  // --- what happened

  void issued(long cents) {
    issued += cents;
    balance[0] += cents;
  }

  /** The payer's MonEbox made the payment: its balance went down once. */
  void debited(Pending p) {
    assertTrue(!p.debited, () -> p + " debited twice");
    p.debited = true;
    balance[p.payer] -= p.amount.minor();
  }

  /** The payee accepted the pending payment's token for the first time. */
  void accepted(Pending p, TransferToken token, Receipt receipt) {
    assertTrue(p.debited, () -> "accepted " + p + " that no MonEbox has paid");
    ArtBook art = arts.get(p.payee).computeIfAbsent(receipt.artId(), id -> new ArtBook(
        token.config()));
    art.accepted += p.amount.minor();
    art.payments++;
    assertEquals(p.amount, receipt.amount(), "the receipt's amount");
    assertEquals(art.accepted, receipt.artTotal().minor(), "the ART's total on the receipt");
    assertEquals(art.payments, receipt.seq(), "the payment's number on the ART");
    pending.remove(p);
    delivered.add(new Delivered(p.payer, p.payee, p.request, p.amount, token, receipt));
  }

  /**
   * Checks each redemption the party's MonEbox made since the last call: it credits exactly what
   * the ART accepted beyond what was credited before, and nothing twice. A redemption stopped by
   * a power cut counts if the MonEbox stored it.
   */
  void redemptions(int party, Link link) {
    for (Link.Redemption r : link.takeRedemptions()) {
      ArtBook art = arts.get(party).get(r.artId());
      assertNotNull(art, () -> "party " + party + " redeemed ART " + r.artId().shortHex()
          + ", which never accepted a payment");
      if (r.result().isPresent()) {
        var result = r.result().get();
        assertEquals(art.accepted - art.redeemed, result.credited().minor(),
            () -> "credit for ART " + r.artId().shortHex() + " of party " + party);
        assertEquals(art.accepted, result.totalRedeemed().minor(), "total redeemed");
        balance[party] += result.credited().minor();
        art.redeemed = art.accepted;
      } else if (r.cut().orElseThrow().stored()) {
        balance[party] += art.accepted - art.redeemed;
        art.redeemed = art.accepted;
      }
    }
  }

  /** After a complete redemption: nothing the MonEbox would still credit is left over. */
  void allRedeemed(int party) {
    Instant now = world.now();
    for (ArtBook a : arts.get(party).values()) {
      if (a.accepted > a.redeemed && !now.isAfter(a.redeemUntil())) {
        throw new AssertionError("party " + party + " left " + (a.accepted - a.redeemed)
            + " unredeemed on ART " + a.config.artId().shortHex() + " after redeeming all");
      }
    }
  }

  /** ARTs a refresh handed back to the factory: only with all their value redeemed. */
  void returned(int party, List<Bytes> artIds) {
    for (Bytes id : artIds) {
      ArtBook a = arts.get(party).get(id);
      returnedArts++;
      if (a == null) {
        continue; // never paid: nothing in it
      }
      assertTrue(!a.returned, () -> "ART " + id.shortHex() + " returned twice");
      assertEquals(a.accepted, a.redeemed, "an ART went back with value not yet redeemed");
      a.returned = true;
      returnedPayments += a.payments;
      returnedValue += a.accepted;
    }
  }

  // --- the invariants

  /**
   * After every step: (1) issued - destroyed = MonEbox balances + accepted but unredeemed + paid
   * but not accepted; (2) no balance or unredeemed amount is negative; (3) each MonEbox holds what
   * the books say, so every payment was debited once and every receipt credited once; (4)
   * inspection found nothing wrong in the returned ARTs, and saw each of them.
   */
  void check(String after) throws ArtcashException {
    List<String> wrong = new ArrayList<>();
    SupplyReport supply = world.supply();
    MonEboxStatus.Supply device = world.party(0).link().status().supply().orElseThrow();
    if (!supply.issued().equals(device.issued())
        || !supply.destroyed().equals(device.destroyed())) {
      wrong.add("supply ledger " + supply + " differs from the issuer's MonEbox " + device);
    }
    if (supply.issued().minor() != issued) {
      wrong.add("issued " + supply.issued() + ", the books say " + issued);
    }
    long balances = 0;
    long unredeemed = 0;
    for (int i = 0; i < world.size(); i++) {
      Party p = world.party(i);
      PurseStatus s = p.purse().status();
      long b = s.balance().minor();
      long u = s.unredeemed().minor();
      if (b < 0 || u < 0) {
        wrong.add(p + ": negative balance " + b + " or unredeemed " + u);
      }
      for (PurseStatus.ArtSummary a : s.arts()) {
        if (a.redeemed().compareTo(a.received()) > 0) {
          wrong.add(p + ": ART " + a.artId().shortHex() + " redeemed " + a.redeemed()
              + " of " + a.received() + " received");
        }
      }
      if (b != balance[i]) {
        wrong.add(p + ": MonEbox balance " + b + ", the books say " + balance[i]);
      }
      if (u != unredeemed(i)) {
        wrong.add(p + ": e-purse shows " + u + " unredeemed, the books say " + unredeemed(i));
      }
      balances += b;
      unredeemed += u;
    }
    long outstanding = supply.outstanding().minor();
    if (outstanding != balances + unredeemed + inTransit()) {
      wrong.add("money not conserved: outstanding " + outstanding + " != balances " + balances
          + " + unredeemed " + unredeemed + " + in transit " + inTransit());
    }
    InspectionService inspection = world.issuer.inspection();
    if (!inspection.anomalies().isEmpty()) {
      wrong.add("inspection found " + inspection.anomalies());
    }
    InspectionService.Summary summary = inspection.summary();
    long value = summary.value().stream().mapToLong(Amount::minor).sum();
    if (summary.artsInspected() != returnedArts || summary.payments() != returnedPayments
        || value != returnedValue) {
      wrong.add("inspection saw " + summary + "; returned were " + returnedArts + " ARTs with "
          + returnedPayments + " payments worth " + returnedValue);
    }
    assertEquals(List.of(), wrong, "after " + after);
  }
}
