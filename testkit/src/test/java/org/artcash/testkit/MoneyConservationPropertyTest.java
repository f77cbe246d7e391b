package org.artcash.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtRules;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.monebox.DeviceState;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.MonEboxStatus;
import org.artcash.monebox.PaymentInstruction;
import org.artcash.monebox.RedeemResult;
import org.artcash.monebox.software.InMemoryMonotonicCounter;
import org.artcash.monebox.software.InMemoryStateStore;
import org.artcash.monebox.software.SoftwareMonEbox;

/**
 * Money is never created or lost (de Jong 2024, sec. 2.3: an ART payment is atomic and idempotent)
 * across any sequence of payments, lost replies, retries, power cuts with restarts, and
 * redemptions among three software MonEboxes, the first of them the issuer's. After every step:
 * the balances plus the value in transit (for each ART, the highest aggregate any payer signed
 * minus what its owner redeemed) equal the e-cash issued, and no balance is negative.
 */
class MoneyConservationPropertyTest {
  private static final int PARTIES = 3;
  /** What the issuer's MonEbox starts with, and what each other party is paid at the start. */
  private static final long START_BALANCE = 100_00;
  /** Small ARTs, so payees often need fresh ones. */
  private static final TestIssuer.ArtSpec PAYEE_ART =
      TestIssuer.ArtSpec.standard().withMaxPayments(3).withLimits(50_00, 100_00);

  @Property(tries = 50)
  void balancesPlusValueInTransitEqualTheIssuedSupply(@ForAll("scripts") List<Step> script)
      throws Exception {
    World world = new World();
    world.checkConservation();
    for (Step step : script) {
      step.run(world);
      world.checkConservation();
    }
  }

  @Provide
  Arbitrary<List<Step>> scripts() {
    Arbitrary<Integer> party = Arbitraries.integers().between(0, PARTIES - 1);
    Arbitrary<Integer> other = Arbitraries.integers().between(1, PARTIES - 1);
    Arbitrary<Long> amount = Arbitraries.longs().between(1, 50_00);
    Arbitrary<PowerCut.Point> point = Arbitraries.of(PowerCut.Point.class);
    Arbitrary<Boolean> flag = Arbitraries.of(true, false);
    Arbitrary<Step> pay = Combinators.combine(party, other, amount, flag)
        .as((p, o, a, delivered) -> new Pay(p, (p + o) % PARTIES, a, delivered));
    Arbitrary<Step> retry = Arbitraries.integers().between(0, 9).map(Retry::new);
    Arbitrary<Step> cutPay = Combinators.combine(party, other, amount, point)
        .as((p, o, a, c) -> new PowerCutDuringPay(p, (p + o) % PARTIES, a, c));
    Arbitrary<Step> redeem = Combinators.combine(party, flag).as(Redeem::new);
    Arbitrary<Step> cutRedeem = Combinators.combine(party, point).as(PowerCutDuringRedeem::new);
    Arbitrary<Step> restart = party.map(Restart::new);
    return Arbitraries.frequencyOf(Tuple.of(6, pay), Tuple.of(2, retry), Tuple.of(2, cutPay),
        Tuple.of(3, redeem), Tuple.of(1, cutRedeem), Tuple.of(1, restart))
        .list().ofMinSize(10).ofMaxSize(30).withSizeDistribution(RandomDistribution.uniform());
  }

  // --- the steps

  interface Step {
    void run(World w) throws Exception;
  }

  /** A payment; when not delivered, the reply is lost and the payee's ART stays in use. */
  record Pay(int payer, int payee, long amount, boolean delivered) implements Step {
    @Override
    public void run(World w) throws Exception {
      Slot slot = w.slotFor(payee, amount);
      PaymentRequest request = w.issuer.paymentRequest(slot.state, amount);
      PaymentInstruction instruction = w.party(payer).host().approve(request, amount,
          w.issuer.now());
      MonEbox box = w.party(payer).box();
      long before = box.balance().minor();
      if (before < amount) {
        MonEboxStatus status = box.status();
        ArtcashException e = assertThrows(ArtcashException.class, () -> box.pay(instruction));
        assertEquals(Reason.INSUFFICIENT_FUNDS, e.reason(), e::describe);
        assertEquals(status, box.status());
        return;
      }
      TransferToken token = box.pay(instruction);
      assertEquals(before - amount, box.balance().minor());
      w.signed(payee, token);
      if (delivered) {
        w.deliver(payee, slot, request, token);
      } else {
        slot.inUse = true;
        w.lost.add(new Lost(payer, payee, slot, request, instruction, token));
      }
    }
  }

  /** The payer's host sends a lost instruction again; the same token comes back and arrives. */
  record Retry(int which) implements Step {
    @Override
    public void run(World w) throws Exception {
      if (w.lost.isEmpty()) {
        return;
      }
      Lost l = w.lost.remove(which % w.lost.size());
      MonEbox box = w.party(l.payer()).box();
      long before = box.balance().minor();
      TransferToken again = box.pay(l.instruction());
      assertEquals(l.token().record(), again.record());
      assertEquals(before, box.balance().minor(), "a retry debits nothing");
      w.deliver(l.payee(), l.slot(), l.request(), again);
    }
  }

  /** The power goes during the payment's commit; after the restart the host retries. */
  record PowerCutDuringPay(int payer, int payee, long amount, PowerCut.Point point)
      implements Step {
    @Override
    public void run(World w) throws Exception {
      long before = w.party(payer).box().balance().minor();
      if (before < amount) {
        return; // refused before any commit: nothing to cut
      }
      Slot slot = w.slotFor(payee, amount);
      PaymentRequest request = w.issuer.paymentRequest(slot.state, amount);
      PaymentInstruction instruction = w.party(payer).host().approve(request, amount,
          w.issuer.now());
      w.cuts[payer].arm(point);
      assertThrows(PowerCut.Lost.class, () -> w.party(payer).box().pay(instruction));
      w.restart(payer);
      TransferToken token = w.party(payer).box().pay(instruction);
      assertEquals(before - amount, w.party(payer).box().balance().minor());
      w.signed(payee, token);
      w.deliver(payee, slot, request, token);
    }
  }

  /** The party redeems its ARTs' latest tokens, or first an older token of one of them. */
  record Redeem(int party, boolean olderFirst) implements Step {
    @Override
    public void run(World w) throws Exception {
      for (List<TransferToken> tokens : w.received.get(party).values()) {
        if (olderFirst && tokens.size() > 1) {
          w.redeem(party, tokens.get(0));
        }
        w.redeem(party, tokens.get(tokens.size() - 1));
      }
    }
  }

  /** The power goes during a redemption's commit; after the restart the party redeems again. */
  record PowerCutDuringRedeem(int party, PowerCut.Point point) implements Step {
    @Override
    public void run(World w) throws Exception {
      for (List<TransferToken> tokens : w.received.get(party).values()) {
        TransferToken latest = tokens.get(tokens.size() - 1);
        Bytes art = latest.config().artId();
        if (latest.record().aggregate() > w.redeemed.getOrDefault(art, 0L)) {
          long owed = latest.record().aggregate() - w.redeemed.getOrDefault(art, 0L);
          long before = w.party(party).box().balance().minor();
          w.cuts[party].arm(point);
          TransferToken handed = w.issuer.forRedemption(latest);
          assertThrows(PowerCut.Lost.class, () -> w.party(party).box().redeem(handed));
          w.restart(party);
          // Stored before the cut or not at all: either way the ART is credited exactly once.
          boolean stored = point != PowerCut.Point.BEFORE_STATE_WRITE;
          assertEquals(before + (stored ? owed : 0), w.party(party).box().balance().minor());
          RedeemResult r = w.party(party).box().redeem(handed);
          assertEquals(stored ? 0 : owed, r.credited().minor());
          assertEquals(latest.record().aggregate(), r.totalRedeemed().minor());
          assertEquals(before + owed, r.balance().minor());
          w.redeemed.put(art, r.totalRedeemed().minor());
          return;
        }
      }
    }
  }

  /** A restart without a power cut changes nothing. */
  record Restart(int party) implements Step {
    @Override
    public void run(World w) throws Exception {
      MonEboxStatus before = w.party(party).box().status();
      w.restart(party);
      assertEquals(before, w.party(party).box().status());
    }
  }

  // --- the world the steps act on

  /** One of a payee's ARTs as its e-purse keeps it. */
  static final class Slot {
    ArtState state;
    boolean inUse;

    Slot(ArtState state) {
      this.state = state;
    }
  }

  record Lost(int payer, int payee, Slot slot, PaymentRequest request,
      PaymentInstruction instruction, TransferToken token) {}

  static final class World {
    final TestIssuer issuer = TestIssuer.create();
    final PowerCut[] cuts = new PowerCut[PARTIES];
    final InMemoryStateStore[] stores = new InMemoryStateStore[PARTIES];
    final InMemoryMonotonicCounter[] counters = new InMemoryMonotonicCounter[PARTIES];
    final TestParty[] parties = new TestParty[PARTIES];
    final TestMint mint;
    final List<List<Slot>> arts = new ArrayList<>();
    /** Per party, per ART it owns: the tokens it accepted, oldest first. */
    final List<Map<Bytes, List<TransferToken>>> received = new ArrayList<>();
    /** Per ART: the highest aggregate any payer signed, delivered or not. */
    final Map<Bytes, Long> highestSigned = new HashMap<>();
    /** Per ART: the total its owner's MonEbox reports as redeemed. */
    final Map<Bytes, Long> redeemed = new HashMap<>();
    final List<Lost> lost = new ArrayList<>();

    World() throws Exception {
      for (int i = 0; i < PARTIES; i++) {
        cuts[i] = new PowerCut();
        stores[i] = new InMemoryStateStore();
        counters[i] = new InMemoryMonotonicCounter();
        arts.add(new ArrayList<>());
        received.add(new HashMap<>());
      }
      mint = new TestMint(issuer, open(0));
      parties[0] = mint.party();
      mint.issue(START_BALANCE);
      for (int i = 1; i < PARTIES; i++) {
        parties[i] = TestParty.create(issuer, open(i), 0, false);
        mint.fund(parties[i], START_BALANCE);
      }
    }

    private MonEbox open(int i) {
      return SoftwareMonEbox.open(cuts[i].around(stores[i]), cuts[i].around(counters[i]));
    }

    TestParty party(int i) {
      return parties[i];
    }

    void restart(int i) {
      parties[i] = parties[i].restartedAs(open(i));
      if (i == 0) {
        mint.restartedAs(parties[0].box());
      }
    }

    /** An ART of the payee that is not in use and can take {@code amount}; fresh if none. */
    Slot slotFor(int payee, long amount) {
      for (Slot s : arts.get(payee)) {
        if (!s.inUse && s.state.paymentsLeft() > 0 && s.state.headroom() >= amount) {
          return s;
        }
      }
      Slot fresh =
          new Slot(ArtState.fresh(issuer.freshArt(parties[payee].pseudonym(), PAYEE_ART)));
      arts.get(payee).add(fresh);
      return fresh;
    }

    void signed(int payee, TransferToken token) {
      highestSigned.merge(token.config().artId(), token.record().aggregate(), Math::max);
    }

    /** The payee accepts with the root of trust only and keeps the token for redemption. */
    void deliver(int payee, Slot slot, PaymentRequest request, TransferToken token)
        throws Exception {
      slot.state = ArtRules.accept(request.state(), token, request.requestedAmount(),
          issuer.rootOnlyTrust());
      slot.inUse = false;
      received.get(payee).computeIfAbsent(token.config().artId(), k -> new ArrayList<>())
          .add(token);
    }

    /** Redeems and checks the credit is exactly the part of the aggregate not yet redeemed. */
    void redeem(int party, TransferToken token) throws Exception {
      Bytes art = token.config().artId();
      long already = redeemed.getOrDefault(art, 0L);
      RedeemResult r = parties[party].box().redeem(issuer.forRedemption(token));
      assertEquals(Math.max(0, token.record().aggregate() - already), r.credited().minor(),
          "credit for " + token);
      assertEquals(Math.max(already, token.record().aggregate()), r.totalRedeemed().minor());
      redeemed.put(art, r.totalRedeemed().minor());
    }

    void checkConservation() throws Exception {
      long balances = 0;
      for (TestParty p : parties) {
        MonEboxStatus s = p.box().status();
        assertEquals(DeviceState.ACTIVE, s.state());
        long b = s.balance().orElseThrow().minor();
        assertTrue(b >= 0, "a balance went negative");
        balances += b;
      }
      long inTransit = 0;
      for (Map.Entry<Bytes, Long> e : highestSigned.entrySet()) {
        long r = redeemed.getOrDefault(e.getKey(), 0L);
        assertTrue(r <= e.getValue(), "more redeemed than was ever paid into an ART");
        inTransit += e.getValue() - r;
      }
      MonEboxStatus.Supply supply = mint.party().box().status().supply().orElseThrow();
      assertEquals(supply.issued().minor() - supply.destroyed().minor(), balances + inTransit,
          "balances " + balances + " + in transit " + inTransit);
    }
  }
}
