package org.artcash.issuer.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.codec.Bytes;

/**
 * E-cash inspection's record of the payments it has verified (paper sec. 6): every verified
 * payment of every inspected ART, the first record to claim each (payment key, use) pair, and each
 * certified payment key by its certifier. Unique keys settle concurrent inspections.
 */
public final class InspectedPayments {
  private static final String COLUMNS = "art_id, seq, payment_key_id, key_use, certifier_key_id,"
      + " currency, amount_minor, paid_at";

  private final IssuerDatabase db;

  public InspectedPayments(IssuerDatabase db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** A payment record that claimed a (payment key, use) pair first. */
  public record KeyUseHolder(Bytes artId, int seq) {}

  /**
   * What recording one payment found out.
   *
   * @param earlierUse another payment record that already claimed this payment's (payment key,
   *     use) pair, if any: the same use of one key twice means a cloned key
   * @param newCertifiedKey true when the payment key was seen here first
   */
  public record Recorded(Optional<KeyUseHolder> earlierUse, boolean newCertifiedKey) {}

  /** Payments and their summed value per currency code, over every inspected ART. */
  public record Totals(long payments, Map<String, Long> valueByCurrency) {
    public Totals {
      valueByCurrency = Map.copyOf(valueByCurrency);
    }
  }

  /**
   * Records one payment in one transaction; idempotent (recording it again changes nothing and
   * gives the same answer, except {@code newCertifiedKey}, which is true only once). Only payments
   * that verified belong here (step, payment-key certificate and record signature: review F7): a
   * forged record must not claim an honest key's use, nor count as a key its certifier issued.
   * A second payment at an ART's sequence number that is already recorded (a fork) still claims
   * its key use, but is not counted again in the figures.
   */
  public Recorded record(InspectedPayment p, Instant at) {
    Objects.requireNonNull(p, "p");
    Jdbc.time(at, "at");
    return db.transact(c -> {
      Jdbc.insertUnlessDuplicate(c, "INSERT INTO inspected_payment (" + COLUMNS + ")"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          p.artId(), p.seq(), p.paymentKeyId(), p.keyUse(), p.certifierKeyId(), p.currency(),
          p.amountMinor(), p.paidAt());
      Optional<KeyUseHolder> earlier = Optional.empty();
      if (!Jdbc.insertUnlessDuplicate(c, "INSERT INTO payment_key_use"
              + " (payment_key_id, key_use, art_id, seq) VALUES (?, ?, ?, ?)",
          p.paymentKeyId(), p.keyUse(), p.artId(), p.seq())) {
        KeyUseHolder holder = Jdbc.queryOne(c, "SELECT art_id, seq FROM payment_key_use"
                + " WHERE payment_key_id = ? AND key_use = ?",
            rs -> new KeyUseHolder(Jdbc.bytes(rs, "art_id"), rs.getInt("seq")),
            p.paymentKeyId(), p.keyUse()).orElseThrow();
        // The same place is this payment recorded again; any other place is a second use.
        if (!holder.equals(new KeyUseHolder(p.artId(), p.seq()))) {
          earlier = Optional.of(holder);
        }
      }
      boolean newKey = Jdbc.insertUnlessDuplicate(c,
          "INSERT INTO seen_payment_key (payment_key_id, certifier_key_id, first_seen_at)"
              + " VALUES (?, ?, ?)",
          p.paymentKeyId(), p.certifierKeyId(), at);
      return new Recorded(earlier, newKey);
    });
  }

  /** How many distinct certified payment keys of {@code certifierKeyId} were seen in payments. */
  public long certifiedKeysSeen(Bytes certifierKeyId) {
    Jdbc.id(certifierKeyId, "certifierKeyId");
    return db.transact(c -> Jdbc.queryOne(c,
        "SELECT COUNT(*) FROM seen_payment_key WHERE certifier_key_id = ?",
        rs -> rs.getLong(1), certifierKeyId).orElse(0L));
  }

  /**
   * How many certificates {@code certifierKeyId} issued, per the payment-key certification ledger
   * (one stored response per certificate, see {@link CertificationLedger}).
   */
  public long certificatesIssued(Bytes certifierKeyId) {
    Jdbc.id(certifierKeyId, "certifierKeyId");
    return db.transact(c -> Jdbc.queryOne(c,
        "SELECT COUNT(*) FROM cert_response WHERE certifier_key_id = ?",
        rs -> rs.getLong(1), certifierKeyId).orElse(0L));
  }

  /** The recorded payments of one ART, by seq. */
  public List<InspectedPayment> forArt(Bytes artId) {
    Jdbc.id(artId, "artId");
    return db.transact(c -> Jdbc.queryList(c,
        "SELECT " + COLUMNS + " FROM inspected_payment WHERE art_id = ? ORDER BY seq",
        rs -> new InspectedPayment(Jdbc.bytes(rs, "art_id"), rs.getInt("seq"),
            Jdbc.bytes(rs, "payment_key_id"), rs.getLong("key_use"),
            Jdbc.bytes(rs, "certifier_key_id"), rs.getString("currency"),
            rs.getLong("amount_minor"), Jdbc.instant(rs, "paid_at")),
        artId));
  }

  public Totals totals() {
    return db.transact(c -> {
      long payments = Jdbc.queryOne(c, "SELECT COUNT(*) FROM inspected_payment",
          rs -> rs.getLong(1)).orElse(0L);
      Map<String, Long> value = new LinkedHashMap<>();
      for (Map.Entry<String, BigDecimal> e : Jdbc.queryList(c,
          "SELECT currency, SUM(amount_minor) FROM inspected_payment GROUP BY currency"
              + " ORDER BY currency",
          rs -> Map.entry(rs.getString(1), rs.getBigDecimal(2)))) {
        try {
          value.put(e.getKey(), e.getValue().longValueExact());
        } catch (ArithmeticException tooLarge) {
          throw new IllegalStateException("the inspected value of " + e.getKey() + " ("
              + e.getValue() + " minor units) does not fit in 64 bits", tooLarge);
        }
      }
      return new Totals(payments, value);
    });
  }
}
