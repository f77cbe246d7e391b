package org.artcash.issuer.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.core.issuance.IssuanceOrder;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.issuer.issuance.IssuanceOffice.Reconciliation;
import org.artcash.issuer.store.IssuanceJournal;
import org.artcash.issuer.testing.SoftwareMonEboxes;
import org.artcash.issuer.testing.TestDevice;
import org.artcash.issuer.testing.TestIssuer;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.MonEboxStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IssuanceOfficeTest {
  private static final Currency EUR = Currency.of("EUR");
  private static final Amount MILLION = Amount.of(EUR, 100_000_000);

  private final TestIssuer issuer = TestIssuer.onH2();
  private final IssuanceJournal journal = new IssuanceJournal(issuer.db);
  private MonEbox box;
  private IssuanceOffice office;

  @BeforeEach
  void openOffice() throws ArtcashException {
    box = SoftwareMonEboxes.issuers(issuer.system);
    office = issuer.system.openIssuanceOffice(box);
  }

  @AfterEach
  void close() {
    issuer.close();
  }

  private MonEboxStatus.Supply boxSupply() throws ArtcashException {
    return box.status().supply().orElseThrow();
  }

  /** What the office does before a crash: journal the signed order, execute it on the MonEbox. */
  private IssuanceOrder executedButNotEntered(Amount amount) throws ArtcashException {
    IssuanceOrder order = issuer.system.committee().approve(
        office.draft(IssuanceOrder.Kind.ISSUE, amount, issuer.now()), List.of(0, 1));
    journal.write(order.sequence(), order.encode(), issuer.now());
    box.execute(order);
    return order;
  }

  @Test
  void issue_approvedByAQuorum_createsEcashInTheIssuersMonEboxAndTheLedger()
      throws ArtcashException {
    SupplyReport report = office.issue(MILLION, List.of(0, 2), issuer.now());

    assertEquals(new SupplyReport(MILLION, Amount.zero(EUR), MILLION), report);
    assertEquals(MILLION, box.balance());
    assertEquals(new MonEboxStatus.Supply(MILLION, Amount.zero(EUR), 1), boxSupply());
    assertEquals(1, issuer.db.supply().lastOrderSeq());
  }

  @Test
  void destroy_afterIssue_leavesTheDifferenceOutstanding() throws ArtcashException {
    office.issue(MILLION, List.of(0, 1), issuer.now());

    SupplyReport report = office.destroy(Amount.of(EUR, 25_000_000), List.of(1, 2),
        issuer.now());

    assertEquals(Amount.of(EUR, 75_000_000), report.outstanding());
    assertEquals(Amount.of(EUR, 25_000_000), report.destroyed());
    assertEquals(report, office.supply(EUR));
    assertEquals(Amount.of(EUR, 75_000_000), box.balance());
  }

  @Test
  void issue_approvedByTooFewMembers_isQuorumNotMet_andNothingIsCreated()
      throws ArtcashException {
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> office.issue(MILLION, List.of(2), issuer.now()));

    assertEquals(Reason.QUORUM_NOT_MET, e.reason());
    assertEquals(Amount.zero(EUR), box.balance());
    assertEquals(0, issuer.db.supply().lastOrderSeq());
  }

  @Test
  void execute_orderSignedByOutsiders_isQuorumNotMet_andNothingIsJournaled()
      throws ArtcashException {
    IssuanceOrder draft = office.draft(IssuanceOrder.Kind.ISSUE, MILLION, issuer.now());
    IssuanceOrder forged = draft.signedBy(0, TestDevice.softwareKey(issuer.random))
        .signedBy(1, TestDevice.softwareKey(issuer.random));

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> office.execute(forged, issuer.now()));

    assertEquals(Reason.QUORUM_NOT_MET, e.reason());
    assertTrue(journal.find(1).isEmpty());
    assertEquals(Amount.zero(EUR), box.balance());
  }

  @Test
  void execute_sameOrderTwice_createsTheMoneyOnce() throws ArtcashException {
    IssuanceOrder order = issuer.system.committee().approve(
        office.draft(IssuanceOrder.Kind.ISSUE, MILLION, issuer.now()), List.of(0, 1));

    SupplyReport first = office.execute(order, issuer.now());
    SupplyReport again = office.execute(IssuanceOrder.decode(order.encode()), issuer.now());

    assertEquals(first, again);
    assertEquals(MILLION, box.balance());
    assertEquals(MILLION, boxSupply().issued());
  }

  @Test
  void execute_orderForAnotherMonEbox_isNotIssuerDevice() throws ArtcashException {
    IssuanceOrder elsewhere = issuer.system.committee().approve(IssuanceOrder.draft(
        Bytes.fromHex("ffeeddccbbaa99887766554433221100"), 1, IssuanceOrder.Kind.ISSUE,
        MILLION, issuer.now()), List.of(0, 1));

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> office.execute(elsewhere, issuer.now()));

    assertEquals(Reason.NOT_ISSUER_DEVICE, e.reason());
  }

  @Test
  void draft_inAnotherCurrency_isCurrencyMismatch() {
    ArtcashException e = assertThrows(ArtcashException.class, () -> office.draft(
        IssuanceOrder.Kind.ISSUE, Amount.of(Currency.of("USD"), 100), issuer.now()));

    assertEquals(Reason.CURRENCY_MISMATCH, e.reason());
  }

  @Test
  void draft_isNumberedAfterTheLastOrderInTheLedger() throws ArtcashException {
    assertEquals(1, office.draft(IssuanceOrder.Kind.ISSUE, MILLION, issuer.now()).sequence());

    office.issue(MILLION, List.of(0, 1), issuer.now());

    assertEquals(2, office.draft(IssuanceOrder.Kind.ISSUE, MILLION, issuer.now()).sequence());
  }

  @Test
  void refusedByTheMonEbox_theJournalEntryIsDiscarded_soTheNumberCanBeUsedAgain()
      throws ArtcashException {
    office.issue(MILLION, List.of(0, 1), issuer.now());
    IssuanceOrder tooMuch = issuer.system.committee().approve(office.draft(
        IssuanceOrder.Kind.DESTROY, Amount.of(EUR, 200_000_000), issuer.now()), List.of(0, 1));

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> office.execute(tooMuch, issuer.now()));

    assertEquals(Reason.INSUFFICIENT_FUNDS, e.reason());
    assertTrue(journal.find(2).isEmpty());
    assertEquals(Amount.of(EUR, 50_000_000), office.destroy(Amount.of(EUR, 50_000_000),
        List.of(0, 1), issuer.now()).destroyed());
  }

  @Test
  void open_afterACrashBetweenMonEboxAndLedger_entersTheOrderFromTheJournal()
      throws ArtcashException {
    executedButNotEntered(MILLION);
    assertEquals(0, issuer.db.supply().lastOrderSeq());

    IssuanceOffice restarted = issuer.system.openIssuanceOffice(box);

    assertEquals(1, issuer.db.supply().lastOrderSeq());
    assertEquals(new SupplyReport(MILLION, Amount.zero(EUR), MILLION), restarted.supply(EUR));
    Reconciliation again = restarted.reconcile(issuer.now());
    assertEquals(0, again.ordersCompleted());
    assertEquals(MILLION, again.supply().outstanding());
  }

  @Test
  void reconcile_afterACrash_reportsTheOrderItCompleted() throws ArtcashException {
    executedButNotEntered(MILLION);

    Reconciliation r = office.reconcile(issuer.now());

    assertEquals(1, r.ordersCompleted());
    assertEquals(0, r.draftsDiscarded());
    assertEquals(MILLION, r.supply().issued());
  }

  @Test
  void execute_retriedAfterACrash_completesTheLedgerWithoutCreatingMoneyTwice()
      throws ArtcashException {
    IssuanceOrder order = executedButNotEntered(MILLION);

    SupplyReport report = office.execute(order, issuer.now());

    assertEquals(MILLION, report.issued());
    assertEquals(MILLION, box.balance());
    assertEquals(1, boxSupply().lastOrder());
  }

  @Test
  void reconcile_orderJournaledButNeverExecuted_isDiscarded() throws ArtcashException {
    IssuanceOrder order = issuer.system.committee().approve(
        office.draft(IssuanceOrder.Kind.ISSUE, MILLION, issuer.now()), List.of(0, 1));
    journal.write(order.sequence(), order.encode(), issuer.now());

    Reconciliation r = office.reconcile(issuer.now());

    assertEquals(1, r.draftsDiscarded());
    assertEquals(Amount.zero(EUR), r.supply().issued());
    assertEquals(1, office.draft(IssuanceOrder.Kind.ISSUE, MILLION, issuer.now()).sequence());
  }

  @Test
  void reconcile_orderExecutedButFoundNowhere_needsAPerson() throws ArtcashException {
    IssuanceOrder order = issuer.system.committee().approve(
        office.draft(IssuanceOrder.Kind.ISSUE, MILLION, issuer.now()), List.of(0, 1));
    box.execute(order); // executed outside this office, never journaled

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> office.reconcile(issuer.now()));

    assertTrue(e.getMessage().contains("neither the supply ledger nor the journal"),
        e.getMessage());
  }

  @Test
  void open_onAnOrdinaryMonEbox_isNotIssuerDevice() throws ArtcashException {
    MonEbox ordinary = SoftwareMonEboxes.blank();
    ordinary.personalise(issuer.system.personalisationFor(ordinary, 1, false,
        Optional.empty(), "Shop"));

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> issuer.system.openIssuanceOffice(ordinary));

    assertEquals(Reason.NOT_ISSUER_DEVICE, e.reason());
  }

  @Test
  void execute_retryAfterACrashSignedByOtherMembers_isTheSameOrderAndCompletesTheLedger()
      throws ArtcashException {
    IssuanceOrder first = executedButNotEntered(MILLION);
    IssuanceOrder resigned = issuer.system.committee().approve(IssuanceOrder.draft(
        first.issuerDeviceId(), first.sequence(), first.kind(), first.amount(), first.time()),
        List.of(1, 2));

    SupplyReport report = office.execute(resigned, issuer.now());

    assertEquals(MILLION, report.issued());
    assertEquals(MILLION, box.balance());
    assertEquals(1, boxSupply().lastOrder());
  }

  @Test
  void execute_orderAlreadyEnteredSignedByOtherMembers_isTheSameOrderAndChangesNothing()
      throws ArtcashException {
    IssuanceOrder draft = office.draft(IssuanceOrder.Kind.ISSUE, MILLION, issuer.now());
    SupplyReport first = office.execute(issuer.system.committee().approve(draft, List.of(0, 1)),
        issuer.now());

    SupplyReport again = office.execute(issuer.system.committee().approve(draft, List.of(1, 2)),
        issuer.now());

    assertEquals(first, again);
    assertEquals(MILLION, box.balance());
    assertEquals(1, issuer.db.supply().lastOrderSeq());
  }

  @Test
  void execute_refusedAndTheMonEboxThenFailsToReport_throwsTheRefusalWithTheOtherSuppressed()
      throws ArtcashException {
    ArtcashException unreachable = new ArtcashException(Reason.STORAGE_FAILURE,
        "the MonEbox stopped answering");
    MonEbox flaky = failingAfterExecute(box, unreachable);
    IssuanceOffice onFlaky = issuer.system.openIssuanceOffice(flaky);
    IssuanceOrder tooMuch = issuer.system.committee().approve(onFlaky.draft(
        IssuanceOrder.Kind.DESTROY, MILLION, issuer.now()), List.of(0, 1));

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> onFlaky.execute(tooMuch, issuer.now()));

    assertEquals(Reason.INSUFFICIENT_FUNDS, e.reason());
    assertEquals(List.of(unreachable), Arrays.asList(e.getSuppressed()));
  }

  /**
   * {@code box}, except that once an order has been refused its status cannot be read any more:
   * a MonEbox that fails just after refusing.
   */
  private static MonEbox failingAfterExecute(MonEbox box, ArtcashException failure) {
    boolean[] refused = {false};
    return (MonEbox) Proxy.newProxyInstance(MonEbox.class.getClassLoader(),
        new Class<?>[] {MonEbox.class}, (proxy, method, args) -> {
          if (refused[0] && method.getName().equals("status")) {
            throw failure;
          }
          try {
            return method.invoke(box, args);
          } catch (InvocationTargetException e) {
            if (method.getName().equals("execute")) {
              refused[0] = true;
            }
            throw e.getCause();
          }
        });
  }
}
