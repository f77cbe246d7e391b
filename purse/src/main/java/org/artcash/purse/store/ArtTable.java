package org.artcash.purse.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtKind;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentRecord;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.Certificate;

/**
 * The owner's ARTs and their logs (tables {@code purse_art} and {@code purse_art_record}). Every
 * change of status is a compare-and-set on the row, so two request handlers, or two points of sale
 * sharing this database, can never send the same ART in two requests.
 */
public final class ArtTable {
  private static final String ART_COLUMNS = "a.art_id, a.config, a.factory_chain, a.status,"
      + " a.latest_seq, a.requested_amount, a.requested_at, a.redeemed, a.stored_at,"
      + " a.returned_at, r.payment AS latest_payment, r.payer_chain AS latest_payer_chain";
  private static final String ART_FROM = " FROM purse_art a LEFT JOIN purse_art_record r"
      + " ON r.art_id = a.art_id AND r.seq = a.latest_seq";
  private static final String RECORD_COLUMNS =
      "art_id, seq, amount, aggregate, payment, payer_chain, received_at, differs_from";
  private static final String RECORD_SELECT = "SELECT r.art_id, r.payment, r.payer_chain,"
      + " r.received_at, r.differs_from, a.currency"
      + " FROM purse_art_record r JOIN purse_art a ON a.art_id = r.art_id";

  private final PurseStore store;

  ArtTable(PurseStore store) {
    this.store = store;
  }

  /** Stores a fresh ART as FREE. Returns false when it is stored already (nothing changes). */
  public boolean add(ArtConfig config, List<Certificate> factoryChain, Instant now) {
    Objects.requireNonNull(config, "config");
    byte[] chain = CertificateList.encode(factoryChain);
    return store.transact(c -> Jdbc.insertUnlessDuplicate(c,
        "INSERT INTO purse_art (art_id, config, factory_chain, kind, currency, payee_info,"
            + " issued_at, not_after, redeem_until, max_payments, max_single, max_aggregate,"
            + " status, latest_seq, latest_aggregate, redeemed, stored_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'FREE', 0, 0, 0, ?)",
        config.artId(), config.encode(), chain, config.kind().name(), config.currency().code(),
        config.payeeInfo(), config.issuedAt(), config.notAfter(), config.redeemUntil(),
        config.maxPayments(), config.maxSingleAmount().minor(),
        config.maxAggregateAmount().minor(), now));
  }

  public Optional<StoredArt> find(Bytes artId) {
    return store.transact(c -> find(c, artId));
  }

  /** Every ART not yet returned to the factory, soonest expiry first. */
  public List<StoredArt> held() {
    return store.transact(c -> Jdbc.queryList(c, "SELECT " + ART_COLUMNS + ART_FROM
        + " WHERE a.status <> 'RETURNED' ORDER BY a.not_after, a.art_id", ArtTable::readArt));
  }

  /**
   * Marks one FREE ART of {@code kind} IN_USE for a payment request and returns it: one valid at
   * {@code now}, with a payment left and room for {@code amount} (for any positive amount when
   * empty). The ART that expires soonest is taken first. Empty when none fits.
   */
  public Optional<StoredArt> reserve(ArtKind kind, Optional<Amount> amount, Instant now) {
    long minHeadroom = amount.map(Amount::minor).orElse(1L);
    String currencyFilter = amount.isPresent() ? " AND currency = ?" : "";
    List<Object> params = new ArrayList<>(List.of(kind.name(), now, now, minHeadroom));
    amount.ifPresent(a -> params.add(a.currency().code()));
    return store.transact(c -> {
      List<Bytes> candidates = Jdbc.queryList(c, "SELECT art_id FROM purse_art"
          + " WHERE status = 'FREE' AND kind = ? AND issued_at <= ? AND not_after > ?"
          + " AND latest_seq < max_payments"
          + " AND LEAST(max_single, max_aggregate - latest_aggregate) >= ?" + currencyFilter
          + " ORDER BY not_after, art_id", rs -> Jdbc.bytes(rs, "art_id"), params.toArray());
      for (Bytes artId : candidates) {
        // Compare-and-set: another transaction may have taken this ART since the SELECT.
        int taken = Jdbc.update(c, "UPDATE purse_art SET status = 'IN_USE', requested_amount = ?,"
            + " requested_at = ? WHERE art_id = ? AND status = 'FREE'",
            amount.map(Amount::minor), now, artId);
        if (taken == 1) {
          return find(c, artId);
        }
      }
      return Optional.empty();
    });
  }

  /**
   * Ends the open request on an IN_USE ART by retiring it: its state went to a payer who may still
   * pay it, so it is never offered to another (two payments on one state cannot both be accepted,
   * de Jong 2024, sec. 2.3). A late payment on exactly that state is still accepted, against the
   * amount that was asked, which is kept. Returns false when it was not in use (nothing changes).
   */
  public boolean cancelRequest(Bytes artId) {
    return store.transact(c -> Jdbc.update(c, "UPDATE purse_art SET status = 'RETIRED'"
        + " WHERE art_id = ? AND status = 'IN_USE'", artId) == 1);
  }

  public Optional<ReceivedPayment> payment(Bytes artId, int seq) {
    return store.transact(c -> Jdbc.queryOne(c, RECORD_SELECT
        + " WHERE r.art_id = ? AND r.seq = ?", ArtTable::readRecord, artId, seq));
  }

  /** The ART's whole log, in sequence order. */
  public List<ReceivedPayment> payments(Bytes artId) {
    return store.transact(c -> Jdbc.queryList(c, RECORD_SELECT
        + " WHERE r.art_id = ? ORDER BY r.seq", ArtTable::readRecord, artId));
  }

  /**
   * Appends an accepted payment and makes it the ART's latest state, in one transaction: only if
   * the latest state is still payment #{@code expectedSeq} and the ART is not returned. The ART
   * becomes FREE again, or RETIRED when {@code exhausted} (or when it was retired already); a
   * standing ART in use stays IN_USE.
   * {@code differsFrom} is the amount that was asked when the payment pays another (it is kept:
   * the payer was debited). Returns false when the ART changed meanwhile (nothing is written).
   */
  public boolean appendPayment(Bytes artId, int expectedSeq, PaymentRecord record,
      List<Certificate> payerChain, boolean exhausted, Optional<Amount> differsFrom,
      Instant now) {
    if (!record.artId().equals(artId) || record.seq() != expectedSeq + 1) {
      throw new IllegalArgumentException("payment #" + record.seq() + " of ART "
          + record.artId().shortHex() + " does not follow payment #" + expectedSeq + " of "
          + artId.shortHex());
    }
    byte[] chain = CertificateList.encode(payerChain);
    return store.transact(c -> {
      int updated = Jdbc.update(c, "UPDATE purse_art SET latest_seq = ?, latest_aggregate = ?,"
          + " status = CASE WHEN ? = 1 OR status = 'RETIRED' THEN 'RETIRED'"
          // a standing ART (early request, point of sale; V3) stays with its one payer or device
          + " WHEN status = 'IN_USE' AND standing = 1 THEN 'IN_USE' ELSE 'FREE' END,"
          + " requested_amount = NULL, requested_at = NULL"
          + " WHERE art_id = ? AND latest_seq = ? AND status <> 'RETURNED'",
          record.seq(), record.aggregate(), exhausted ? 1 : 0, artId, expectedSeq);
      if (updated == 0) {
        return false;
      }
      Jdbc.update(c, "INSERT INTO purse_art_record (" + RECORD_COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", artId, record.seq(), record.amount(),
          record.aggregate(), record.encode(), chain, now, differsFrom.map(Amount::minor));
      return true;
    });
  }

  /** ARTs whose received value is not all redeemed and that the MonEbox still redeems at {@code now}. */
  public List<StoredArt> redeemable(Instant now) {
    return store.transact(c -> Jdbc.queryList(c, "SELECT " + ART_COLUMNS + ART_FROM
        + " WHERE a.latest_aggregate > a.redeemed AND a.redeem_until >= ?"
        + " ORDER BY a.redeem_until, a.art_id", ArtTable::readArt, now));
  }

  /**
   * Records the MonEbox's total redeemed for an ART (never lowers it).
   *
   * @throws ArtcashException {@link Reason#ROLLBACK_DETECTED} when the total is more than this
   *     database knows was received on the ART (nothing changes)
   */
  public void markRedeemed(Bytes artId, Amount totalRedeemed) throws ArtcashException {
    store.inTransaction(c -> {
      long received = Jdbc.queryOne(c, "SELECT latest_aggregate FROM purse_art WHERE art_id = ?",
          rs -> rs.getLong(1), artId).orElseThrow(() -> new IllegalArgumentException(
              "ART " + artId.shortHex() + " is not stored"));
      if (totalRedeemed.minor() > received) {
        // A database restored from a backup, older than the MonEbox: the money is safe in the
        // MonEbox's balance, but this database has lost payments it received.
        throw new ArtcashException(Reason.ROLLBACK_DETECTED, "the MonEbox has credited "
            + totalRedeemed + " on ART " + artId.shortHex() + ", more than the "
            + Amount.of(totalRedeemed.currency(), received) + " this e-purse database knows it"
            + " received: the database is older than the MonEbox (restored from a backup?). The"
            + " money is in the MonEbox's balance; restore the newest copy of the database");
      }
      return Jdbc.update(c, "UPDATE purse_art SET redeemed = ? WHERE art_id = ? AND redeemed < ?",
          totalRedeemed.minor(), artId, totalRedeemed.minor());
    });
  }

  /**
   * Retires FREE ARTs that expired before {@code now}, and IN_USE ones that expired before
   * {@code inUseCutoff} (a late token for an open request may still arrive for a while). Returns
   * how many were retired.
   */
  public int retireExpired(Instant now, Instant inUseCutoff) {
    return store.transact(c -> Jdbc.update(c, "UPDATE purse_art SET status = 'RETIRED',"
        + " requested_amount = NULL, requested_at = NULL"
        + " WHERE (status = 'FREE' AND not_after < ?) OR (status = 'IN_USE' AND not_after < ?)",
        now, inUseCutoff));
  }

  /** RETIRED ARTs whose whole value has been redeemed: ready to go back to the factory. */
  public List<StoredArt> returnable() {
    return store.transact(c -> Jdbc.queryList(c, "SELECT " + ART_COLUMNS + ART_FROM
        + " WHERE a.status = 'RETIRED' AND a.redeemed = a.latest_aggregate ORDER BY a.art_id",
        ArtTable::readArt));
  }

  /**
   * Marks ARTs RETURNED to the factory, in one transaction: each only if it is still RETIRED and
   * still at the state that was returned (a late payment that arrived meanwhile keeps it here, to
   * be redeemed and returned again). Returns the ids marked.
   */
  public List<Bytes> markReturned(List<StoredArt> returned, Instant now) {
    return store.transact(c -> {
      List<Bytes> marked = new ArrayList<>();
      for (StoredArt art : returned) {
        int updated = Jdbc.update(c, "UPDATE purse_art SET status = 'RETURNED', returned_at = ?"
            + " WHERE art_id = ? AND status = 'RETIRED' AND latest_seq = ?",
            now, art.artId(), art.latest().seq());
        if (updated == 1) {
          marked.add(art.artId());
        }
      }
      return List.copyOf(marked);
    });
  }

  /**
   * How many ARTs of {@code kind} in {@code currency} can still take a payment and stay valid
   * until at least {@code validUntil}, counting those in open requests.
   */
  public int countUsable(ArtKind kind, Currency currency, Instant validUntil) {
    long n = store.transact(c -> Jdbc.queryOne(c, "SELECT COUNT(*) FROM purse_art"
        + " WHERE status IN ('FREE', 'IN_USE') AND kind = ? AND currency = ? AND not_after > ?"
        + " AND latest_seq < max_payments AND latest_aggregate < max_aggregate",
        rs -> rs.getLong(1), kind.name(), currency.code(), validUntil).orElse(0L));
    return Math.toIntExact(n);
  }

  /** Received in {@code currency} and not yet redeemed, over every ART. */
  public Amount unredeemed(Currency currency) {
    long total = store.transact(c -> Jdbc.queryOne(c, "SELECT SUM(latest_aggregate - redeemed)"
        + " FROM purse_art WHERE currency = ?", rs -> {
          long v = rs.getLong(1);
          return rs.wasNull() ? 0L : v;
        }, currency.code()).orElse(0L));
    return Amount.of(currency, total);
  }

  private static Optional<StoredArt> find(Connection c, Bytes artId) throws SQLException {
    return Jdbc.queryOne(c, "SELECT " + ART_COLUMNS + ART_FROM + " WHERE a.art_id = ?",
        ArtTable::readArt, artId);
  }

  private static StoredArt readArt(ResultSet rs) throws SQLException {
    try {
      ArtConfig config = ArtConfig.decode(rs.getBytes("config"));
      byte[] latestPayment = rs.getBytes("latest_payment");
      int latestSeq = rs.getInt("latest_seq");
      ArtState latest;
      List<Certificate> payerChain;
      if (latestSeq == 0) {
        latest = ArtState.fresh(config);
        payerChain = List.of();
      } else if (latestPayment == null) {
        throw Jdbc.corrupt("ART " + config.artId().shortHex() + " without its payment #"
            + latestSeq, new IllegalStateException("record missing"));
      } else {
        latest = ArtState.after(config, PaymentRecord.decode(latestPayment));
        payerChain = CertificateList.decode(rs.getBytes("latest_payer_chain"));
      }
      Currency currency = config.currency();
      return new StoredArt(config, CertificateList.decode(rs.getBytes("factory_chain")),
          ArtStatus.valueOf(rs.getString("status")), latest, payerChain,
          Jdbc.optionalLong(rs, "requested_amount").map(a -> Amount.of(currency, a)),
          Jdbc.optionalInstant(rs, "requested_at"),
          Amount.of(currency, rs.getLong("redeemed")), Jdbc.instant(rs, "stored_at"),
          Jdbc.optionalInstant(rs, "returned_at"));
    } catch (ArtcashException e) {
      throw Jdbc.corrupt("an ART", e);
    }
  }

  private static ReceivedPayment readRecord(ResultSet rs) throws SQLException {
    try {
      Currency currency = new Currency(rs.getString("currency"));
      return new ReceivedPayment(Jdbc.bytes(rs, "art_id"), currency,
          PaymentRecord.decode(rs.getBytes("payment")),
          CertificateList.decode(rs.getBytes("payer_chain")), Jdbc.instant(rs, "received_at"),
          Jdbc.optionalLong(rs, "differs_from").map(a -> Amount.of(currency, a)));
    } catch (ArtcashException e) {
      throw Jdbc.corrupt("a received payment", e);
    }
  }
}
