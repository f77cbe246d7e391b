package org.artcash.cli.system;

import static org.artcash.cli.system.SystemWorld.eur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import org.artcash.cli.system.Books.Delivered;
import org.artcash.cli.system.Books.Pending;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.money.Amount;
import org.artcash.issuer.IssuerConfig;
import org.artcash.purse.EPurse;
import org.artcash.purse.PaymentPreview;
import org.artcash.purse.PursePolicy;
import org.artcash.purse.PurseStatus;
import org.artcash.purse.Receipt;
import org.artcash.purse.RefreshReport;
import org.artcash.testkit.PowerCut;

/**
 * The whole system keeps money (de Jong 2024, sec. 2.3: an ART payment is atomic and idempotent;
 * redemption credits once): the real issuer, the issuer's MonEbox and e-purse and three users'
 * e-purses, each on a software MonEbox and a database in files. Random sequences of payments,
 * lost MonEbox replies, undelivered tokens, power cuts inside MonEbox commits, crashes with
 * restart from the files, retries, cancelled requests, redemptions, issuance and credential
 * refreshes with the clock moved by hours or days, past ART expiry. {@link Books#check} runs after
 * every step; at the end every payment in transit is delivered and nothing may be left over.
 */
class SystemMoneyPropertyTest {
  static final List<String> USERS = List.of("Anna", "Bram", "Chloe");
  static final int PARTIES = USERS.size() + 1;
  /** Payments above it need the owner's button press (EUR 50.00 by default). */
  static final long BUTTON = IssuerConfig.defaults().buttonThreshold();
  /** The issuer's first issuance: EUR 10,000.00. */
  static final long FIRST_ISSUE = 10_000_00;
  /** An e-purse keeps an expired ART in an open request this long for a late token. */
  static final Duration IN_USE_GRACE = PursePolicy.defaults().inUseGrace();
  /** Certifier keys live 90 days; the clock stays well inside. */
  static final Duration MAX_ELAPSED = Duration.ofDays(80);
  /** No ART for a request: a correct answer, after which the step does nothing. */
  static final Set<Reason> NO_ART =
      Set.of(Reason.ART_IN_USE, Reason.ART_EXHAUSTED, Reason.ART_LIMIT_EXCEEDED);

  /**
   * Each try's files live under here, in the module's build directory: removed after the
   * property, and by a clean if a try that shrinking gave up on was still writing.
   */
  private static Path runs;

  @AfterContainer
  static void deleteRuns() {
    if (runs != null) {
      SystemWorld.deleteTree(runs);
      runs = null;
    }
  }

  @Property(tries = 15)
  void moneyIsConservedAndNeverDebitedTwice(@ForAll("preloads") List<Long> preloads,
      @ForAll("scripts") List<Action> script) throws Exception {
    synchronized (SystemMoneyPropertyTest.class) {
      if (runs == null) {
        Path target = Path.of(System.getProperty("basedir", ".")).resolve("target");
        runs = Files.createTempDirectory(Files.createDirectories(target), "system-tries-");
      }
    }
    Path root = Files.createTempDirectory(runs, "try-");
    try (SystemWorld world = SystemWorld.create(root, USERS)) {
      Run run = new Run(world);
      run.setUp(preloads);
      for (Action action : script) {
        world.clock.advance(Duration.ofMinutes(1));
        action.run(run);
        run.learnPaymentsMadeMeanwhile();
        run.books.check(action.toString());
      }
      run.settle();
    } finally {
      SystemWorld.deleteTree(root);
    }
  }

  @Provide
  Arbitrary<List<Long>> preloads() {
    return Arbitraries.longs().between(150_00, 500_00).list().ofSize(USERS.size());
  }

  @Provide
  Arbitrary<List<Action>> scripts() {
    Arbitrary<Integer> party = Arbitraries.integers().between(0, PARTIES - 1);
    Arbitrary<Integer> offset = Arbitraries.integers().between(1, PARTIES - 1);
    Arbitrary<Integer> index = Arbitraries.integers().between(0, 7);
    Arbitrary<Long> cents = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.longs().between(1, BUTTON)),
        Tuple.of(1, Arbitraries.longs().between(BUTTON + 1, 150_00)));
    Arbitrary<Boolean> flag = Arbitraries.of(true, false);
    Arbitrary<PowerCut.Point> point = Arbitraries.of(PowerCut.Point.class);
    Arbitrary<Duration> advance = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(Duration.ZERO)),
        Tuple.of(2, Arbitraries.longs().between(1, 23).map(Duration::ofHours)),
        Tuple.of(2, Arbitraries.longs().between(1, 6).map(Duration::ofDays)),
        // past the expiry of ARTs issued 30 days before, within the payee's one-day grace
        Tuple.of(2, Arbitraries.longs().between(1, 20)
            .map(h -> Duration.ofDays(30).plusHours(h))));

    Arbitrary<Action> pay = Combinators.combine(party, offset, cents, flag, flag).as(Pay::new);
    Arbitrary<Action> lost = Combinators.combine(party, offset, cents, flag,
        Arbitraries.of(Loss.class), point).as(PayLost::new);
    Arbitrary<Action> retry = Combinators.combine(index, flag).as(Retry::new);
    Arbitrary<Action> retryDelivered = index.map(RetryDelivered::new);
    Arbitrary<Action> request = Combinators.combine(party, cents, flag).as(Request::new);
    Arbitrary<Action> payOpen = Combinators.combine(index, offset).as(PayOpen::new);
    Arbitrary<Action> cancel = index.map(Cancel::new);
    Arbitrary<Action> crash = Combinators.combine(party, Arbitraries.of(CrashDuring.class), point)
        .as(Crash::new);
    Arbitrary<Action> redeem = party.map(Redeem::new);
    Arbitrary<Action> refresh = Combinators.combine(party, advance).as(Refresh::new);
    Arbitrary<Action> issue = Combinators.combine(Arbitraries.longs().between(1, 1_000_00),
        point.optional()).as(Issue::new);
    return Arbitraries.frequencyOf(Tuple.of(6, pay), Tuple.of(3, lost), Tuple.of(3, retry),
        Tuple.of(1, retryDelivered), Tuple.of(1, request), Tuple.of(1, payOpen),
        Tuple.of(1, cancel), Tuple.of(3, crash), Tuple.of(2, redeem), Tuple.of(2, refresh),
        Tuple.of(1, issue))
        .list().ofMinSize(5).ofMaxSize(25).withSizeDistribution(RandomDistribution.uniform());
  }

  /** Counts what the steps actually did, so a run shows which paths it covered. */
  static void note(String what) {
    Statistics.label("steps").collect(what);
  }

  /** Each ART held, with its status and what it received. */
  static List<String> received(PurseStatus s) {
    return s.arts().stream().map(a -> a.artId().hex() + " " + a.status() + " " + a.received())
        .toList();
  }

  // --- the actions

  interface Action {
    void run(Run r) throws Exception;
  }

  /** How a payment goes wrong before its token reaches the payee. */
  enum Loss {
    /** The MonEbox paid and stored the token; its reply to the e-purse is lost. */
    MONEBOX_REPLY,
    /** The payer's e-purse has the token; it never reaches the payee. */
    UNDELIVERED,
    /** The power goes inside the payer's MonEbox commit; the payer restarts. */
    POWER_CUT
  }

  /** Where the power goes in a {@link Crash}. */
  enum CrashDuring {
    /** Between operations: the objects are dropped and reopened. */
    IDLE,
    /** In the commit of a redemption that credits something. */
    REDEMPTION,
    /** In the first MonEbox commit of a credential refresh. */
    REFRESH
  }

  /** The payee asks (an amount, or the payer chooses); the payer previews and pays; accepted. */
  record Pay(int payer, int offset, long cents, boolean payerChooses, boolean acceptNamingAmount)
      implements Action {
    @Override
    public void run(Run r) throws Exception {
      int payee = (payer + offset) % PARTIES;
      Optional<Amount> asked = payerChooses ? Optional.empty() : Optional.of(eur(cents));
      Optional<PaymentRequest> request = r.request(payee, asked);
      if (request.isPresent()) {
        Optional<Pending> paid = r.payNew(payer, payee, request.get(), cents, null, null);
        if (paid.isPresent()) {
          r.deliver(paid.get(), acceptNamingAmount);
        }
      }
    }
  }

  /** A payment whose token does not reach the payee now; a {@link Retry} delivers it later. */
  record PayLost(int payer, int offset, long cents, boolean payerChooses, Loss loss,
      PowerCut.Point point) implements Action {
    @Override
    public void run(Run r) throws Exception {
      int payee = (payer + offset) % PARTIES;
      Optional<Amount> asked = payerChooses ? Optional.empty() : Optional.of(eur(cents));
      Optional<PaymentRequest> request = r.request(payee, asked);
      if (request.isPresent()) {
        r.payNew(payer, payee, request.get(), cents, loss, point);
      }
    }
  }

  /** The payer pays a pending request again and delivers: the MonEbox's stored token, once. */
  record Retry(int index, boolean acceptNamingAmount) implements Action {
    @Override
    public void run(Run r) throws Exception {
      if (!r.books.pending.isEmpty()) {
        r.retry(r.books.pending.get(index % r.books.pending.size()), acceptNamingAmount);
      }
    }
  }

  /** An accepted payment paid and accepted again: the same token, no debit, no credit. */
  record RetryDelivered(int index) implements Action {
    @Override
    public void run(Run r) throws Exception {
      List<Delivered> done = r.books.delivered;
      if (done.isEmpty()) {
        return;
      }
      Delivered d = done.get(done.size() - 1 - index % done.size());
      EPurse payer = r.world.party(d.payer()).purse();
      EPurse payee = r.world.party(d.payee()).purse();
      assertTrue(payer.preview(d.request()).isRetry(), "the payer knows it paid this request");
      TransferToken again = payer.pay(d.request(), d.amount());
      assertEquals(d.token(), again, "paying a paid request again returns its token");
      assertEquals(d.receipt(), payee.accept(again), "accepting again: the same receipt");
      note("retry of a delivered payment");
    }
  }

  /** The payee makes a request that is paid, or cancelled, later. */
  record Request(int payee, long cents, boolean payerChooses) implements Action {
    @Override
    public void run(Run r) throws Exception {
      Optional<Amount> asked = payerChooses ? Optional.empty() : Optional.of(eur(cents));
      Optional<PaymentRequest> request = r.request(payee, asked);
      if (request.isPresent()) {
        r.open.add(new Open(payee, request.get(), cents));
        note("request: left open");
      }
    }
  }

  /** Someone other than the payee pays an open request, and the payee accepts. */
  record PayOpen(int index, int offset) implements Action {
    @Override
    public void run(Run r) throws Exception {
      if (r.open.isEmpty()) {
        return;
      }
      Open o = r.open.remove(index % r.open.size());
      int payer = (o.payee() + offset) % PARTIES;
      Optional<Pending> paid = r.payNew(payer, o.payee(), o.request(), o.cents(), null, null);
      if (paid.isPresent()) {
        r.deliver(paid.get(), false);
      }
    }
  }

  /** The payee cancels an open request that nobody paid; nobody pays it afterwards. */
  record Cancel(int index) implements Action {
    @Override
    public void run(Run r) throws Exception {
      if (r.open.isEmpty()) {
        return;
      }
      Open o = r.open.remove(index % r.open.size());
      r.cancel(o.payee(), o.request());
      note("request: cancelled");
    }
  }

  /** A party's process dies, idle or inside a MonEbox commit, and starts again from its files. */
  record Crash(int party, CrashDuring during, PowerCut.Point point) implements Action {
    @Override
    public void run(Run r) throws Exception {
      Party p = r.world.party(party);
      Link link = p.link();
      switch (during) {
        case IDLE -> {
          PurseStatus before = p.purse().status();
          r.crash(party);
          PurseStatus after = r.world.party(party).purse().status();
          assertEquals(before.spendable(), after.spendable(), "spendable across a restart");
          assertEquals(received(before), received(after), "ARTs across a restart");
          note("crash: idle");
        }
        case REDEMPTION -> {
          link.cutInNextRedemption(point);
          try {
            p.purse().redeemAll();
            link.disarm(); // nothing to credit: no commit to cut
            r.books.redemptions(party, link);
            note("crash: nothing to redeem");
          } catch (PowerCut.Lost cut) {
            r.books.redemptions(party, link);
            note("crash: in a redemption, " + cut.point);
            r.crash(party);
          }
        }
        case REFRESH -> {
          link.cutInNextCommit(point);
          try {
            RefreshReport report = p.purse().refresh(r.world.agent());
            link.disarm();
            r.books.redemptions(party, link);
            r.books.returned(party, report.artsReturned());
            note("crash: refresh committed nothing");
          } catch (PowerCut.Lost cut) {
            r.books.redemptions(party, link);
            note("crash: in a refresh, " + cut.point);
            r.crash(party);
          }
        }
      }
    }
  }

  record Redeem(int party) implements Action {
    @Override
    public void run(Run r) throws Exception {
      r.redeem(party);
    }
  }

  /**
   * The clock moves on, then the party refreshes its credentials (and redeems, and returns used
   * ARTs). The clock stops short of where a payee may retire the ART of a payment still in
   * transit (its expiry plus the e-purse's in-use grace): after that the payee hands the ART back
   * and a late token is refused by design, which is not what this property is about.
   */
  record Refresh(int party, Duration advance) implements Action {
    @Override
    public void run(Run r) throws Exception {
      Instant to = r.world.now().plus(advance);
      Instant limit = SystemWorld.T0.plus(MAX_ELAPSED);
      for (Pending p : r.books.pending) {
        Instant retired = p.request.state().config().notAfter().plus(IN_USE_GRACE);
        limit = retired.minus(Duration.ofHours(1)).isBefore(limit)
            ? retired.minus(Duration.ofHours(1)) : limit;
      }
      if (to.isAfter(limit)) {
        to = limit.isAfter(r.world.now()) ? limit : r.world.now();
      }
      r.world.clock.advance(Duration.between(r.world.now(), to));
      r.refresh(party);
    }
  }

  /** The committee issues more e-cash; the power may go in the issuer's MonEbox meanwhile. */
  record Issue(long cents, Optional<PowerCut.Point> cut) implements Action {
    @Override
    public void run(Run r) throws Exception {
      if (cut.isEmpty()) {
        r.world.issue(cents);
        r.books.issued(cents);
        note("issue");
        return;
      }
      r.world.party(0).link().cutInNextCommit(cut.get());
      try {
        r.world.issue(cents);
        throw new AssertionError("an issuance order commits in the issuer's MonEbox");
      } catch (PowerCut.Lost lost) {
        if (cut.get().stored()) {
          r.books.issued(cents);
        }
        note("issue: power cut " + cut.get());
        r.crash(0); // the issuance office reconciles its ledger with the MonEbox
      }
    }
  }

  record Open(int payee, PaymentRequest request, long cents) {}

  // --- the moves every action is made of

  static final class Run {
    final SystemWorld world;
    final Books books;
    final List<Open> open = new ArrayList<>();

    Run(SystemWorld world) {
      this.world = world;
      this.books = new Books(world);
    }

    /** The first e-cash, and each user's preload paid by the issuer's e-purse and redeemed. */
    void setUp(List<Long> preloads) throws Exception {
      world.issue(FIRST_ISSUE);
      books.issued(FIRST_ISSUE);
      for (int i = 1; i < PARTIES; i++) {
        PaymentRequest request = request(i, Optional.of(eur(preloads.get(i - 1)))).orElseThrow();
        deliver(payNew(0, i, request, preloads.get(i - 1), null, null).orElseThrow(), true);
        redeem(i);
      }
      books.check("the preloads");
    }

    /**
     * The payee's request on one of its ARTs; when it has none for this amount it refreshes its
     * credentials first. Empty when it still has none (every ART in an open request).
     */
    Optional<PaymentRequest> request(int payee, Optional<Amount> amount) throws Exception {
      EPurse purse = world.party(payee).purse();
      for (int attempt = 0; ; attempt++) {
        try {
          return Optional.of(purse.requestPayment(amount));
        } catch (ArtcashException e) {
          assertTrue(NO_ART.contains(e.reason()), e::describe);
          if (attempt == 1) {
            note("request: no free ART");
            return Optional.empty();
          }
          refresh(payee);
        }
      }
    }

    /**
     * A payment on a request nobody has paid: preview, the button above the threshold, pay. With
     * a {@code loss} the token does not reach the payee and the payment stays pending. Empty when
     * the payer is refused before its MonEbox paid (short of money, the ART expired meanwhile);
     * then the payee cancels its request.
     */
    Optional<Pending> payNew(int payer, int payee, PaymentRequest request, long cents, Loss loss,
        PowerCut.Point point) throws Exception {
      Party party = world.party(payer);
      PaymentPreview preview;
      try {
        preview = party.purse().preview(request);
      } catch (ArtcashException e) {
        assertExpired(e, request);
        note("pay: the request's ART expired first");
        cancel(payee, request);
        return Optional.empty();
      }
      assertFalse(preview.isRetry(), "a new request is not a retry");
      assertEquals(eur(books.balance(payer)), preview.balance(), "balance in the preview");
      assertEquals(request.requestedAmount(), preview.requestedAmount());
      Amount amount = request.requestedAmount()
          .orElse(eur(Math.min(cents, preview.maxAmount().minor())));
      Pending p = new Pending(payer, payee, request, amount);
      Optional<TransferToken> token = pay(p, loss, point);
      if (token.isEmpty() && !p.debited) {
        return Optional.empty(); // refused (the payee cancelled), or cut before it was stored
      }
      return Optional.of(p);
    }

    /**
     * The payer's e-purse pays {@code p} (not yet debited) and the books follow; the token when
     * the e-purse got it. A refused payment is cancelled at the payee and dropped.
     */
    private Optional<TransferToken> pay(Pending p, Loss loss, PowerCut.Point point)
        throws Exception {
      Party party = world.party(p.payer);
      Link link = party.link();
      if (p.amount.minor() > BUTTON) {
        link.pressButton();
      }
      books.pending.add(p);
      if (loss == Loss.MONEBOX_REPLY) {
        link.loseReplyTo(p.request.state().stateHash());
      } else if (loss == Loss.POWER_CUT) {
        link.cutInPaymentOf(p.request.state().stateHash(), point);
      }
      TransferToken token;
      try {
        token = payOrRefreshKeys(p);
      } catch (ArtcashException e) {
        link.disarm();
        books.redemptions(p.payer, link);
        if (e.reason() == Reason.EXPIRED) { // a retry after a cut that stored nothing
          assertExpired(e, p.request);
          note("pay: the request's ART expired first");
        } else {
          assertEquals(Reason.INSUFFICIENT_FUNDS, e.reason(), e::describe);
          assertTrue(books.balance(p.payer) < p.amount.minor(), () -> "refused although the"
              + " books hold " + books.balance(p.payer) + ": " + e.describe());
          note("pay: refused, short of money");
        }
        books.pending.remove(p);
        cancel(p.payee, p.request);
        return Optional.empty();
      } catch (UncheckedIOException replyLost) {
        books.redemptions(p.payer, link);
        books.debited(p);
        note("pay: MonEbox reply lost");
        return Optional.empty();
      } catch (PowerCut.Lost cut) {
        books.redemptions(p.payer, link);
        if (cut.point.stored()) {
          books.debited(p);
        }
        note("pay: power cut " + cut.point);
        crash(p.payer);
        return Optional.empty();
      }
      books.redemptions(p.payer, link);
      books.debited(p);
      p.token = Optional.of(token);
      note(loss == Loss.UNDELIVERED ? "pay: token not delivered" : "pay: paid");
      return p.token;
    }

    /**
     * Pays, as an owner would: a MonEbox whose payment keys are used up gets fresh ones; a press
     * of the button that went to another attempt (an earlier approval the e-purse sent again
     * first) is made again.
     */
    private TransferToken payOrRefreshKeys(Pending p) throws Exception {
      for (int attempt = 0; ; attempt++) {
        try {
          return world.party(p.payer).purse().pay(p.request, p.amount);
        } catch (ArtcashException e) {
          boolean again = attempt < 2 && (e.reason() == Reason.NO_SUITABLE_PAYMENT_KEY
              || e.reason() == Reason.BUTTON_REQUIRED && p.amount.minor() > BUTTON);
          if (!again) {
            throw e;
          }
          note("pay: asked again after " + e.reason());
          if (e.reason() == Reason.NO_SUITABLE_PAYMENT_KEY) {
            refresh(p.payer);
          }
          if (p.amount.minor() > BUTTON) {
            world.party(p.payer).link().pressButton();
          }
        }
      }
    }

    /** The payer pays a pending request again and the payee accepts the token. */
    void retry(Pending p, boolean acceptNamingAmount) throws Exception {
      EPurse payer = world.party(p.payer).purse();
      boolean known;
      try {
        known = payer.preview(p.request).isRetry();
        assertTrue(known || p.token.isEmpty(), "the e-purse forgot a token it handed over");
      } catch (ArtcashException e) {
        // the preview may not know that the MonEbox paid this expired ART; the payment must go
        assertTrue(p.token.isEmpty(), e::describe);
        assertExpired(e, p.request);
        known = false;
      }
      if (!p.debited) { // the power went before the MonEbox stored it: a new payment
        note("retry: paid anew, the first try was cut before it was stored");
        books.pending.remove(p);
        if (pay(p, null, null).isEmpty()) {
          return;
        }
        deliver(p, acceptNamingAmount);
        return;
      }
      long before = world.party(p.payer).link().balance().minor();
      TransferToken token;
      try {
        token = payer.pay(p.request, p.amount);
      } catch (ArtcashException e) {
        throw new AssertionError("the payer's MonEbox made the " + p + " and holds its token,"
            + " the payee still waits for it, but the retry was refused: " + e.describe(), e);
      }
      books.redemptions(p.payer, world.party(p.payer).link());
      p.token.ifPresent(t -> assertEquals(t, token, "the retry returns the same token"));
      assertTrue(world.party(p.payer).link().balance().minor() >= before,
          "a retry of a payment the MonEbox made debits nothing");
      boolean expired = world.now().isAfter(p.request.state().config().notAfter());
      note((known ? "retry: token held by the e-purse" : "retry: token from the MonEbox")
          + (expired ? ", ART expired" : ""));
      p.token = Optional.of(token);
      deliver(p, acceptNamingAmount);
    }

    /** The payee accepts the pending payment's token (naming the amount, or not). */
    void deliver(Pending p, boolean acceptNamingAmount) throws Exception {
      EPurse payee = world.party(p.payee).purse();
      TransferToken token = p.token.orElseThrow();
      Receipt receipt = acceptNamingAmount ? payee.accept(token, p.amount) : payee.accept(token);
      books.accepted(p, token, receipt);
    }

    void cancel(int payee, PaymentRequest request) throws Exception {
      boolean wasInUse = world.party(payee).purse().cancelRequest(request.state().config().artId());
      Instant notAfter = request.state().config().notAfter();
      if (!wasInUse) { // no longer in use only when a refresh retired it after its expiry
        assertTrue(world.now().isAfter(notAfter), "an open request's ART was not in use");
      }
    }

    /**
     * The party's process dies and starts again from its files. Whatever its e-purse pays or
     * redeems on opening goes into the books like any other payment or redemption.
     */
    void crash(int party) throws ArtcashException {
      world.crash(party);
      learnPaymentsMadeMeanwhile();
      books.redemptions(party, world.party(party).link());
    }

    void redeem(int party) throws ArtcashException {
      Link link = world.party(party).link();
      world.party(party).purse().redeemAll();
      books.redemptions(party, link);
      books.allRedeemed(party);
    }

    void refresh(int party) throws ArtcashException {
      Link link = world.party(party).link();
      RefreshReport report = world.party(party).purse().refresh(world.agent());
      books.redemptions(party, link);
      books.allRedeemed(party);
      books.returned(party, report.artsReturned());
      if (!report.artsReturned().isEmpty()) {
        note("refresh: ARTs returned and inspected");
      }
    }

    /**
     * An e-purse may send an approval whose commit the power cut again by itself (when it opens,
     * or before its next payment), so a payment the books hold as not made may have been made
     * since. The payer's e-purse then has its token; the balance check that follows makes sure it
     * was debited once.
     */
    void learnPaymentsMadeMeanwhile() {
      for (Pending p : books.pending) {
        if (p.debited) {
          continue;
        }
        try {
          Optional<TransferToken> made = world.party(p.payer).purse().preview(p.request)
              .earlier().map(o -> o.token());
          if (made.isPresent()) {
            books.debited(p);
            p.token = made;
            note("pay: the e-purse sent a cut approval again by itself");
          }
        } catch (ArtcashException e) {
          // not paid, and no longer payable (its ART expired): it stays not made
        }
      }
    }

    /** At the end: every payment in transit is delivered, everyone redeems, nothing is left. */
    void settle() throws Exception {
      for (Pending p : List.copyOf(books.pending)) {
        retry(p, false);
      }
      for (int i = 0; i < PARTIES; i++) {
        redeem(i);
      }
      books.check("settling");
      assertEquals(0, books.inTransit(), () -> "still in transit: " + books.pending);
    }

    private void assertExpired(ArtcashException e, PaymentRequest request) {
      assertEquals(Reason.EXPIRED, e.reason(), e::describe);
      assertTrue(world.now().isAfter(request.state().config().notAfter()), e::describe);
    }
  }
}
