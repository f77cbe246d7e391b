package org.artcash.purse.store;

import java.util.List;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;

/** Payments made and received, oldest first (view {@code purse_history}). */
public final class HistoryView {
  private final PurseStore store;

  HistoryView(PurseStore store) {
    this.store = store;
  }

  public List<HistoryEntry> list() {
    return store.transact(c -> Jdbc.queryList(c, "SELECT direction, art_id, seq, currency, amount,"
        + " happened_at, payee_info, payee_account FROM purse_history"
        + " ORDER BY happened_at, direction, art_id, seq", rs -> new HistoryEntry(
            HistoryEntry.Direction.valueOf(rs.getString("direction")), Jdbc.bytes(rs, "art_id"),
            rs.getInt("seq"),
            Amount.of(new Currency(rs.getString("currency")), rs.getLong("amount")),
            Jdbc.instant(rs, "happened_at"), rs.getString("payee_info"),
            rs.getString("payee_account"))));
  }
}
