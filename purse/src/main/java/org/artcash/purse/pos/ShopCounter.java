package org.artcash.purse.pos;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.pki.Certificate;
import org.artcash.purse.EPurse;
import org.artcash.purse.Receipt;
import org.artcash.purse.schedule.StandingArts;
import org.artcash.purse.store.PurseStore;
import org.artcash.purse.store.Sql;

/**
 * The shop's e-purse serving its points of sale (de Jong 2024, sec. 4.1): hands standing ARTs to
 * a device, and takes in the tokens the device accepted, so that the money is redeemed here, in
 * the shop's MonEbox. An ART a device gives back is retired and returns to the factory at the
 * next refresh, once its value is redeemed.
 */
public final class ShopCounter {
  private final EPurse purse;
  private final PurseStore store;
  private final Clock clock;

  /** What one hand-in did: payments accepted, tokens refused (with why), ARTs retired. */
  public record Collected(List<Receipt> accepted, List<Refused> refused, List<Bytes> retired) {
    public Collected {
      accepted = List.copyOf(accepted);
      refused = List.copyOf(refused);
      retired = List.copyOf(retired);
    }
  }

  /** A token from a device that the shop's e-purse refused. */
  public record Refused(Bytes artId, int seq, Reason reason, String message) {}

  /** Which device holds a standing ART. */
  public record Delegation(Bytes artId, String device, Instant delegatedAt,
      Optional<Instant> releasedAt) {}

  public ShopCounter(EPurse purse, PurseStore store, Clock clock) {
    this.purse = Objects.requireNonNull(purse, "purse");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Hands up to {@code count} free ARTs to {@code device}, each made standing so that the shop
   * offers it to nobody else while the device holds it. At least one, or it fails.
   */
  public PosBundle.Arts handOut(String device, int count, Certificate root)
      throws ArtcashException {
    try {
      PosBundle.checkDevice(device);
    } catch (IllegalArgumentException e) {
      throw new ArtcashException(Reason.MALFORMED, e.getMessage());
    }
    if (count < 1 || count > PosBundle.MAX_ARTS) {
      throw new ArtcashException(Reason.MALFORMED, "a point of sale gets 1 to "
          + PosBundle.MAX_ARTS + " ARTs at a time, not " + count);
    }
    StandingArts standing = new StandingArts(purse, store);
    List<PaymentRequest> arts = new ArrayList<>();
    ArtcashException shortage = null;
    for (int i = 0; i < count; i++) {
      try {
        arts.add(standing.open());
      } catch (ArtcashException e) {
        shortage = e;
        break;
      }
    }
    if (arts.isEmpty()) {
      throw shortage;
    }
    Instant now = now();
    store.inTransaction(c -> {
      for (PaymentRequest r : arts) {
        Sql.update(c, "INSERT INTO purse_pos_delegation (art_id, device, delegated_at)"
            + " VALUES (?, ?, ?)", r.state().config().artId(), device, now);
      }
      return null;
    });
    return new PosBundle.Arts(device, root, arts);
  }

  /**
   * Accepts the tokens a device hands in, in order per ART (each one the shop counts once, so a
   * hand-in may be repeated), and retires the ARTs it gives back. A token that is refused is
   * reported and does not stop the others.
   */
  public Collected collect(PosBundle.HandIn handIn) throws ArtcashException {
    List<TransferToken> tokens = new ArrayList<>(handIn.tokens());
    tokens.sort(Comparator.comparing((TransferToken t) -> t.config().artId())
        .thenComparingInt(t -> t.record().seq()));
    List<Receipt> accepted = new ArrayList<>();
    List<Refused> refused = new ArrayList<>();
    for (TransferToken t : tokens) {
      try {
        accepted.add(purse.accept(t));
      } catch (ArtcashException e) {
        refused.add(new Refused(t.config().artId(), t.record().seq(), e.reason(), e.getMessage()));
      }
    }
    List<Bytes> retired = new ArrayList<>();
    Instant now = now();
    for (Bytes artId : handIn.givenBack()) {
      Optional<Delegation> d = delegation(artId);
      if (d.isEmpty() || !d.get().device().equals(handIn.device())
          || d.get().releasedAt().isPresent()) {
        continue; // not this device's, or given back before
      }
      purse.cancelRequest(artId);
      store.inTransaction(c -> Sql.update(c, "UPDATE purse_pos_delegation SET released_at = ?"
          + " WHERE art_id = ? AND released_at IS NULL", now, artId));
      retired.add(artId);
    }
    return new Collected(accepted, refused, retired);
  }

  /** Every ART handed to a device, with whether it came back. */
  public List<Delegation> delegations() throws ArtcashException {
    return store.inTransaction(c -> Sql.list(c, "SELECT art_id, device, delegated_at, released_at"
        + " FROM purse_pos_delegation ORDER BY delegated_at, art_id",
        rs -> new Delegation(Bytes.copyOf(rs.getBytes(1)), rs.getString(2),
            Instant.ofEpochSecond(rs.getLong(3)), Sql.optionalInstant(rs, "released_at"))));
  }

  private Optional<Delegation> delegation(Bytes artId) throws ArtcashException {
    return delegations().stream().filter(d -> d.artId().equals(artId)).findFirst();
  }

  private Instant now() {
    return Instant.ofEpochSecond(clock.instant().getEpochSecond());
  }
}
