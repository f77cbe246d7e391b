package org.artcash.cli.purse;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.TransferToken;
import org.artcash.core.pki.Certificate;
import org.artcash.purse.store.HistoryEntry;
import org.artcash.purse.store.PaymentIntent;
import org.artcash.purse.store.ReceivedPayment;
import org.artcash.purse.store.StoredArt;

/**
 * The payments made and received, each with its proof (de Jong 2024, sec. 4.1: "an ART can be
 * directly used as the digital justification in the transaction record by either party"): the
 * transfer token with every certificate an auditor needs besides the root of trust, the ART
 * factory's chain and the payer's certifier chain.
 */
final class Ledger {
  private Ledger() {}

  /** One payment and its proof. */
  record Line(HistoryEntry entry, TransferToken proof) {}

  static List<Line> lines(PurseHome home) throws ArtcashException {
    List<Line> out = new ArrayList<>();
    List<HistoryEntry> entries = new ArrayList<>(home.purse().history());
    // Times are whole seconds: within one second, money received comes before money paid.
    entries.sort(java.util.Comparator.comparing(HistoryEntry::time)
        .thenComparing(e -> e.direction() == HistoryEntry.Direction.PAID));
    for (HistoryEntry e : entries) {
      out.add(new Line(e, e.direction() == HistoryEntry.Direction.RECEIVED ? received(home, e)
          : paid(home, e)));
    }
    return out;
  }

  private static TransferToken received(PurseHome home, HistoryEntry e) throws ArtcashException {
    StoredArt art = home.store().arts().find(e.artId()).orElseThrow(() -> missing(e));
    ReceivedPayment p = home.store().arts().payment(e.artId(), e.seq())
        .orElseThrow(() -> missing(e));
    TransferToken t = p.token(art.config());
    return new TransferToken(t.config(), t.record(), join(t.chain(), art.factoryChain()));
  }

  private static TransferToken paid(PurseHome home, HistoryEntry e) throws ArtcashException {
    record Row(byte[] token, long counter) {}
    Optional<Row> row = home.store().inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT token, approval_counter FROM"
          + " purse_outgoing WHERE art_id = ? AND seq = ?")) {
        ps.setBytes(1, e.artId().toArray());
        ps.setInt(2, e.seq());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new Row(rs.getBytes(1), rs.getLong(2)))
              : Optional.<Row>empty();
        }
      }
    });
    if (row.isEmpty()) {
      throw missing(e);
    }
    TransferToken t = TransferToken.decode(row.get().token());
    Optional<PaymentIntent> intent = home.store().intents().find(row.get().counter());
    List<Certificate> factory = intent.map(i -> i.instruction().request().chain())
        .orElse(List.of());
    return new TransferToken(t.config(), t.record(), join(t.chain(), factory));
  }

  /** The certifier's chain first, then the factory's, without repeats: at most four. */
  static List<Certificate> join(List<Certificate> first, List<Certificate> second) {
    Set<Certificate> all = new LinkedHashSet<>(first);
    all.addAll(second);
    return all.stream().limit(4).toList();
  }

  private static ArtcashException missing(HistoryEntry e) {
    return new ArtcashException(Reason.NOT_FOUND, "the record of payment #" + e.seq() + " on ART "
        + e.artId().shortHex() + " is missing from the e-purse database");
  }
}
