package org.artcash.purse.schedule;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.CertRole;
import org.artcash.core.pki.Certificate;
import org.artcash.purse.store.PurseStore;
import org.artcash.purse.store.Sql;

/**
 * The payer's payment schedule (de Jong 2024, sec. 4.1, fig. 11): payments to a payee's early
 * request, once by a date or recurring, pre-authorised or to be approved when due. Each payment is
 * made on the state the previous one left, so one early request carries a series of agreed
 * amounts. The schedule only plans and records; paying goes through the e-purse's control payment.
 */
public final class PaymentSchedule {
  private static final int MAX_LABEL = 200;
  private static final String COLUMNS = "id, label, request, amount, currency, recurrence,"
      + " first_due, next_due, payments_made, until_at, preauthorised, jar, status, created_at";

  public enum Status { ACTIVE, DONE, CANCELLED }

  /** One entry of the schedule; {@code nextDue} is meaningful while ACTIVE. */
  public record Entry(long id, String label, PaymentRequest request, Amount amount,
      Recurrence recurrence, Instant firstDue, Instant nextDue, int paymentsMade,
      Optional<Instant> until, boolean preauthorised, Optional<String> jar, Status status,
      Instant createdAt) {

    public String payeeInfo() {
      return request.state().config().payeeInfo();
    }

    public Bytes artId() {
      return request.state().config().artId();
    }

    /** The last moment the payee's ART takes a payment. */
    public Instant artExpires() {
      return request.state().config().notAfter();
    }

    public boolean isDue(Instant now) {
      return status == Status.ACTIVE && !nextDue.isAfter(now);
    }
  }

  /** One future (or overdue) payment of an entry. */
  public record Upcoming(Entry entry, Instant due) {}

  /** A pre-authorised payment that the money available would not cover, and by how much. */
  public record Shortfall(Entry entry, Instant due, Amount shortBy) {}

  private final PurseStore store;
  private final ZoneId zone;

  /** @param zone the owner's time zone, in which months and days are counted */
  public PaymentSchedule(PurseStore store, ZoneId zone) {
    this.store = Objects.requireNonNull(store, "store");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /**
   * Adds an entry paying {@code amount} to the payee of {@code request}. A recurring entry needs
   * an early request (one without an amount, whose ART stays with this payer); every entry must
   * fall within the ART's validity and limits.
   */
  public Entry add(String label, PaymentRequest request, Amount amount, Recurrence recurrence,
      Instant firstDue, Optional<Instant> until, boolean preauthorised, Optional<String> jar,
      Instant now) throws ArtcashException {
    ArtConfig art = request.state().config();
    String name = label == null || label.isBlank() ? art.payeeInfo() : label.strip();
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_LABEL) {
      throw new ArtcashException(Reason.LENGTH_OVER_LIMIT, "a schedule label has at most "
          + MAX_LABEL + " bytes");
    }
    if (amount.isZero()) {
      throw new ArtcashException(Reason.MALFORMED, "a scheduled payment is of a positive amount");
    }
    amount.requireSameCurrency(request.state().aggregateAmount());
    Optional<Amount> asked = request.requestedAmount();
    if (asked.isPresent() && !asked.get().equals(amount)) {
      throw new ArtcashException(Reason.AMOUNT_MISMATCH, "the payee's request asks for "
          + asked.get() + ", not " + amount + "; schedule the amount asked, or ask the payee for"
          + " an early request without an amount");
    }
    if (recurrence != Recurrence.ONCE && asked.isPresent()) {
      throw new ArtcashException(Reason.MALFORMED, "a recurring payment needs the payee's early"
          + " request, which names no amount and keeps its ART for this payer; this request asks"
          + " for " + asked.get() + " and serves one payment only");
    }
    if (amount.minor() > request.state().headroom()) {
      throw new ArtcashException(Reason.ART_LIMIT_EXCEEDED, amount + " is more than the payee's"
          + " ART can take (" + Amount.of(art.currency(), Math.max(0, request.state().headroom()))
          + "); ask the payee for another early request");
    }
    if (firstDue.isAfter(art.notAfter())) {
      throw new ArtcashException(Reason.EXPIRED, "the payee's ART expires at " + art.notAfter()
          + ", before the first payment is due (" + firstDue + "); ask the payee for a fresh early"
          + " request, or schedule an earlier date");
    }
    if (until.isPresent() && until.get().isBefore(firstDue)) {
      throw new ArtcashException(Reason.MALFORMED, "the end date " + until.get() + " is before"
          + " the first payment (" + firstDue + ")");
    }
    if (jar.isPresent() && jar.get().isBlank()) {
      throw new ArtcashException(Reason.MALFORMED, "a jar has a name");
    }
    Instant first = firstDue.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    long id = store.inTransaction(c -> {
      long next = Sql.one(c, "SELECT COALESCE(MAX(id), 0) + 1 FROM purse_schedule",
          rs -> rs.getLong(1)).orElse(1L);
      Sql.update(c, "INSERT INTO purse_schedule (id, label, request, art_id, payee_info, currency,"
              + " amount, recurrence, first_due, next_due, payments_made, until_at,"
              + " preauthorised, jar, status, created_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 'ACTIVE', ?)",
          next, name, request.encode(), art.artId(), art.payeeInfo(), art.currency().code(),
          amount.minor(), recurrence.name(), first, first, until, preauthorised,
          jar.map(String::strip).orElse(""), now);
      return next;
    });
    return find(id).orElseThrow();
  }

  /** Every entry, active ones first by due date, then finished ones. */
  public List<Entry> list() throws ArtcashException {
    List<Entry> all = store.inTransaction(c -> Sql.list(c, "SELECT " + COLUMNS
        + " FROM purse_schedule ORDER BY id", PaymentSchedule::read));
    List<Entry> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparing((Entry e) -> e.status() != Status.ACTIVE)
        .thenComparing(Entry::nextDue).thenComparing(Entry::id));
    return sorted;
  }

  public Optional<Entry> find(long id) throws ArtcashException {
    return store.inTransaction(c -> Sql.one(c, "SELECT " + COLUMNS
        + " FROM purse_schedule WHERE id = ?", PaymentSchedule::read, id));
  }

  /** Active entries with a payment due at {@code now}, the earliest first. */
  public List<Entry> due(Instant now) throws ArtcashException {
    return list().stream().filter(e -> e.isDue(now)).toList();
  }

  /**
   * The request to pay the entry's next payment on: the early request itself for the first, then
   * the state the previous scheduled payment left, with the factory's chain from the request and
   * the last payer's chain from its token.
   */
  public PaymentRequest nextRequest(Entry e) throws ArtcashException {
    Optional<TransferToken> last = lastToken(e.id());
    if (last.isEmpty()) {
      return e.request();
    }
    Set<Certificate> chain = new LinkedHashSet<>();
    for (Certificate c : e.request().chain()) {
      if (c.role() == CertRole.ART_FACTORY || c.role() == CertRole.CA) {
        chain.add(c);
      }
    }
    chain.addAll(last.get().chain());
    return new PaymentRequest(last.get().state(), java.util.OptionalLong.empty(),
        chain.stream().limit(4).toList());
  }

  /** The token of the entry's latest payment, empty before the first. */
  public Optional<TransferToken> lastToken(long id) throws ArtcashException {
    Optional<byte[]> bytes = store.inTransaction(c -> Sql.one(c, "SELECT token FROM"
        + " purse_schedule_payment WHERE schedule_id = ? ORDER BY due_at DESC", rs -> rs.getBytes(1),
        id));
    return bytes.isEmpty() ? Optional.empty() : Optional.of(TransferToken.decode(bytes.get()));
  }

  /** The tokens of every payment made for the entry, oldest first. */
  public List<TransferToken> tokens(long id) throws ArtcashException {
    List<byte[]> all = store.inTransaction(c -> Sql.list(c, "SELECT token FROM"
        + " purse_schedule_payment WHERE schedule_id = ? ORDER BY due_at", rs -> rs.getBytes(1),
        id));
    List<TransferToken> out = new ArrayList<>();
    for (byte[] b : all) {
      out.add(TransferToken.decode(b));
    }
    return out;
  }

  /**
   * Records the payment of the entry's current due date with its token and moves the entry to
   * its next due date (or DONE). Recording the same due date twice changes nothing.
   */
  public Entry recordPaid(Entry e, TransferToken token, Instant now) throws ArtcashException {
    if (!token.config().artId().equals(e.artId())) {
      throw new IllegalArgumentException("the token pays another ART than the entry's");
    }
    int made = e.paymentsMade() + 1;
    Instant next = e.recurrence().occurrence(e.firstDue(), made, zone);
    boolean done = e.recurrence() == Recurrence.ONCE
        || (e.until().isPresent() && next.isAfter(e.until().get()));
    store.inTransaction(c -> {
      boolean recorded = Sql.one(c, "SELECT 1 FROM purse_schedule_payment WHERE schedule_id = ?"
          + " AND due_at = ?", rs -> 1, e.id(), e.nextDue()).isPresent();
      if (recorded) {
        return false;
      }
      Sql.update(c, "INSERT INTO purse_schedule_payment (schedule_id, due_at, state_hash, token,"
          + " paid_at) VALUES (?, ?, ?, ?, ?)", e.id(), e.nextDue(),
          token.record().prevHash(), token.encode(), now);
      Sql.update(c, "UPDATE purse_schedule SET payments_made = ?, next_due = ?, status = ?"
          + " WHERE id = ? AND payments_made = ?", made, done ? e.nextDue() : next,
          done ? Status.DONE.name() : Status.ACTIVE.name(), e.id(), e.paymentsMade());
      return true;
    });
    return find(e.id()).orElseThrow();
  }

  /** Stops an active entry; false when there is no such active entry. */
  public boolean cancel(long id) throws ArtcashException {
    return store.inTransaction(c -> Sql.update(c, "UPDATE purse_schedule SET status = 'CANCELLED'"
        + " WHERE id = ? AND status = 'ACTIVE'", id)) == 1;
  }

  /** Payments of active entries due up to {@code to} (overdue ones included), earliest first. */
  public List<Upcoming> upcoming(Instant to, boolean preauthorisedOnly) throws ArtcashException {
    List<Upcoming> out = new ArrayList<>();
    for (Entry e : list()) {
      if (e.status() != Status.ACTIVE || (preauthorisedOnly && !e.preauthorised())) {
        continue;
      }
      for (int n = e.paymentsMade(); ; n++) {
        Instant due = e.recurrence().occurrence(e.firstDue(), n, zone);
        if (due.isAfter(to) || (e.until().isPresent() && due.isAfter(e.until().get()))
            || (e.recurrence() == Recurrence.ONCE && n > e.paymentsMade())) {
          break;
        }
        out.add(new Upcoming(e, due));
      }
    }
    out.sort(Comparator.comparing(Upcoming::due).thenComparing(u -> u.entry().id()));
    return out;
  }

  /**
   * The pre-authorised payments due up to {@code to} that {@code available} would not cover when
   * they are made in due order (sec. 4.1: "warn the user when an intervening payment leads to an
   * insufficient balance"). Empty when all are covered.
   */
  public List<Shortfall> shortfalls(Amount available, Instant to) throws ArtcashException {
    List<Shortfall> out = new ArrayList<>();
    long left = available.minor();
    Currency currency = available.currency();
    for (Upcoming u : upcoming(to, true)) {
      if (!u.entry().amount().currency().equals(currency)) {
        continue;
      }
      long amount = u.entry().amount().minor();
      if (left >= amount) {
        left -= amount;
      } else {
        out.add(new Shortfall(u.entry(), u.due(), Amount.of(currency, amount - left)));
        left = 0;
      }
    }
    return out;
  }

  private static Entry read(ResultSet rs) throws SQLException {
    try {
      Currency currency = new Currency(rs.getString("currency"));
      String jar = rs.getString("jar");
      return new Entry(rs.getLong("id"), rs.getString("label"),
          PaymentRequest.decode(rs.getBytes("request")),
          Amount.of(currency, rs.getLong("amount")), Recurrence.valueOf(rs.getString("recurrence")),
          Instant.ofEpochSecond(rs.getLong("first_due")),
          Instant.ofEpochSecond(rs.getLong("next_due")), rs.getInt("payments_made"),
          Sql.optionalInstant(rs, "until_at"), rs.getInt("preauthorised") == 1,
          jar == null || jar.isEmpty() ? Optional.empty() : Optional.of(jar),
          Status.valueOf(rs.getString("status")), Instant.ofEpochSecond(rs.getLong("created_at")));
    } catch (ArtcashException e) {
      throw new SQLException("a stored schedule entry does not decode; the e-purse database is"
          + " damaged: " + e.getMessage(), e);
    }
  }
}
