package org.artcash.purse.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.purse.store.PurseStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BudgetTest {
  private static final Currency EUR = Currency.of("EUR");
  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  private final PurseStore store = PurseStore.inMemoryH2("budget-" + System.nanoTime());
  private final Budget budget = new Budget(store);

  @AfterEach
  void close() {
    store.close();
  }

  private static Amount eur(long cents) {
    return Amount.of(EUR, cents);
  }

  @Test
  void jarsPartitionTheSpendable_andPaymentsAreEnteredOnce() throws ArtcashException {
    budget.create("food", EUR, NOW);
    budget.create("rent", EUR, NOW);
    budget.put("food", eur(20_00), eur(50_00), NOW);
    budget.put("rent", eur(25_00), eur(50_00), NOW);
    Bytes paid = Bytes.fromHex("00".repeat(32));
    budget.spend("food", eur(7_50), paid, "Grocer", NOW);
    budget.spend("food", eur(7_50), paid, "Grocer", NOW); // the same payment again
    Budget.Overview o = budget.overview(eur(42_50));
    assertEquals(List.of(new Budget.Jar("food", eur(12_50)), new Budget.Jar("rent", eur(25_00))),
        o.jars());
    assertEquals(eur(5_00), o.outsideJars());
    assertEquals(eur(0), o.overAllocated());
  }

  @Test
  void refusals_changeNothing() throws ArtcashException {
    budget.create("food", EUR, NOW);
    budget.put("food", eur(10_00), eur(10_00), NOW);
    assertEquals(Reason.INSUFFICIENT_FUNDS, assertThrows(ArtcashException.class,
        () -> budget.put("food", eur(1), eur(10_00), NOW)).reason());
    assertEquals(Reason.INSUFFICIENT_FUNDS, assertThrows(ArtcashException.class,
        () -> budget.check("food", eur(10_01))).reason());
    assertEquals(Reason.NOT_FOUND, assertThrows(ArtcashException.class,
        () -> budget.take("fun", eur(1), NOW)).reason());
    assertEquals(Reason.MALFORMED, assertThrows(ArtcashException.class,
        () -> budget.create("food", EUR, NOW)).reason());
    assertEquals(List.of(new Budget.Jar("food", eur(10_00))), budget.jars());
  }

  @Test
  void paymentsWithoutAJar_showTheJarsOverAllocated() throws ArtcashException {
    budget.create("savings", EUR, NOW);
    budget.put("savings", eur(30_00), eur(30_00), NOW);
    Budget.Overview o = budget.overview(eur(20_00));
    assertEquals(eur(0), o.outsideJars());
    assertEquals(eur(10_00), o.overAllocated());
    assertEquals(eur(30_00), budget.remove("savings"));
    assertEquals(eur(20_00), budget.overview(eur(20_00)).outsideJars());
  }
}
