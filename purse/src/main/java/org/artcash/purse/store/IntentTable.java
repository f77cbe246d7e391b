package org.artcash.purse.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.monebox.PaymentInstruction;
import org.artcash.purse.store.PaymentIntent.Status;

/**
 * The payer's approved payments and their exact instructions (table {@code purse_payment_intent}),
 * stored before the MonEbox is asked. An intent is created together with its approval counter,
 * and only while no other is PENDING.
 */
public final class IntentTable {
  private static final String COLUMNS = "approval_counter, request, amount, binding_id,"
      + " host_time, approval_mac, status, outcome_reason, outcome_message";
  private static final int MAX_MESSAGE = 2000;

  private final PurseStore store;

  IntentTable(PurseStore store) {
    this.store = store;
  }

  /** Makes the payment instruction for an approval counter (the cryptogram with the binding key). */
  @FunctionalInterface
  public interface Approval {
    PaymentInstruction instruction(long counter) throws ArtcashException;
  }

  /**
   * Takes the next approval counter, makes the instruction with it and stores it as a PENDING
   * intent, in one transaction. Empty, and nothing changes, while another intent is PENDING: that
   * one is settled first, for once a later counter is used, the MonEbox's "counter used" answer
   * would no longer say whether the earlier one was executed.
   *
   * @throws ArtcashException {@link Reason#NOT_BOUND} before binding; {@link Reason#WRONG_STATE}
   *     when every approval counter is used
   */
  public Optional<PaymentIntent> open(Approval approval) throws ArtcashException {
    return store.inTransaction(c -> {
      // Locks the binding row: approvals are taken one at a time, so the check below holds until
      // this transaction commits.
      if (Jdbc.queryOne(c, "SELECT last_counter FROM purse_binding WHERE singleton = 1"
          + " FOR UPDATE", rs -> Boolean.TRUE).isEmpty()) {
        throw BindingTable.notBound();
      }
      long pending = Jdbc.queryOne(c, "SELECT COUNT(*) FROM purse_payment_intent"
          + " WHERE status = 'PENDING'", rs -> rs.getLong(1)).orElse(0L);
      if (pending > 0) {
        return Optional.empty();
      }
      long counter = BindingTable.nextCounter(c);
      PaymentInstruction in = approval.instruction(counter);
      if (in.counter() != counter) {
        throw new IllegalArgumentException("the instruction carries counter " + in.counter()
            + ", not the counter taken, " + counter);
      }
      ArtConfig config = in.request().state().config();
      Jdbc.update(c, "INSERT INTO purse_payment_intent (approval_counter, state_hash, art_id,"
              + " currency, amount, payee_info, request, binding_id, host_time, approval_mac,"
              + " status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')",
          counter, in.request().state().stateHash(), config.artId(), config.currency().code(),
          in.amount(), config.payeeInfo(), in.request().encode(), in.bindingId(), in.hostTime(),
          in.approvalMac());
      return Optional.of(new PaymentIntent(in, Status.PENDING, Optional.empty(),
          Optional.empty()));
    });
  }

  public Optional<PaymentIntent> find(long counter) {
    return store.transact(c -> Jdbc.queryOne(c, "SELECT " + COLUMNS
        + " FROM purse_payment_intent WHERE approval_counter = ?", IntentTable::read, counter));
  }

  /** The latest intent to pay the ART state with hash {@code stateHash}, if any. */
  public Optional<PaymentIntent> latestFor(Bytes stateHash) {
    return store.transact(c -> Jdbc.queryList(c, "SELECT " + COLUMNS
        + " FROM purse_payment_intent WHERE state_hash = ? ORDER BY approval_counter DESC",
        IntentTable::read, stateHash)).stream().findFirst();
  }

  /** PENDING intents, oldest first. */
  public List<PaymentIntent> pending() {
    return store.transact(c -> Jdbc.queryList(c, "SELECT " + COLUMNS
        + " FROM purse_payment_intent WHERE status = 'PENDING' ORDER BY approval_counter",
        IntentTable::read));
  }

  /** Intents whose token this e-purse does not hold: PENDING and UNRESOLVED, oldest first. */
  public List<PaymentIntent> unsettled() {
    return store.transact(c -> Jdbc.queryList(c, "SELECT " + COLUMNS
        + " FROM purse_payment_intent WHERE status IN ('PENDING', 'UNRESOLVED')"
        + " ORDER BY approval_counter", IntentTable::read));
  }

  /**
   * Stores the MonEbox's token for an intent with the payments made, and marks the intent PAID,
   * in one transaction. Returns the payment stored (an earlier one for the same ART state, if
   * there was one).
   */
  public OutgoingPayment complete(PaymentIntent intent, TransferToken token, Instant now) {
    OutgoingPayment paid = new OutgoingPayment(intent.stateHash(), token, intent.counter(),
        intent.instruction().hostTime());
    return store.transact(c -> {
      OutgoingPayment stored = OutgoingTable.saveIfAbsent(c, paid);
      Jdbc.update(c, "UPDATE purse_payment_intent SET status = 'PAID', outcome_reason = NULL,"
          + " outcome_message = NULL, resolved_at = ? WHERE approval_counter = ?"
          + " AND status <> 'PAID'", now, intent.counter());
      return stored;
    });
  }

  /** A PENDING intent the MonEbox refused after checking its counter. False if not PENDING. */
  public boolean refuse(long counter, ArtcashException why, Instant now) {
    return settle(counter, Status.PENDING, Status.REFUSED, why, now);
  }

  /** A PENDING intent executed whose token the MonEbox no longer holds. False if not PENDING. */
  public boolean markUnresolved(long counter, ArtcashException why, Instant now) {
    return settle(counter, Status.PENDING, Status.UNRESOLVED, why, now);
  }

  /** Notes why a PAID intent's token failed the payer's own check; it stays PAID. */
  public boolean noteFailedCheck(long counter, ArtcashException why, Instant now) {
    return settle(counter, Status.PAID, Status.PAID, why, now);
  }

  private boolean settle(long counter, Status from, Status to, ArtcashException why,
      Instant now) {
    String message = why.getMessage() == null ? why.reason().name() : why.getMessage();
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE - 3) + "...";
    }
    String m = message;
    return store.transact(c -> Jdbc.update(c, "UPDATE purse_payment_intent SET status = ?,"
        + " outcome_reason = ?, outcome_message = ?, resolved_at = ?"
        + " WHERE approval_counter = ? AND status = ?", to.name(), why.reason().name(), m, now,
        counter, from.name()) == 1);
  }

  private static PaymentIntent read(ResultSet rs) throws SQLException {
    try {
      PaymentInstruction in = new PaymentInstruction(
          PaymentRequest.decode(rs.getBytes("request")), rs.getLong("amount"),
          Jdbc.instant(rs, "host_time"), rs.getInt("binding_id"), rs.getLong("approval_counter"),
          rs.getBytes("approval_mac"));
      String reason = rs.getString("outcome_reason");
      return new PaymentIntent(in, Status.valueOf(rs.getString("status")),
          Optional.ofNullable(reason).map(Reason::valueOf),
          Optional.ofNullable(rs.getString("outcome_message")));
    } catch (ArtcashException | IllegalArgumentException e) {
      throw Jdbc.corrupt("a payment intent", e);
    }
  }
}
