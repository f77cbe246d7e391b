package org.artcash.issuer.inspection;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.art.Art;
import org.artcash.core.art.Inspection;
import org.artcash.core.art.Inspection.Finding;
import org.artcash.core.art.PaymentKeyCertificate;
import org.artcash.core.art.PaymentRecord;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.TrustStore;
import org.artcash.issuer.store.Anomaly;
import org.artcash.issuer.store.InspectedPayment;
import org.artcash.issuer.store.InspectedPayments;
import org.artcash.issuer.store.InspectionStore;

/**
 * The e-cash inspection component (de Jong 2024, sec. 6): revalidates every payment in each
 * returned ART (signatures, certificate chains, value steps, key limits: {@link Inspection}), then
 * checks across all ARTs that no payment key made the same use twice (a cloned key) and that no
 * certification key has certified more payment keys than its ledger shows (a misused key). Each
 * ART is inspected once; its anomalies are kept for the monitor.
 */
public final class InspectionService {
  /** A (payment key, use) pair found in two different ARTs. */
  public static final String KEY_USE_REPEATED = "KEY_USE_REPEATED";

  /** More certified payment keys seen for a certification key than it issued. */
  public static final String CERTIFIER_OVERISSUED = "CERTIFIER_OVERISSUED";

  private final TrustStore trust;
  private final InspectionStore reports;
  private final InspectedPayments payments;

  public InspectionService(TrustStore trust, InspectionStore reports,
      InspectedPayments payments) {
    this.trust = Objects.requireNonNull(trust, "trust");
    this.reports = Objects.requireNonNull(reports, "reports");
    this.payments = Objects.requireNonNull(payments, "payments");
  }

  /** The result of inspecting one ART; {@code payments} is how many records it carried. */
  public record Report(Bytes artId, Instant inspectedAt, int payments, List<Anomaly> anomalies) {
    public Report {
      anomalies = List.copyOf(anomalies);
    }

    public boolean clean() {
      return anomalies.isEmpty();
    }
  }

  /** What the e-cash system monitor shows: ARTs inspected, payments in them, value, anomalies. */
  public record Summary(long artsInspected, long payments, List<Amount> value, long anomalies) {
    public Summary {
      value = List.copyOf(value);
    }
  }

  /**
   * Inspects a returned ART and saves the report. Idempotent: an ART inspected before gets its
   * stored report back.
   */
  public Report inspect(Art art, Instant now) {
    Bytes artId = art.config().artId();
    Optional<Instant> earlier = reports.inspectedAt(artId);
    if (earlier.isPresent()) {
      return stored(artId, earlier.get());
    }
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    List<Finding> findings = new ArrayList<>(Inspection.inspect(art, trust));
    String currency = art.config().currency().code();
    for (PaymentRecord r : art.records()) {
      PaymentKeyCertificate key = r.keyCertificate();
      InspectedPayments.Recorded recorded = payments.record(new InspectedPayment(artId, r.seq(),
          key.paymentKeyId(), r.keyUse(), key.certifierKeyId(), currency, r.amount(), r.time()),
          genuinelyCertified(key, art.chain()), at);
      recorded.earlierUse().ifPresent(first -> findings.add(new Finding(r.seq(), KEY_USE_REPEATED,
          "payment key " + key.paymentKeyId().shortHex() + " signed its use " + r.keyUse()
              + " here and also in payment #" + first.seq() + " of ART " + first.artId().hex()
              + ": a cloned payment key? Revoke it and look for the MonEbox it came from.")));
      if (recorded.newCertifiedKey()) {
        overissue(key.certifierKeyId()).ifPresent(detail ->
            findings.add(new Finding(r.seq(), CERTIFIER_OVERISSUED, detail)));
      }
    }
    List<Anomaly> anomalies = number(artId, findings);
    if (!reports.saveReport(artId, at, anomalies)) {
      // inspected concurrently by another instance: its report is the one kept
      return stored(artId, reports.inspectedAt(artId).orElseThrow());
    }
    return new Report(artId, at, art.records().size(), anomalies);
  }

  /** Every anomaly found so far, by ART. */
  public List<Anomaly> anomalies() {
    return reports.allAnomalies();
  }

  public Summary summary() {
    InspectedPayments.Totals totals = payments.totals();
    List<Amount> value = new ArrayList<>();
    for (Map.Entry<String, Long> e : totals.valueByCurrency().entrySet()) {
      value.add(Amount.of(Currency.of(e.getKey()), e.getValue()));
    }
    value.sort(Comparator.comparing(a -> a.currency().code()));
    return new Summary(reports.countInspected(), totals.payments(), value,
        reports.allAnomalies().size());
  }

  private Report stored(Bytes artId, Instant inspectedAt) {
    return new Report(artId, inspectedAt, payments.forArt(artId).size(),
        reports.anomalies(artId));
  }

  /**
   * Sec. 6 (v), "the integrity and correct use of the credential-certification keys": a blind
   * signature hides which key was certified, but not how many. More distinct certified keys in
   * circulation than certificates issued means the certification key signs outside the ledger.
   */
  private Optional<String> overissue(Bytes certifierKeyId) {
    long seen = payments.certifiedKeysSeen(certifierKeyId);
    long issued = payments.certificatesIssued(certifierKeyId);
    if (seen <= issued) {
      return Optional.empty();
    }
    return Optional.of("certification key " + certifierKeyId.shortHex() + " has certified "
        + seen + " payment keys seen in payments, but its ledger records only " + issued
        + " certificates: the certification key may be compromised. Consider revoking it.");
  }

  /** Whether the payment key's blind signature verifies under a certification key known here. */
  private boolean genuinelyCertified(PaymentKeyCertificate key, List<Certificate> chain) {
    Optional<Certificate> certifier = trust.find(key.certifierKeyId()).or(() -> chain.stream()
        .filter(c -> c.subjectKeyId().equals(key.certifierKeyId())).findFirst());
    if (certifier.isEmpty()) {
      return false;
    }
    try {
      return key.verify(certifier.get().rsaPublicKey());
    } catch (ArtcashException notAnRsaKey) {
      return false;
    }
  }

  private static List<Anomaly> number(Bytes artId, List<Finding> findings) {
    List<Finding> ordered = new ArrayList<>(findings);
    ordered.sort(Comparator.comparingInt(Finding::seq)); // stable: the ART's own order within one
    List<Anomaly> out = new ArrayList<>(ordered.size());
    for (Finding f : ordered) {
      String where = f.seq() == 0 ? "the ART itself: " : "payment #" + f.seq() + ": ";
      out.add(new Anomaly(artId, out.size() + 1, f.code(), truncate(where + f.detail())));
    }
    return out;
  }

  private static String truncate(String detail) {
    return detail.length() <= Anomaly.MAX_DETAIL_LENGTH ? detail
        : detail.substring(0, Anomaly.MAX_DETAIL_LENGTH - 3) + "...";
  }
}
