package org.artcash.issuer.issuance;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Objects;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.core.issuance.IssuanceOrder;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.issuer.store.IssuanceJournal;
import org.artcash.issuer.store.SupplyKind;
import org.artcash.issuer.store.SupplyLedger;
import org.artcash.issuer.store.SupplyTotals;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.MonEboxStatus;

/**
 * The issuance component (de Jong 2024, sec. 6): drafts numbered issuance orders, has the
 * committee sign them, executes them on the issuer's MonEbox and keeps the supply ledger.
 *
 * <p>Crash safety: each signed order is written to the journal before it is sent to the MonEbox,
 * and entered in the ledger after. The MonEbox executes an order number once and answers a repeat
 * of the same order with its supply, so {@link #execute} may simply be called again with the same
 * order. {@link #open} reconciles on startup: orders the MonEbox executed ({@code
 * MonEboxStatus.Supply.lastOrder}) but the ledger lacks are entered from the journal, journal
 * entries the MonEbox never executed are discarded, and the ledger's totals must then equal the
 * MonEbox's.
 */
public final class IssuanceOffice {
  private final MonEbox issuerMonEbox;
  private final Bytes issuerDeviceId;
  private final Currency currency;
  private final IssuanceCommittee committee;
  private final SupplyLedger ledger;
  private final IssuanceJournal journal;

  /** What reconciliation did: orders entered from the journal, stale drafts discarded. */
  public record Reconciliation(long ordersCompleted, int draftsDiscarded, SupplyReport supply) {}

  private IssuanceOffice(MonEbox issuerMonEbox, Bytes issuerDeviceId, Currency currency,
      IssuanceCommittee committee, SupplyLedger ledger, IssuanceJournal journal) {
    this.issuerMonEbox = issuerMonEbox;
    this.issuerDeviceId = issuerDeviceId;
    this.currency = currency;
    this.committee = committee;
    this.ledger = ledger;
    this.journal = journal;
  }

  /**
   * Opens the office on a personalised issuer's MonEbox and reconciles the ledger with it (see the
   * class description). Call it at startup, before any order is in progress.
   *
   * @throws ArtcashException {@link Reason#NOT_ISSUER_DEVICE} when the MonEbox is not the issuer's
   * @throws IllegalStateException when ledger and MonEbox disagree in a way the journal cannot
   *     explain: that needs a person to investigate
   */
  public static IssuanceOffice open(MonEbox issuerMonEbox, IssuanceCommittee committee,
      SupplyLedger ledger, IssuanceJournal journal, Instant now) throws ArtcashException {
    MonEboxStatus status = issuerMonEbox.status();
    MonEboxStatus.Supply supply = status.supply().orElseThrow(() -> new ArtcashException(
        Reason.NOT_ISSUER_DEVICE, "this MonEbox keeps no e-cash supply: it is not personalised"
            + " as the issuer's MonEbox"));
    Bytes deviceId = status.deviceId().orElseThrow(() -> new ArtcashException(
        Reason.WRONG_STATE, "the issuer's MonEbox is not personalised yet"));
    IssuanceOffice office = new IssuanceOffice(issuerMonEbox, deviceId,
        supply.issued().currency(), Objects.requireNonNull(committee, "committee"),
        Objects.requireNonNull(ledger, "ledger"), Objects.requireNonNull(journal, "journal"));
    office.reconcile(now);
    return office;
  }

  public Currency currency() {
    return currency;
  }

  public IssuanceCommittee committee() {
    return committee;
  }

  /** An unsigned order numbered after the last one in the ledger. */
  public synchronized IssuanceOrder draft(IssuanceOrder.Kind kind, Amount amount, Instant now)
      throws ArtcashException {
    requireCurrency(amount);
    return IssuanceOrder.draft(issuerDeviceId, ledger.lastOrderSeq() + 1, kind, amount,
        now.truncatedTo(ChronoUnit.SECONDS));
  }

  /** Drafts an order to create {@code amount}, has the approving members sign it, executes it. */
  public SupplyReport issue(Amount amount, Collection<Integer> approvingMembers, Instant now)
      throws ArtcashException {
    return execute(committee.approve(draft(IssuanceOrder.Kind.ISSUE, amount, now),
        approvingMembers), now);
  }

  /** Drafts an order to destroy {@code amount}, has it signed, executes it. */
  public SupplyReport destroy(Amount amount, Collection<Integer> approvingMembers, Instant now)
      throws ArtcashException {
    return execute(committee.approve(draft(IssuanceOrder.Kind.DESTROY, amount, now),
        approvingMembers), now);
  }

  /**
   * Executes a signed order: journal, MonEbox, ledger. Calling it again with the same order after
   * a failure completes what is missing and changes nothing twice.
   *
   * @throws ArtcashException {@link Reason#QUORUM_NOT_MET} without enough valid signatures;
   *     {@link Reason#NOT_ISSUER_DEVICE} or {@link Reason#CURRENCY_MISMATCH} for an order meant
   *     for another MonEbox; {@link Reason#CONFLICTING_RETRY} when another order was submitted
   *     under the same number (the same order signed by other members is the same order: orders
   *     are compared by signed body); whatever the MonEbox refuses with (a failure to read its
   *     state afterwards is attached as suppressed)
   */
  public synchronized SupplyReport execute(IssuanceOrder order, Instant now)
      throws ArtcashException {
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    if (!order.issuerDeviceId().equals(issuerDeviceId)) {
      throw new ArtcashException(Reason.NOT_ISSUER_DEVICE, "issuance order " + order.sequence()
          + " is for issuer MonEbox " + order.issuerDeviceId().hex() + ", not "
          + issuerDeviceId.hex());
    }
    requireCurrency(order.amount());
    int valid = committee.validSignatures(order);
    if (valid < committee.quorum()) {
      throw new ArtcashException(Reason.QUORUM_NOT_MET, "issuance order " + order.sequence()
          + " carries " + valid + " valid committee signatures; " + committee.quorum()
          + " are required");
    }
    byte[] encoded = order.encode();
    journal.write(order.sequence(), encoded, at);
    try {
      issuerMonEbox.execute(order);
    } catch (ArtcashException refused) {
      try {
        if (lastExecuted() < order.sequence()) {
          journal.discard(order.sequence(), encoded);
        }
      } catch (ArtcashException | RuntimeException cleanup) {
        // The refusal is what the caller must see; the journal entry stays for reconcile().
        refused.addSuppressed(cleanup);
      }
      throw refused;
    }
    enter(order, at);
    return supply(currency);
  }

  /**
   * Brings the ledger up to the issuer's MonEbox (see the class description).
   *
   * @throws IllegalStateException when they disagree in a way the journal cannot explain
   */
  public synchronized Reconciliation reconcile(Instant now) throws ArtcashException {
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    MonEboxStatus.Supply box = boxSupply();
    long recorded = ledger.lastOrderSeq();
    if (recorded > box.lastOrder()) {
      throw new IllegalStateException("the supply ledger records order " + recorded
          + " but the issuer's MonEbox has executed orders only up to " + box.lastOrder()
          + ": the ledger belongs to another MonEbox, or the MonEbox lost state");
    }
    long completed = 0;
    for (long seq = recorded + 1; seq <= box.lastOrder(); seq++) {
      long missing = seq;
      byte[] encoded = journal.find(seq).orElseThrow(() -> new IllegalStateException(
          "the issuer's MonEbox executed order " + missing + " but it is in neither the supply"
              + " ledger nor the journal; enter it from the committee's signed copy"));
      enter(IssuanceOrder.decode(encoded), at);
      completed++;
    }
    int discarded = journal.discardAbove(box.lastOrder());
    SupplyReport report = supply(currency);
    if (report.issued().minor() != box.issued().minor()
        || report.destroyed().minor() != box.destroyed().minor()) {
      throw new IllegalStateException("the supply ledger (issued " + report.issued()
          + ", destroyed " + report.destroyed() + ") disagrees with the issuer's MonEbox (issued "
          + box.issued() + ", destroyed " + box.destroyed() + ") after order " + box.lastOrder());
    }
    return new Reconciliation(completed, discarded, report);
  }

  /** Issued, destroyed and outstanding e-cash of a currency, per the ledger. */
  public SupplyReport supply(Currency c) throws ArtcashException {
    SupplyTotals t = ledger.totals(c.code());
    if (t.outstandingMinor() < 0) {
      throw new IllegalStateException("the supply ledger shows more " + c + " destroyed ("
          + t.destroyedMinor() + ") than issued (" + t.issuedMinor() + ")");
    }
    return new SupplyReport(Amount.of(c, t.issuedMinor()), Amount.of(c, t.destroyedMinor()),
        Amount.of(c, t.outstandingMinor()));
  }

  private void enter(IssuanceOrder order, Instant at) throws ArtcashException {
    SupplyKind kind = switch (order.kind()) {
      case ISSUE -> SupplyKind.ISSUE;
      case DESTROY -> SupplyKind.DESTROY;
    };
    ledger.record(order.sequence(), kind, order.amount().currency().code(),
        order.amount().minor(), at, order.encode());
  }

  private long lastExecuted() throws ArtcashException {
    return boxSupply().lastOrder();
  }

  private MonEboxStatus.Supply boxSupply() throws ArtcashException {
    return issuerMonEbox.status().supply().orElseThrow(() -> new ArtcashException(
        Reason.NOT_ISSUER_DEVICE, "the issuer's MonEbox no longer reports its e-cash supply"));
  }

  private void requireCurrency(Amount amount) throws ArtcashException {
    if (!amount.currency().equals(currency)) {
      throw new ArtcashException(Reason.CURRENCY_MISMATCH, "the issuer's MonEbox holds "
          + currency + "; an order for " + amount + " cannot be executed on it");
    }
  }
}
