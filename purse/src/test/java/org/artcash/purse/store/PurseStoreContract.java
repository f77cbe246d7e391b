package org.artcash.purse.store;

import static org.artcash.purse.store.StoreFixtures.T0;
import static org.artcash.purse.store.StoreFixtures.eur;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtKind;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentRecord;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.credential.CertificationRequest;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.RevocationList;
import org.artcash.monebox.PaymentInstruction;
import org.artcash.purse.store.PaymentIntent.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link PurseStore} promises, run against each database it supports (H2 and PostgreSQL):
 * every test starts on an empty database, which is dropped afterwards.
 */
abstract class PurseStoreContract {
  private static final Duration DAY = Duration.ofDays(1);

  protected final StoreFixtures fx = new StoreFixtures();
  protected String url;
  protected PurseStore store;

  /** Creates an empty database and returns its JDBC URL. */
  protected abstract String createDatabase();

  protected abstract PurseStore open(String url);

  /** A plain JDBC connection to the same database, for setting up and checking by hand. */
  protected abstract Connection connect(String url) throws SQLException;

  protected abstract void dropDatabase();

  @BeforeEach
  void openStore() {
    url = createDatabase();
    store = open(url);
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
    dropDatabase();
  }

  // --- schema

  @Test
  void open_freshDatabase_isUnboundAndHoldsNothing() {
    assertFalse(store.binding().isBound());
    assertTrue(store.arts().held().isEmpty());
    assertTrue(store.history().list().isEmpty());
    assertTrue(store.trustMaterial().revocationList().isEmpty());
  }

  @Test
  void open_again_keepsWhatWasStored() throws Exception {
    ArtConfig art = fx.art();
    store.arts().add(art, List.of(), T0);
    store.binding().save(binding(0));
    store.close();
    store = open(url);
    assertEquals(art, store.arts().find(art.artId()).orElseThrow().config());
    assertTrue(store.binding().isBound());
  }

  @Test
  void open_inASchemaHoldingOtherComponentsTables_addsThePurseTablesBesideThem()
      throws Exception {
    store.close();
    store = null;
    dropDatabase();
    url = createDatabase();
    try (Connection c = connect(url); Statement s = c.createStatement()) {
      // what the issuer's migrations leave: its own tables and Flyway's default history table
      s.execute("CREATE TABLE device (device_id INTEGER NOT NULL PRIMARY KEY)");
      s.execute("INSERT INTO device (device_id) VALUES (7)");
      s.execute("CREATE TABLE flyway_schema_history (installed_rank INTEGER NOT NULL)");
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
    store = open(url);
    ArtConfig art = fx.art();
    assertTrue(store.arts().add(art, List.of(), T0));
    try (Connection c = connect(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM device")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getInt(1));
    }
  }

  // --- binding

  @Test
  void binding_saved_isFoundWithItsKeyAndCertificates() throws Exception {
    StoredBinding saved = binding(3);
    store.binding().save(saved);
    StoredBinding found = store.binding().find().orElseThrow();
    assertEquals(3, found.bindingId());
    assertTrue(found.bindingKey().equalsSecret(saved.bindingKey()));
    assertEquals(saved.root(), found.root());
    assertEquals(saved.deviceCertificate(), found.deviceCertificate());
    assertEquals(saved.hostPublicKey(), found.hostPublicKey());
    assertEquals(0, found.lastCounter());
  }

  @Test
  void binding_savedTwice_isRefusedAsAlreadyBound() throws Exception {
    store.binding().save(binding(0));
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> store.binding().save(binding(1)));
    assertEquals(Reason.WRONG_STATE, e.reason());
    assertEquals(0, store.binding().find().orElseThrow().bindingId());
  }

  @Test
  void nextCounter_beforeBinding_isRefusedAsNotBound() {
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> store.binding().nextCounter());
    assertEquals(Reason.NOT_BOUND, e.reason());
  }

  @Test
  void nextCounter_countsUpAndSurvivesReopening() throws Exception {
    store.binding().save(binding(0));
    assertEquals(1, store.binding().nextCounter());
    assertEquals(2, store.binding().nextCounter());
    store.close();
    store = open(url);
    assertEquals(3, store.binding().nextCounter());
    assertEquals(3, store.binding().find().orElseThrow().lastCounter());
  }

  @Test
  void nextCounter_afterTheLastCounter_isRefused() throws Exception {
    StoredBinding b = binding(0);
    store.binding().save(new StoredBinding(b.bindingId(), b.bindingKey(), b.hostPublicKey(),
        b.monEboxPublicKey(), b.root(), b.deviceCertificate(), 0xFFFF_FFFEL, b.boundAt()));
    assertEquals(0xFFFF_FFFFL, store.binding().nextCounter());
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> store.binding().nextCounter());
    assertEquals(Reason.WRONG_STATE, e.reason());
  }

  // --- ARTs

  @Test
  void addArt_twice_storesItOnce() {
    ArtConfig art = fx.art();
    assertTrue(store.arts().add(art, List.of(), T0));
    assertFalse(store.arts().add(art, List.of(), T0.plusSeconds(5)));
    StoredArt stored = store.arts().find(art.artId()).orElseThrow();
    assertEquals(ArtStatus.FREE, stored.status());
    assertEquals(T0, stored.storedAt());
    assertEquals(1, store.arts().held().size());
  }

  @Test
  void addArt_keepsItsFactoryChain() {
    ArtConfig art = fx.art();
    List<Certificate> chain = List.of(StoreFixtures.certificate(fx.factory),
        StoreFixtures.certificate(StoreFixtures.signer()));
    store.arts().add(art, chain, T0);
    assertEquals(chain, store.arts().find(art.artId()).orElseThrow().factoryChain());
  }

  @Test
  void reserve_marksTheArtInUse_soItIsNotOfferedAgain() {
    ArtConfig art = fx.art();
    store.arts().add(art, List.of(), T0);
    StoredArt reserved = store.arts()
        .reserve(ArtKind.PAYMENT, Optional.of(eur(12_50)), T0.plusSeconds(60)).orElseThrow();
    assertEquals(art.artId(), reserved.artId());
    assertEquals(ArtStatus.IN_USE, reserved.status());
    assertEquals(Optional.of(eur(12_50)), reserved.requestedAmount());
    assertEquals(Optional.of(T0.plusSeconds(60)), reserved.requestedAt());
    assertTrue(store.arts()
        .reserve(ArtKind.PAYMENT, Optional.empty(), T0.plusSeconds(61)).isEmpty());
  }

  @Test
  void reserve_forMoreThanAnyArtCanTake_findsNone() {
    store.arts().add(fx.art(), List.of(), T0);
    assertTrue(store.arts().reserve(ArtKind.PAYMENT, Optional.of(eur(50_01)), T0).isEmpty());
    assertEquals(ArtStatus.FREE, store.arts().held().get(0).status());
  }

  @Test
  void reserve_skipsArtsThatExpiredOrAreNotValidYet() {
    store.arts().add(fx.art(T0, T0.plus(DAY), 3, 50_00, 100_00), List.of(), T0);
    store.arts().add(fx.art(T0.plus(DAY.multipliedBy(5)), T0.plus(DAY.multipliedBy(9)), 3,
        50_00, 100_00), List.of(), T0);
    Instant between = T0.plus(DAY.multipliedBy(2));
    assertTrue(store.arts().reserve(ArtKind.PAYMENT, Optional.empty(), between).isEmpty());
  }

  @Test
  void reserve_takesTheArtThatExpiresSoonestFirst() {
    ArtConfig later = fx.art(T0, T0.plus(DAY.multipliedBy(20)), 3, 50_00, 100_00);
    ArtConfig sooner = fx.art(T0, T0.plus(DAY.multipliedBy(10)), 3, 50_00, 100_00);
    store.arts().add(later, List.of(), T0);
    store.arts().add(sooner, List.of(), T0);
    assertEquals(sooner.artId(),
        store.arts().reserve(ArtKind.PAYMENT, Optional.empty(), T0).orElseThrow().artId());
    assertEquals(later.artId(),
        store.arts().reserve(ArtKind.PAYMENT, Optional.empty(), T0).orElseThrow().artId());
  }

  @Test
  void reserve_fromManyThreadsAtOnce_givesEachArtToOneRequestOnly() throws Exception {
    int arts = 5;
    for (int i = 0; i < arts; i++) {
      store.arts().add(fx.art(), List.of(), T0);
    }
    int requests = 12;
    ExecutorService pool = Executors.newFixedThreadPool(requests);
    try {
      List<Callable<Optional<StoredArt>>> tasks = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        tasks.add(() -> store.arts().reserve(ArtKind.PAYMENT, Optional.empty(), T0));
      }
      List<Bytes> given = new ArrayList<>();
      for (Future<Optional<StoredArt>> f : pool.invokeAll(tasks)) {
        f.get().ifPresent(a -> given.add(a.artId()));
      }
      Set<Bytes> distinct = new HashSet<>(given);
      assertEquals(arts, given.size(), "every ART is given out, and no more");
      assertEquals(arts, distinct.size(), "no ART is given to two requests");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void cancelRequest_retiresAnArtInUse_keepsTheAskedAmount_andLeavesAFreeArtAlone() {
    ArtConfig art = fx.art();
    store.arts().add(art, List.of(), T0);
    store.arts().reserve(ArtKind.PAYMENT, Optional.of(eur(5_00)), T0).orElseThrow();
    assertTrue(store.arts().cancelRequest(art.artId()));
    StoredArt cancelled = store.arts().find(art.artId()).orElseThrow();
    assertEquals(ArtStatus.RETIRED, cancelled.status());
    assertEquals(Optional.of(eur(5_00)), cancelled.requestedAmount());
    assertFalse(store.arts().cancelRequest(art.artId()));
    assertTrue(store.arts().reserve(ArtKind.PAYMENT, Optional.empty(), T0).isEmpty(),
        "a cancelled ART is never offered again");

    ArtConfig free = fx.art();
    store.arts().add(free, List.of(), T0);
    assertFalse(store.arts().cancelRequest(free.artId()));
    assertEquals(ArtStatus.FREE, store.arts().find(free.artId()).orElseThrow().status());
  }

  @Test
  void appendPayment_withAnotherAmountThanAsked_keepsTheAskedAmountWithThePayment() {
    ArtConfig art = fx.art();
    store.arts().add(art, List.of(), T0);
    PaymentRecord paid = fx.payment(ArtState.fresh(art), 15_00, T0);

    assertTrue(store.arts().appendPayment(art.artId(), 0, paid, List.of(), false,
        Optional.of(eur(20_00)), T0));

    ReceivedPayment stored = store.arts().payment(art.artId(), 1).orElseThrow();
    assertEquals(eur(15_00), stored.amount());
    assertEquals(Optional.of(eur(20_00)), stored.differsFrom());
    assertEquals(eur(15_00), store.arts().unredeemed(StoreFixtures.EUR));
  }

  @Test
  void appendPayment_storesTheRecordAndMakesItTheLatestState() {
    ArtConfig art = fx.art();
    List<Certificate> payerChain = List.of(StoreFixtures.certificate(fx.payer));
    store.arts().add(art, List.of(), T0);
    store.arts().reserve(ArtKind.PAYMENT, Optional.of(eur(20_00)), T0).orElseThrow();
    PaymentRecord first = fx.payment(ArtState.fresh(art), 20_00, T0.plusSeconds(30));

    assertTrue(store.arts().appendPayment(art.artId(), 0, first, payerChain, false, Optional.empty(),
        T0.plusSeconds(40)));

    StoredArt after = store.arts().find(art.artId()).orElseThrow();
    assertEquals(ArtState.after(art, first), after.latest());
    assertEquals(ArtStatus.FREE, after.status());
    assertTrue(after.requestedAmount().isEmpty());
    assertEquals(eur(20_00), after.unredeemed());
    assertEquals(Optional.of(new TransferToken(art, first, payerChain)), after.latestToken());
    ReceivedPayment received = store.arts().payment(art.artId(), 1).orElseThrow();
    assertEquals(first, received.record());
    assertEquals(eur(20_00), received.amount());
    assertEquals(T0.plusSeconds(40), received.receivedAt());
    assertEquals(payerChain, received.payerChain());
  }

  @Test
  void appendPayment_onAStateThatMovedOn_changesNothing() {
    ArtConfig art = fx.art();
    store.arts().add(art, List.of(), T0);
    PaymentRecord first = fx.payment(ArtState.fresh(art), 10_00, T0);
    PaymentRecord rival = fx.payment(ArtState.fresh(art), 30_00, T0);
    assertTrue(store.arts().appendPayment(art.artId(), 0, first, List.of(), false, Optional.empty(), T0));

    assertFalse(store.arts().appendPayment(art.artId(), 0, rival, List.of(), false, Optional.empty(), T0));

    assertEquals(List.of(first),
        store.arts().payments(art.artId()).stream().map(ReceivedPayment::record).toList());
    assertEquals(eur(10_00), store.arts().find(art.artId()).orElseThrow().unredeemed());
  }

  @Test
  void appendPayment_thatExhaustsTheArt_retiresIt() {
    ArtConfig art = fx.art(T0, T0.plus(DAY), 1, 50_00, 50_00);
    store.arts().add(art, List.of(), T0);
    store.arts().appendPayment(art.artId(), 0, fx.payment(ArtState.fresh(art), 7_00, T0),
        List.of(), true, Optional.empty(), T0);
    assertEquals(ArtStatus.RETIRED, store.arts().find(art.artId()).orElseThrow().status());
  }

  @Test
  void payments_returnsTheWholeLogInSequence() {
    ArtConfig art = fx.art();
    store.arts().add(art, List.of(), T0);
    ArtState state = ArtState.fresh(art);
    List<PaymentRecord> records = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      PaymentRecord r = fx.payment(state, 10_00 + i, T0.plusSeconds(i));
      assertTrue(store.arts().appendPayment(art.artId(), i, r, List.of(), i == 2, Optional.empty(), T0));
      records.add(r);
      state = ArtState.after(art, r);
    }
    assertEquals(records,
        store.arts().payments(art.artId()).stream().map(ReceivedPayment::record).toList());
  }

  @Test
  void markRedeemed_lowersWhatIsUnredeemed_andNeverLowersTheTotal() throws Exception {
    ArtConfig art = fx.art();
    store.arts().add(art, List.of(), T0);
    store.arts().appendPayment(art.artId(), 0, fx.payment(ArtState.fresh(art), 30_00, T0),
        List.of(), false, Optional.empty(), T0);
    assertEquals(eur(30_00), store.arts().unredeemed(StoreFixtures.EUR));

    store.arts().markRedeemed(art.artId(), eur(30_00));
    store.arts().markRedeemed(art.artId(), eur(10_00));

    assertEquals(eur(30_00), store.arts().find(art.artId()).orElseThrow().redeemed());
    assertEquals(eur(0), store.arts().unredeemed(StoreFixtures.EUR));
    assertTrue(store.arts().redeemable(T0).isEmpty());
  }

  @Test
  void markRedeemed_forMoreThanWasReceived_isRefusedAsARolledBackDatabase() {
    ArtConfig art = fx.art();
    store.arts().add(art, List.of(), T0);
    store.arts().appendPayment(art.artId(), 0, fx.payment(ArtState.fresh(art), 30_00, T0),
        List.of(), false, Optional.empty(), T0);
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> store.arts().markRedeemed(art.artId(), eur(30_01)));
    assertEquals(Reason.ROLLBACK_DETECTED, e.reason());
    assertTrue(e.getMessage().contains("restored from a backup"), e.getMessage());
    assertEquals(eur(0), store.arts().find(art.artId()).orElseThrow().redeemed());
  }

  @Test
  void redeemable_leavesOutArtsWithNothingNewAndArtsPastTheirRedemptionWindow() {
    ArtConfig open = fx.art();
    ArtConfig empty = fx.art();
    store.arts().add(open, List.of(), T0);
    store.arts().add(empty, List.of(), T0);
    store.arts().appendPayment(open.artId(), 0, fx.payment(ArtState.fresh(open), 5_00, T0),
        List.of(), false, Optional.empty(), T0);

    assertEquals(List.of(open.artId()),
        store.arts().redeemable(T0).stream().map(StoredArt::artId).toList());
    assertTrue(store.arts().redeemable(open.redeemUntil().plusSeconds(1)).isEmpty());
  }

  @Test
  void retireExpired_retiresFreeArtsAtOnce_andArtsInUseOnlyAfterTheGrace() {
    ArtConfig inUse = fx.art(T0, T0.plus(DAY), 3, 50_00, 100_00);
    ArtConfig free = fx.art(T0, T0.plus(DAY), 3, 50_00, 100_00);
    ArtConfig valid = fx.art(T0, T0.plus(DAY.multipliedBy(30)), 3, 50_00, 100_00);
    store.arts().add(inUse, List.of(), T0);
    store.arts().reserve(ArtKind.PAYMENT, Optional.empty(), T0).orElseThrow(); // the only one
    store.arts().add(free, List.of(), T0);
    store.arts().add(valid, List.of(), T0);
    Instant now = T0.plus(DAY.multipliedBy(2));

    assertEquals(1, store.arts().retireExpired(now, now.minus(DAY.multipliedBy(3))));
    assertEquals(ArtStatus.RETIRED, store.arts().find(free.artId()).orElseThrow().status());
    assertEquals(ArtStatus.IN_USE, store.arts().find(inUse.artId()).orElseThrow().status());

    assertEquals(1, store.arts().retireExpired(now, now));
    assertEquals(ArtStatus.RETIRED, store.arts().find(inUse.artId()).orElseThrow().status());
    assertEquals(ArtStatus.FREE, store.arts().find(valid.artId()).orElseThrow().status());
  }

  @Test
  void returnable_holdsOnlyRetiredArtsWhoseValueIsAllRedeemed() throws Exception {
    ArtConfig redeemed = fx.art(T0, T0.plus(DAY), 1, 50_00, 50_00);
    ArtConfig unredeemed = fx.art(T0, T0.plus(DAY), 1, 50_00, 50_00);
    ArtConfig unused = fx.art(T0, T0.plus(DAY), 1, 50_00, 50_00);
    for (ArtConfig a : List.of(redeemed, unredeemed, unused)) {
      store.arts().add(a, List.of(), T0);
    }
    for (ArtConfig a : List.of(redeemed, unredeemed)) {
      store.arts().appendPayment(a.artId(), 0, fx.payment(ArtState.fresh(a), 9_00, T0),
          List.of(), true, Optional.empty(), T0);
    }
    store.arts().markRedeemed(redeemed.artId(), eur(9_00));
    Instant now = T0.plus(DAY.multipliedBy(2));
    store.arts().retireExpired(now, now);

    List<StoredArt> ready = store.arts().returnable();
    assertEquals(Set.of(redeemed.artId(), unused.artId()),
        new HashSet<>(ready.stream().map(StoredArt::artId).toList()));

    assertEquals(2, store.arts().markReturned(ready, now).size());
    assertTrue(store.arts().returnable().isEmpty());
    StoredArt returned = store.arts().find(redeemed.artId()).orElseThrow();
    assertEquals(ArtStatus.RETURNED, returned.status());
    assertEquals(Optional.of(now), returned.returnedAt());
    assertEquals(1, store.arts().payments(redeemed.artId()).size(), "the log is kept");
    assertEquals(List.of(unredeemed.artId()),
        store.arts().held().stream().map(StoredArt::artId).toList());
  }

  @Test
  void appendPayment_onAReturnedArt_changesNothing() {
    ArtConfig art = fx.art(T0, T0.plus(DAY), 3, 50_00, 100_00);
    store.arts().add(art, List.of(), T0);
    Instant now = T0.plus(DAY.multipliedBy(2));
    store.arts().retireExpired(now, now);
    store.arts().markReturned(store.arts().returnable(), now);
    assertFalse(store.arts().appendPayment(art.artId(), 0,
        fx.payment(ArtState.fresh(art), 1_00, T0), List.of(), false, Optional.empty(), now));
    assertTrue(store.arts().payments(art.artId()).isEmpty());
  }

  @Test
  void markReturned_whenALatePaymentArrivedAfterTheLogWasRead_keepsTheArt() {
    ArtConfig art = fx.art(T0, T0.plus(DAY), 3, 50_00, 100_00);
    store.arts().add(art, List.of(), T0);
    Instant now = T0.plus(DAY.multipliedBy(2));
    store.arts().retireExpired(now, now);
    List<StoredArt> read = store.arts().returnable();
    // a token dated before the ART's expiry arrives while the log is on its way to the factory
    store.arts().appendPayment(art.artId(), 0, fx.payment(ArtState.fresh(art), 2_00, T0),
        List.of(), false, Optional.empty(), now);

    assertEquals(List.of(), store.arts().markReturned(read, now));

    StoredArt kept = store.arts().find(art.artId()).orElseThrow();
    assertEquals(ArtStatus.RETIRED, kept.status());
    assertEquals(eur(2_00), kept.unredeemed());
  }

  @Test
  void countUsable_countsFreeArtsAndArtsInUseThatCanStillPayLongEnough() {
    ArtConfig full = fx.art(T0, T0.plus(DAY), 1, 50_00, 50_00);
    ArtConfig inUse = fx.art();
    ArtConfig free = fx.art();
    ArtConfig expiresSoon = fx.art(T0, T0.plusSeconds(600), 3, 50_00, 100_00);
    for (ArtConfig a : List.of(full, inUse, free, expiresSoon)) {
      store.arts().add(a, List.of(), T0);
    }
    store.arts().appendPayment(full.artId(), 0, fx.payment(ArtState.fresh(full), 50_00, T0),
        List.of(), true, Optional.empty(), T0);
    store.arts().reserve(ArtKind.PAYMENT, Optional.empty(), T0); // takes expiresSoon
    store.arts().reserve(ArtKind.PAYMENT, Optional.empty(), T0); // takes one of the 30-day ARTs

    assertEquals(2, store.arts().countUsable(ArtKind.PAYMENT, StoreFixtures.EUR,
        T0.plusSeconds(3600)));
    assertEquals(3, store.arts().countUsable(ArtKind.PAYMENT, StoreFixtures.EUR, T0));
    assertEquals(0, store.arts().countUsable(ArtKind.DEPOSIT, StoreFixtures.EUR, T0));
  }

  // --- outgoing payments

  @Test
  void saveOutgoing_secondTokenForTheSameState_keepsTheFirst() {
    ArtConfig art = fx.art();
    ArtState state = ArtState.fresh(art);
    TransferToken first = new TransferToken(art, fx.payment(state, 4_00, T0), List.of());
    TransferToken second = new TransferToken(art, fx.payment(state, 6_00, T0), List.of());
    OutgoingPayment stored = store.outgoing()
        .saveIfAbsent(new OutgoingPayment(state.stateHash(), first, 1, T0));
    assertEquals(first, stored.token());

    OutgoingPayment again = store.outgoing()
        .saveIfAbsent(new OutgoingPayment(state.stateHash(), second, 2, T0.plusSeconds(9)));

    assertEquals(first, again.token());
    assertEquals(1, again.approvalCounter());
    assertEquals(again, store.outgoing().find(state.stateHash()).orElseThrow());
    assertTrue(store.outgoing().find(StoreFixtures.randomBytes(32)).isEmpty());
  }

  // --- payment intents

  @Test
  void openIntent_takesTheNextCounterAndStoresTheExactInstruction() throws Exception {
    store.binding().save(binding(2));
    PaymentRequest request = new PaymentRequest(ArtState.fresh(fx.art()), OptionalLong.of(4_00),
        List.of());

    PaymentIntent intent = store.intents().open(c -> instruction(request, 4_00, c))
        .orElseThrow();

    assertEquals(1, intent.counter());
    assertEquals(1, store.binding().find().orElseThrow().lastCounter());
    PaymentIntent found = store.intents().find(1).orElseThrow();
    assertEquals(Status.PENDING, found.status());
    assertEquals(request, found.instruction().request());
    assertEquals(T0, found.instruction().hostTime());
    assertArrayEquals(intent.instruction().approvalMac(), found.instruction().approvalMac());
    assertEquals(List.of(found.counter()),
        store.intents().pending().stream().map(PaymentIntent::counter).toList());
  }

  @Test
  void openIntent_whileAnotherIsPending_takesNoCounterAndStoresNothing() throws Exception {
    store.binding().save(binding(0));
    PaymentRequest first = new PaymentRequest(ArtState.fresh(fx.art()), OptionalLong.empty(),
        List.of());
    PaymentRequest second = new PaymentRequest(ArtState.fresh(fx.art()), OptionalLong.empty(),
        List.of());
    PaymentIntent pending = store.intents().open(c -> instruction(first, 1_00, c)).orElseThrow();

    assertTrue(store.intents().open(c -> instruction(second, 2_00, c)).isEmpty());
    assertEquals(1, store.binding().find().orElseThrow().lastCounter());

    assertTrue(store.intents().refuse(pending.counter(),
        new ArtcashException(Reason.INSUFFICIENT_FUNDS, "short"), T0));
    assertEquals(2, store.intents().open(c -> instruction(second, 2_00, c)).orElseThrow()
        .counter());
  }

  @Test
  void openIntent_fromManyThreadsAtOnce_approvesOnePaymentWithOneCounter() throws Exception {
    store.binding().save(binding(0));
    int payments = 8;
    ExecutorService pool = Executors.newFixedThreadPool(payments);
    try {
      List<Callable<Optional<PaymentIntent>>> tasks = new ArrayList<>();
      for (int i = 0; i < payments; i++) {
        PaymentRequest request = new PaymentRequest(ArtState.fresh(fx.art()),
            OptionalLong.empty(), List.of());
        tasks.add(() -> store.intents().open(c -> instruction(request, 1_00, c)));
      }
      List<Long> counters = new ArrayList<>();
      for (Future<Optional<PaymentIntent>> f : pool.invokeAll(tasks)) {
        f.get().ifPresent(i -> counters.add(i.counter()));
      }
      assertEquals(List.of(1L), counters, "one PENDING approval at a time");
      assertEquals(1, store.binding().find().orElseThrow().lastCounter());
      assertEquals(1, store.intents().pending().size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void openIntent_beforeBinding_isRefusedAsNotBound() {
    PaymentRequest request = new PaymentRequest(ArtState.fresh(fx.art()), OptionalLong.empty(),
        List.of());
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> store.intents().open(c -> instruction(request, 1_00, c)));
    assertEquals(Reason.NOT_BOUND, e.reason());
  }

  @Test
  void completeIntent_storesTheTokenAsPaidOnce_andUnresolvedOnesStayListed() throws Exception {
    store.binding().save(binding(0));
    ArtConfig art = fx.art();
    ArtState state = ArtState.fresh(art);
    PaymentRequest request = new PaymentRequest(state, OptionalLong.empty(), List.of());
    PaymentIntent intent = store.intents().open(c -> instruction(request, 4_00, c)).orElseThrow();
    TransferToken token = new TransferToken(art, fx.payment(state, 4_00, T0), List.of());

    OutgoingPayment paid = store.intents().complete(intent, token, T0.plusSeconds(5));

    assertEquals(token, paid.token());
    assertEquals(intent.counter(), paid.approvalCounter());
    assertEquals(T0, paid.paidAt(), "paid when it was approved");
    assertEquals(paid, store.outgoing().find(state.stateHash()).orElseThrow());
    assertEquals(Status.PAID, store.intents().find(intent.counter()).orElseThrow().status());
    assertFalse(store.intents().refuse(intent.counter(),
        new ArtcashException(Reason.EXPIRED, "late"), T0), "a PAID intent stays PAID");
    assertTrue(store.intents().unsettled().isEmpty());

    PaymentRequest other = new PaymentRequest(ArtState.fresh(fx.art()), OptionalLong.empty(),
        List.of());
    PaymentIntent lost = store.intents().open(c -> instruction(other, 3_00, c)).orElseThrow();
    assertTrue(store.intents().markUnresolved(lost.counter(),
        new ArtcashException(Reason.APPROVAL_REPLAYED, "made, token gone"), T0));
    PaymentIntent unresolved = store.intents().unsettled().get(0);
    assertEquals(Status.UNRESOLVED, unresolved.status());
    assertEquals(Optional.of(Reason.APPROVAL_REPLAYED), unresolved.outcomeReason());
    assertEquals(Optional.of("made, token gone"), unresolved.outcomeMessage());
    assertEquals(lost.counter(),
        store.intents().latestFor(other.state().stateHash()).orElseThrow().counter());
  }

  private static PaymentInstruction instruction(PaymentRequest request, long amount,
      long counter) {
    return new PaymentInstruction(request, amount, T0, 0, counter, new byte[32]);
  }

  // --- trust material and pending certifications

  @Test
  void certificates_areStoredOnce_andReadBack() {
    Certificate a = StoreFixtures.certificate(StoreFixtures.signer());
    Certificate b = StoreFixtures.certificate(StoreFixtures.signer());
    store.trustMaterial().addCertificates(List.of(a, b), T0);
    store.trustMaterial().addCertificates(List.of(b), T0.plusSeconds(1));
    assertEquals(Set.of(a, b), new HashSet<>(store.trustMaterial().certificates()));
    assertEquals(2, store.trustMaterial().certificates().size());
  }

  @Test
  void revocationList_onlyANewerListReplacesTheStoredOne() {
    EcSigner ca = StoreFixtures.signer();
    RevocationList five = RevocationList.issue(ca, 5, T0, T0.plus(DAY), List.of());
    RevocationList four = RevocationList.issue(ca, 4, T0, T0.plus(DAY), List.of());
    RevocationList six = RevocationList.issue(ca, 6, T0, T0.plus(DAY),
        List.of(StoreFixtures.randomBytes(16)));

    assertTrue(store.trustMaterial().saveRevocationListIfNewer(five, T0));
    assertFalse(store.trustMaterial().saveRevocationListIfNewer(four, T0));
    assertFalse(store.trustMaterial().saveRevocationListIfNewer(five, T0));
    assertEquals(5, store.trustMaterial().revocationList().orElseThrow().sequence());
    assertTrue(store.trustMaterial().saveRevocationListIfNewer(six, T0));
    assertEquals(six.revoked(), store.trustMaterial().revocationList().orElseThrow().revoked());
  }

  @Test
  void pendingCertification_isListedUntilRemoved() {
    EcSigner device = StoreFixtures.signer();
    CertificationRequest request = CertificationRequest.seal(StoreFixtures.certificate(device),
        StoreFixtures.randomBytes(16), StoreFixtures.randomBytes(256).toArray(), T0,
        StoreFixtures.randomBytes(16), device);
    store.pendingCertifications().add(request, T0);
    store.pendingCertifications().add(request, T0);

    List<PendingCertification> pending = store.pendingCertifications().list();
    assertEquals(1, pending.size());
    assertEquals(request.requestHash(), pending.get(0).request().requestHash());

    store.pendingCertifications().remove(request.requestHash());
    assertTrue(store.pendingCertifications().list().isEmpty());
  }

  // --- history

  @Test
  void history_listsPaymentsMadeAndReceivedInTimeOrder() {
    ArtConfig own = fx.art();
    store.arts().add(own, List.of(), T0);
    store.arts().appendPayment(own.artId(), 0, fx.payment(ArtState.fresh(own), 15_00, T0),
        List.of(), false, Optional.empty(), T0.plusSeconds(20));
    ArtConfig theirs = new StoreFixtures().art();
    ArtState theirState = ArtState.fresh(theirs);
    store.outgoing().saveIfAbsent(new OutgoingPayment(theirState.stateHash(),
        new TransferToken(theirs, fx.payment(theirState, 3_50, T0), List.of()), 1,
        T0.plusSeconds(10)));

    List<HistoryEntry> history = store.history().list();

    assertEquals(2, history.size());
    HistoryEntry paid = history.get(0);
    assertEquals(HistoryEntry.Direction.PAID, paid.direction());
    assertEquals(eur(3_50), paid.amount());
    assertEquals(T0.plusSeconds(10), paid.time());
    assertEquals(theirs.artId(), paid.artId());
    assertEquals("Bakery Jansen, till 2 (NL91ABNA0417164300)", paid.counterparty());
    HistoryEntry received = history.get(1);
    assertEquals(HistoryEntry.Direction.RECEIVED, received.direction());
    assertEquals(eur(15_00), received.amount());
    assertEquals(T0.plusSeconds(20), received.time());
    assertEquals(1, received.seq());
    assertTrue(received.counterparty().startsWith("anonymous payer"));
  }

  private StoredBinding binding(int id) {
    return new StoredBinding(id, SecretBytes.copyOf(StoreFixtures.randomBytes(32).toArray()),
        Bytes.copyOf(fx.payer.publicKey()), Bytes.copyOf(fx.factory.publicKey()),
        StoreFixtures.certificate(fx.factory), StoreFixtures.certificate(fx.payer), 0, T0);
  }
}
