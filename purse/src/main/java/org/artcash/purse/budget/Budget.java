package org.artcash.purse.budget;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.purse.store.PurseStore;
import org.artcash.purse.store.Sql;

/**
 * The budget manager (de Jong 2024, sec. 4.1 and footnote 17): jars that partition the spendable
 * balance, like coins dropped in jars marked for a purpose. The money stays in the MonEbox; a jar
 * is a label on part of it. Putting money in a jar takes it from what is not yet in any jar; a
 * payment may be taken from a jar; the balance is shown per jar.
 */
public final class Budget {
  private static final int MAX_NAME = 64;
  private static final int MAX_NOTE = 200;

  /** One jar and what it holds. */
  public record Jar(String name, Amount balance) {}

  /**
   * The partition of {@code spendable} (the MonEbox's balance plus money received and not yet
   * redeemed): the jars, the total in them, and what is in no jar. When payments made without a
   * jar took money set aside in jars, {@code overAllocated} says by how much the jars exceed the
   * purse.
   */
  public record Overview(List<Jar> jars, Amount inJars, Amount outsideJars, Amount overAllocated,
      Amount spendable) {
    public Overview {
      jars = List.copyOf(jars);
    }
  }

  private final PurseStore store;

  public Budget(PurseStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** Creates an empty jar. */
  public Jar create(String name, Currency currency, Instant now) throws ArtcashException {
    String jar = checkName(name);
    boolean created = store.inTransaction(c -> {
      if (find(c, jar).isPresent()) {
        return false;
      }
      Sql.update(c, "INSERT INTO purse_jar (name, currency, created_at) VALUES (?, ?, ?)", jar,
          currency.code(), now);
      return true;
    });
    if (!created) {
      throw new ArtcashException(Reason.MALFORMED, "there is a jar named '" + jar + "' already");
    }
    return new Jar(jar, Amount.zero(currency));
  }

  /** Removes a jar; what it held goes back to the money in no jar. */
  public Amount remove(String name) throws ArtcashException {
    String jar = checkName(name);
    return store.inTransaction(c -> {
      Amount held = require(c, jar).balance();
      Sql.update(c, "DELETE FROM purse_jar_entry WHERE jar = ?", jar);
      Sql.update(c, "DELETE FROM purse_jar WHERE name = ?", jar);
      return held;
    });
  }

  /** Puts {@code amount} of the money in no jar into {@code name}. */
  public Jar put(String name, Amount amount, Amount spendable, Instant now)
      throws ArtcashException {
    String jar = checkName(name);
    requirePositive(amount);
    return store.inTransaction(c -> {
      Jar j = require(c, jar);
      amount.requireSameCurrency(j.balance());
      Amount free = overview(c, spendable).outsideJars();
      if (free.compareTo(amount) < 0) {
        throw new ArtcashException(Reason.INSUFFICIENT_FUNDS, "only " + free + " is in no jar;"
            + " " + amount + " cannot be put in '" + jar + "'");
      }
      enter(c, jar, amount.minor(), "put in", Optional.empty(), now);
      return require(c, jar);
    });
  }

  /** Takes {@code amount} out of {@code name}, back to the money in no jar. */
  public Jar take(String name, Amount amount, Instant now) throws ArtcashException {
    String jar = checkName(name);
    requirePositive(amount);
    return store.inTransaction(c -> {
      Jar j = require(c, jar);
      requireHolds(j, amount);
      enter(c, jar, -amount.minor(), "taken out", Optional.empty(), now);
      return require(c, jar);
    });
  }

  /**
   * Checks before a payment that {@code name} holds {@code amount}; the payment itself is entered
   * with {@link #spend} once it is made.
   */
  public Jar check(String name, Amount amount) throws ArtcashException {
    String jar = checkName(name);
    return store.inTransaction(c -> {
      Jar j = require(c, jar);
      requireHolds(j, amount);
      return j;
    });
  }

  /**
   * Enters a payment made from {@code name}, once per paid ART state ({@code paidState}): entering
   * the same payment again changes nothing. The payment was made, so it is entered even if the jar
   * no longer holds enough (the jar then shows zero and the overview the difference).
   */
  public Jar spend(String name, Amount amount, Bytes paidState, String payee, Instant now)
      throws ArtcashException {
    String jar = checkName(name);
    return store.inTransaction(c -> {
      Jar j = require(c, jar);
      amount.requireSameCurrency(j.balance());
      boolean entered = Sql.one(c, "SELECT 1 FROM purse_jar_entry WHERE state_hash = ?",
          rs -> 1, paidState).isPresent();
      if (!entered) {
        long taken = Math.min(amount.minor(), j.balance().minor());
        enter(c, jar, -taken, note("paid to " + payee), Optional.of(paidState), now);
      }
      return require(c, jar);
    });
  }

  public List<Jar> jars() throws ArtcashException {
    return store.inTransaction(Budget::jars);
  }

  public Overview overview(Amount spendable) throws ArtcashException {
    return store.inTransaction(c -> overview(c, spendable));
  }

  private static Overview overview(Connection c, Amount spendable)
      throws SQLException, ArtcashException {
    List<Jar> jars = jars(c);
    long inJars = 0;
    for (Jar j : jars) {
      j.balance().requireSameCurrency(spendable);
      inJars = Math.addExact(inJars, j.balance().minor());
    }
    Currency cur = spendable.currency();
    long outside = spendable.minor() - inJars;
    return new Overview(jars, Amount.of(cur, inJars), Amount.of(cur, Math.max(0, outside)),
        Amount.of(cur, Math.max(0, -outside)), spendable);
  }

  private static List<Jar> jars(Connection c) throws SQLException {
    return new ArrayList<>(Sql.list(c, "SELECT j.name, j.currency, COALESCE(SUM(e.delta), 0)"
        + " FROM purse_jar j LEFT JOIN purse_jar_entry e ON e.jar = j.name"
        + " GROUP BY j.name, j.currency ORDER BY j.name",
        rs -> new Jar(rs.getString(1), Amount.of(new Currency(rs.getString(2)), rs.getLong(3)))));
  }

  private static Optional<Jar> find(Connection c, String name) throws SQLException {
    return jars(c).stream().filter(j -> j.name().equals(name)).findFirst();
  }

  private static Jar require(Connection c, String name) throws SQLException, ArtcashException {
    Optional<Jar> jar = find(c, name);
    if (jar.isEmpty()) {
      List<String> names = jars(c).stream().map(Jar::name).toList();
      throw new ArtcashException(Reason.NOT_FOUND, "there is no jar named '" + name + "'"
          + (names.isEmpty() ? "; create one with 'jar add'" : "; the jars are "
              + String.join(", ", names)));
    }
    return jar.get();
  }

  private static void requireHolds(Jar j, Amount amount) throws ArtcashException {
    amount.requireSameCurrency(j.balance());
    if (j.balance().compareTo(amount) < 0) {
      throw new ArtcashException(Reason.INSUFFICIENT_FUNDS, "jar '" + j.name() + "' holds "
          + j.balance() + "; " + amount + " cannot be taken from it");
    }
  }

  private static void enter(Connection c, String jar, long delta, String note,
      Optional<Bytes> paidState, Instant now) throws SQLException {
    long id = Sql.one(c, "SELECT COALESCE(MAX(id), 0) + 1 FROM purse_jar_entry",
        rs -> rs.getLong(1)).orElse(1L);
    if (paidState.isPresent()) {
      Sql.update(c, "INSERT INTO purse_jar_entry (id, jar, delta, note, state_hash, entered_at)"
          + " VALUES (?, ?, ?, ?, ?, ?)", id, jar, delta, note, paidState.get(), now);
    } else {
      Sql.update(c, "INSERT INTO purse_jar_entry (id, jar, delta, note, entered_at)"
          + " VALUES (?, ?, ?, ?, ?)", id, jar, delta, note, now);
    }
  }

  private static String checkName(String name) throws ArtcashException {
    if (name == null || name.isBlank()) {
      throw new ArtcashException(Reason.MALFORMED, "a jar has a name");
    }
    String n = name.strip();
    if (n.getBytes(StandardCharsets.UTF_8).length > MAX_NAME) {
      throw new ArtcashException(Reason.LENGTH_OVER_LIMIT, "a jar's name has at most " + MAX_NAME
          + " bytes");
    }
    return n;
  }

  private static void requirePositive(Amount amount) throws ArtcashException {
    if (amount.isZero()) {
      throw new ArtcashException(Reason.MALFORMED, "the amount must be more than zero");
    }
  }

  private static String note(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return b.length <= MAX_NOTE ? s : new String(b, 0, MAX_NOTE, StandardCharsets.UTF_8);
  }
}
