package org.artcash.purse.pos;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtRules;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.TrustStore;
import org.artcash.purse.store.PurseStore;
import org.artcash.purse.store.Sql;

/**
 * A point of sale (de Jong 2024, sec. 4.1): an acceptance device of a shop without a MonEbox of
 * its own. It takes payments on standing ARTs the shop's e-purse handed it, accepts each token in
 * software under the shop's root of trust, and hands the tokens in to the shop for redemption.
 * Like the e-purse, it sends each ART state in at most one open request.
 */
public final class PointOfSale {
  private final PurseStore store;
  private final Clock clock;

  /** This device's name and the shop's root of trust, pinned when it was set up. */
  public record Device(String name, Certificate root) {}

  /** A payment this device accepted. {@code differsFrom} is the amount asked, when it differs. */
  public record Accepted(Bytes artId, int seq, Amount amount, Instant acceptedAt,
      Optional<Amount> differsFrom, TransferToken token) {}

  /** One ART held: its state, what it took here, what it can still take, and until when. */
  public record HeldArt(Bytes artId, String status, int seq, Amount received, Amount headroom,
      Instant notAfter) {}

  /** The device at a glance. */
  public record Status(Device device, List<HeldArt> arts, int toHandIn, Amount notHandedIn) {
    public Status {
      arts = List.copyOf(arts);
    }
  }

  public PointOfSale(PurseStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Sets the device up once, pinning the shop's root of trust. */
  public Device init(String name, Certificate root) throws ArtcashException {
    try {
      PosBundle.checkDevice(name);
    } catch (IllegalArgumentException e) {
      throw new ArtcashException(Reason.MALFORMED, e.getMessage());
    }
    TrustStore.anchoredAt(root); // checks that it is a self-signed root
    boolean created = store.inTransaction(c -> {
      if (device(c).isPresent()) {
        return false;
      }
      Sql.update(c, "INSERT INTO pos_device (singleton, name, root, created_at)"
          + " VALUES (1, ?, ?, ?)", name, root.encode(), now());
      return true;
    });
    if (!created) {
      throw new ArtcashException(Reason.WRONG_STATE, "this point of sale is set up already, as '"
          + device().name() + "'");
    }
    return new Device(name, root);
  }

  public Device device() throws ArtcashException {
    return store.inTransaction(PointOfSale::device).orElseThrow(() -> new ArtcashException(
        Reason.WRONG_STATE, "this point of sale is not set up yet; run 'pos init' first"));
  }

  /**
   * Stores the ARTs the shop handed this device, after checking that they are for this device,
   * under the pinned root, and that each ART verifies. All or none. Returns how many were new.
   */
  public int load(PosBundle.Arts arts) throws ArtcashException {
    Device device = device();
    if (!arts.device().equals(device.name())) {
      throw new ArtcashException(Reason.FOREIGN_ART, "these ARTs were handed to point of sale '"
          + arts.device() + "', not to this one ('" + device.name() + "'); nothing was loaded");
    }
    if (!arts.root().equals(device.root())) {
      throw new ArtcashException(Reason.UNKNOWN_ISSUER, "these ARTs come under another root of"
          + " trust than the shop's that this point of sale was set up with; nothing was loaded");
    }
    TrustStore trust = TrustStore.anchoredAt(device.root());
    for (PaymentRequest r : arts.arts()) {
      ArtRules.verifyState(r.state(), trust, r.chain());
    }
    Instant now = now();
    return store.inTransaction(c -> {
      int added = 0;
      for (PaymentRequest r : arts.arts()) {
        ArtConfig config = r.state().config();
        if (Sql.one(c, "SELECT 1 FROM pos_art WHERE art_id = ?", rs -> 1, config.artId())
            .isPresent()) {
          continue;
        }
        Sql.update(c, "INSERT INTO pos_art (art_id, config, factory_chain, first_state,"
            + " latest_seq, status, received_at) VALUES (?, ?, ?, ?, ?, 'FREE', ?)",
            config.artId(), config.encode(), new byte[0], r.encode(), r.state().seq(), now);
        added++;
      }
      return added;
    });
  }

  /**
   * A payment request on a free ART that can take {@code amount} (any amount when empty), marked
   * in use so that no other request carries its state.
   */
  public PaymentRequest request(Optional<Amount> amount) throws ArtcashException {
    if (amount.isPresent() && amount.get().isZero()) {
      throw new ArtcashException(Reason.MALFORMED,
          "a payment request asks for a positive amount, or for none (the payer chooses)");
    }
    device();
    Instant now = now();
    return store.inTransaction(c -> {
      for (Art a : arts(c)) {
        ArtState state = a.state();
        ArtConfig config = state.config();
        boolean fits = a.status().equals("FREE") && !now.isAfter(config.notAfter())
            && !now.isBefore(config.issuedAt()) && !state.exhausted()
            && (amount.isEmpty() || (amount.get().currency().equals(config.currency())
                && amount.get().minor() <= state.headroom()));
        if (!fits) {
          continue;
        }
        int taken = Sql.update(c, "UPDATE pos_art SET status = 'IN_USE', requested_amount = ?"
            + " WHERE art_id = ? AND status = 'FREE' AND latest_seq = ?",
            amount.map(Amount::minor), config.artId(), state.seq());
        if (taken == 1) {
          OptionalLong asked = amount.isPresent() ? OptionalLong.of(amount.get().minor())
              : OptionalLong.empty();
          return new PaymentRequest(state, asked, a.chain());
        }
      }
      throw new ArtcashException(Reason.ART_EXHAUSTED, "this point of sale has no free ART that"
          + " can take " + amount.map(Amount::toString).orElse("a payment") + "; sync with the"
          + " shop's e-purse to get fresh ARTs");
    });
  }

  /**
   * Accepts a payer's token on one of this device's ARTs: it must extend exactly the state held,
   * validly signed under the shop's root. A valid token for another amount than asked is kept and
   * says so. The same token again gives the same answer and counts nothing twice.
   */
  public Accepted accept(TransferToken token) throws ArtcashException {
    Device device = device();
    TrustStore trust = TrustStore.anchoredAt(device.root());
    Bytes artId = token.config().artId();
    while (true) {
      Optional<Art> held = store.inTransaction(c -> art(c, artId));
      if (held.isEmpty()) {
        throw new ArtcashException(Reason.NOT_EXPECTED_PAYMENT, "this token pays someone else:"
            + " ART " + artId.shortHex() + " is not one of this point of sale's ARTs");
      }
      Art art = held.get();
      Optional<Accepted> earlier = store.inTransaction(c -> payment(c, artId,
          token.record().seq()));
      if (earlier.isPresent()) {
        if (!earlier.get().token().record().equals(token.record())) {
          throw new ArtcashException(Reason.NOT_EXPECTED_PAYMENT, "payment #"
              + token.record().seq() + " on ART " + artId.shortHex() + " was already accepted"
              + " with other content; this token is not the payment that was received");
        }
        return earlier.get();
      }
      Optional<Amount> asked = art.requested();
      Optional<Amount> differs = Optional.empty();
      ArtState next;
      try {
        next = ArtRules.accept(art.state(), token, asked, trust);
      } catch (ArtcashException e) {
        if (e.reason() != Reason.AMOUNT_MISMATCH) {
          throw e;
        }
        next = ArtRules.accept(art.state(), token, Optional.empty(), trust);
        differs = asked;
      }
      Instant now = now();
      boolean exhausted = next.exhausted();
      Optional<Amount> differsFrom = differs;
      TransferToken kept = new TransferToken(art.state().config(), token.record(), token.chain());
      boolean stored = store.inTransaction(c -> {
        int updated = Sql.update(c, "UPDATE pos_art SET latest_seq = ?, requested_amount = NULL,"
            + " status = CASE WHEN ? = 1 OR status = 'RELEASED' THEN 'RELEASED' ELSE 'FREE' END"
            + " WHERE art_id = ? AND latest_seq = ?", token.record().seq(), exhausted,
            artId, art.state().seq());
        if (updated == 0) {
          return false;
        }
        Sql.update(c, "INSERT INTO pos_payment (art_id, seq, amount, token, accepted_at)"
            + " VALUES (?, ?, ?, ?, ?)", artId, token.record().seq(), token.record().amount(),
            kept.encode(), now);
        return true;
      });
      if (stored) {
        return new Accepted(artId, token.record().seq(), token.amount(), now, differsFrom, kept);
      }
      // another acceptance moved the ART on meanwhile: look again
    }
  }

  /** Ends the open request on an ART: its state was sent, so the ART goes back to the shop. */
  public boolean cancel(Bytes artId) throws ArtcashException {
    return store.inTransaction(c -> Sql.update(c, "UPDATE pos_art SET status = 'RELEASED'"
        + " WHERE art_id = ? AND status = 'IN_USE'", artId)) == 1;
  }

  /**
   * What to hand in to the shop: the payments not yet handed in (every payment when {@code all};
   * the shop counts each once), in order per ART, and the ARTs to give back: released ones, and
   * those used up or expired.
   */
  public PosBundle.HandIn handIn(boolean all) throws ArtcashException {
    Device device = device();
    Instant now = now();
    return store.inTransaction(c -> {
      List<TransferToken> tokens = Sql.list(c, "SELECT token FROM pos_payment"
          + (all ? "" : " WHERE handed_in_at IS NULL") + " ORDER BY art_id, seq",
          rs -> decodeToken(rs.getBytes(1)));
      List<Bytes> back = new ArrayList<>();
      for (Art a : arts(c)) {
        if (a.status().equals("RELEASED") && a.givenBackAt().isEmpty()) {
          back.add(a.state().config().artId());
        } else if (!a.status().equals("RELEASED") && isDone(a, now)) {
          back.add(a.state().config().artId());
        }
      }
      return new PosBundle.HandIn(device.name(), tokens, back);
    });
  }

  /** Marks what {@code handIn} carried as handed in: the shop has it now. */
  public void handedIn(PosBundle.HandIn handIn) throws ArtcashException {
    Instant now = now();
    store.inTransaction(c -> {
      for (TransferToken t : handIn.tokens()) {
        Sql.update(c, "UPDATE pos_payment SET handed_in_at = ? WHERE art_id = ? AND seq = ?"
            + " AND handed_in_at IS NULL", now, t.config().artId(), t.record().seq());
      }
      for (Bytes id : handIn.givenBack()) {
        Sql.update(c, "UPDATE pos_art SET status = 'RELEASED', given_back_at = ?"
            + " WHERE art_id = ? AND given_back_at IS NULL", now, id);
      }
      return null;
    });
  }

  public Status status() throws ArtcashException {
    Device device = device();
    return store.inTransaction(c -> {
      List<HeldArt> held = new ArrayList<>();
      for (Art a : arts(c)) {
        if (a.givenBackAt().isPresent()) {
          continue;
        }
        ArtState s = a.state();
        held.add(new HeldArt(s.config().artId(), a.status(), s.seq(), s.aggregateAmount(),
            Amount.of(s.config().currency(), Math.max(0, s.headroom())), s.config().notAfter()));
      }
      List<long[]> open = Sql.list(c, "SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM pos_payment"
          + " WHERE handed_in_at IS NULL", rs -> new long[] {rs.getLong(1), rs.getLong(2)});
      long[] o = open.get(0);
      org.artcash.core.money.Currency cur = held.isEmpty()
          ? org.artcash.core.money.Currency.of("EUR") : held.get(0).received().currency();
      return new Status(device, held, (int) o[0], Amount.of(cur, o[1]));
    });
  }

  // --- stored ARTs

  /** A held ART: its latest state, the chain to send with it, status and the amount asked. */
  private record Art(ArtState state, List<Certificate> chain, String status,
      Optional<Amount> requested, Optional<Instant> givenBackAt) {}

  private static boolean isDone(Art a, Instant now) {
    return a.state().exhausted() || now.isAfter(a.state().config().notAfter());
  }

  private Instant now() {
    return Instant.ofEpochSecond(clock.instant().getEpochSecond());
  }

  private static Optional<Device> device(Connection c) throws SQLException {
    return Sql.one(c, "SELECT name, root FROM pos_device WHERE singleton = 1", rs -> {
      try {
        return new Device(rs.getString(1), Certificate.decode(rs.getBytes(2)));
      } catch (ArtcashException e) {
        throw new SQLException("the point of sale's root does not decode: " + e.getMessage(), e);
      }
    });
  }

  private static List<Art> arts(Connection c) throws SQLException {
    List<Bytes> ids = Sql.list(c, "SELECT art_id FROM pos_art ORDER BY received_at, art_id",
        rs -> Bytes.copyOf(rs.getBytes(1)));
    List<Art> out = new ArrayList<>();
    for (Bytes id : ids) {
      art(c, id).ifPresent(out::add);
    }
    out.sort((x, y) -> x.state().config().notAfter().compareTo(y.state().config().notAfter()));
    return out;
  }

  private static Optional<Art> art(Connection c, Bytes artId) throws SQLException {
    Optional<Object[]> row = Sql.one(c, "SELECT first_state, latest_seq, status,"
        + " requested_amount, given_back_at FROM pos_art WHERE art_id = ?", rs -> new Object[] {
            rs.getBytes(1), rs.getInt(2), rs.getString(3), nullableLong(rs, 4),
            Sql.optionalInstant(rs, "given_back_at")}, artId);
    if (row.isEmpty()) {
      return Optional.empty();
    }
    Object[] r = row.get();
    PaymentRequest first = decodeRequest((byte[]) r[0]);
    int seq = (Integer) r[1];
    ArtState state = first.state();
    List<Certificate> chain = first.chain();
    if (seq > first.state().seq()) {
      TransferToken last = Sql.one(c, "SELECT token FROM pos_payment WHERE art_id = ? AND seq = ?",
          rs -> decodeToken(rs.getBytes(1)), artId, seq).orElseThrow(() -> new SQLException(
              "payment #" + seq + " of ART " + artId.shortHex() + " is missing"));
      state = ArtState.after(first.state().config(), last.record());
      Set<Certificate> joined = new LinkedHashSet<>(first.chain());
      joined.addAll(last.chain());
      chain = joined.stream().limit(4).toList();
    }
    ArtConfig config = state.config();
    @SuppressWarnings("unchecked")
    Optional<Long> asked = (Optional<Long>) r[3];
    @SuppressWarnings("unchecked")
    Optional<Instant> back = (Optional<Instant>) r[4];
    return Optional.of(new Art(state, chain, (String) r[2],
        asked.map(a -> Amount.of(config.currency(), a)), back));
  }

  private static Optional<Accepted> payment(Connection c, Bytes artId, int seq)
      throws SQLException {
    return Sql.one(c, "SELECT token, accepted_at FROM pos_payment WHERE art_id = ? AND seq = ?",
        rs -> {
          TransferToken t = decodeToken(rs.getBytes(1));
          return new Accepted(artId, seq, t.amount(), Instant.ofEpochSecond(rs.getLong(2)),
              Optional.empty(), t);
        }, artId, seq);
  }

  private static Optional<Long> nullableLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }

  private static PaymentRequest decodeRequest(byte[] b) throws SQLException {
    try {
      return PaymentRequest.decode(b);
    } catch (ArtcashException e) {
      throw new SQLException("a stored ART does not decode: " + e.getMessage(), e);
    }
  }

  private static TransferToken decodeToken(byte[] b) throws SQLException {
    try {
      return TransferToken.decode(b);
    } catch (ArtcashException e) {
      throw new SQLException("a stored token does not decode: " + e.getMessage(), e);
    }
  }
}
