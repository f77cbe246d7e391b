package org.artcash.purse;

import static org.artcash.purse.PurseWorld.eur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.money.Amount;
import org.artcash.purse.PurseWorld.Party;

/**
 * Money is never created or lost through the e-purse software, across any sequence of payments,
 * retries, lost MonEbox replies, tokens accepted twice or delivered late, redemptions and restarts
 * of the software. After every step the spendable money of all e-purses (MonEbox balance plus
 * received and not yet redeemed) plus the tokens paid but not yet delivered equals what was
 * issued; at the end every undelivered token is delivered and nothing is in transit.
 */
class PurseMoneyPropertyTest {
  private static final int PARTIES = 3;
  private static final long FUNDING = 60_00;
  /** Refusals that are a correct answer to a random step, not a failure of the e-purse. */
  private static final Set<Reason> EXPECTED_REFUSALS = Set.of(Reason.INSUFFICIENT_FUNDS,
      Reason.ART_IN_USE, Reason.ART_EXHAUSTED, Reason.ART_LIMIT_EXCEEDED);

  enum Kind { PAY, PAY_TWICE, LOSE_REPLY, KEEP_UNDELIVERED, DELIVER_LATE, REDEEM, RESTART }

  record Step(Kind kind, int from, int offset, long cents) {
    int to() {
      return (from + offset) % PARTIES;
    }
  }

  @Property(tries = 12)
  void spendableMoneyPlusTokensInTransitEqualsWhatWasIssued(@ForAll("scripts") List<Step> script)
      throws Exception {
    try (PurseWorld world = new PurseWorld()) {
      List<Party> parties = new ArrayList<>();
      List<EPurse> purses = new ArrayList<>();
      for (int i = 0; i < PARTIES; i++) {
        Party p = world.newParty();
        world.fund(p, eur(FUNDING));
        parties.add(p);
        purses.add(p.purse());
      }
      List<Delivery> inTransit = new ArrayList<>();
      for (Step step : script) {
        run(step, world, parties, purses, inTransit);
        assertConserved(purses, inTransit);
      }
      for (Delivery d : inTransit) {
        purses.get(d.payee()).accept(d.token());
      }
      inTransit.clear();
      assertConserved(purses, inTransit);
    }
  }

  @Provide
  Arbitrary<List<Step>> scripts() {
    return Combinators.combine(Arbitraries.of(Kind.class),
        Arbitraries.integers().between(0, PARTIES - 1),
        Arbitraries.integers().between(1, PARTIES - 1),
        Arbitraries.longs().between(1, 45_00)).as(Step::new).list().ofMinSize(1).ofMaxSize(10);
  }

  private record Delivery(int payee, TransferToken token) {}

  private static void run(Step step, PurseWorld world, List<Party> parties, List<EPurse> purses,
      List<Delivery> inTransit) throws ArtcashException {
    EPurse payer = purses.get(step.from());
    EPurse payee = purses.get(step.to());
    Amount amount = eur(step.cents());
    switch (step.kind()) {
      case REDEEM -> payer.redeemAll();
      case RESTART -> purses.set(step.from(), EPurse.open(parties.get(step.from()).box(),
          parties.get(step.from()).store(), world.clock, new SecureRandom()));
      case DELIVER_LATE -> {
        if (!inTransit.isEmpty()) {
          Delivery d = inTransit.remove(0);
          purses.get(d.payee()).accept(d.token());
        }
      }
      default -> pay(step, parties.get(step.from()), payer, payee, amount, inTransit);
    }
  }

  private static void pay(Step step, Party payerParty, EPurse payer, EPurse payee,
      Amount amount, List<Delivery> inTransit) throws ArtcashException {
    PaymentRequest request;
    try {
      request = payee.requestPayment(Optional.of(amount));
    } catch (ArtcashException e) {
      assertTrue(EXPECTED_REFUSALS.contains(e.reason()), e::describe);
      return;
    }
    TransferToken token;
    try {
      if (step.kind() == Kind.LOSE_REPLY) {
        payerParty.box().loseNextPayReply();
        try {
          payer.pay(request, amount);
        } catch (UncheckedIOException lost) {
          // the MonEbox paid and stored the token; the host never saw it
        }
      }
      token = payer.pay(request, amount);
      if (step.kind() == Kind.PAY_TWICE) {
        assertEquals(token, payer.pay(request, amount));
      }
    } catch (ArtcashException e) {
      assertTrue(EXPECTED_REFUSALS.contains(e.reason()), e::describe);
      payee.cancelRequest(request.state().config().artId());
      return;
    }
    if (step.kind() == Kind.KEEP_UNDELIVERED) {
      inTransit.add(new Delivery(step.to(), token));
      return;
    }
    Receipt receipt = payee.accept(token);
    if (step.kind() == Kind.PAY_TWICE) {
      assertEquals(receipt, payee.accept(token));
    }
  }

  private static void assertConserved(List<EPurse> purses, List<Delivery> inTransit)
      throws ArtcashException {
    long total = 0;
    for (EPurse p : purses) {
      PurseStatus s = p.status();
      total += s.balance().minor() + s.unredeemed().minor();
    }
    for (Delivery d : inTransit) {
      total += d.token().amount().minor();
    }
    assertEquals(PARTIES * FUNDING, total, "money created or lost");
  }
}
