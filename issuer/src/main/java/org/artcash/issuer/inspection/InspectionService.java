package org.artcash.issuer.inspection;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.art.Art;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtRules;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.Inspection;
import org.artcash.core.art.Inspection.Finding;
import org.artcash.core.art.PaymentKeyCertificate;
import org.artcash.core.art.PaymentRecord;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.TrustStore;
import org.artcash.issuer.store.Anomaly;
import org.artcash.issuer.store.InspectedPayment;
import org.artcash.issuer.store.InspectedPayments;
import org.artcash.issuer.store.InspectionStore;

/**
 * The e-cash inspection component (de Jong 2024, sec. 6): revalidates every payment in each
 * returned ART log (signatures, certificate chains, value steps, key limits: {@link ArtRules}),
 * then checks across all ARTs that no payment key made the same use twice (a cloned key) and that
 * no certification key has certified more payment keys than its ledger shows (a misused key).
 * Only verified payments count there and in the figures, so a forged record cannot make an honest
 * key look cloned. Each payment record is inspected once, whichever log of its ART brings it.
 */
public final class InspectionService {
  /** A (payment key, use) pair found in two different payment records. */
  public static final String KEY_USE_REPEATED = "KEY_USE_REPEATED";

  /** More certified payment keys seen for a certification key than it issued. */
  public static final String CERTIFIER_OVERISSUED = "CERTIFIER_OVERISSUED";

  /** Two logs of one ART hold different payments under the same sequence number. */
  public static final String FORK = "FORK";

  private final TrustStore trust;
  private final InspectionStore reports;
  private final InspectedPayments payments;

  public InspectionService(TrustStore trust, InspectionStore reports,
      InspectedPayments payments) {
    this.trust = Objects.requireNonNull(trust, "trust");
    this.reports = Objects.requireNonNull(reports, "reports");
    this.payments = Objects.requireNonNull(payments, "payments");
  }

  /**
   * The inspection of one ART so far: when it was first inspected, how many of its payments
   * verified (and count in the figures), and every anomaly found in any of its logs.
   */
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
   * Inspects a returned ART log, records what is new in it and returns the ART's report.
   * Idempotent: a log inspected before changes nothing and gets the stored report back.
   *
   * @throws IllegalArgumentException when a record belongs to another ART (a decoded {@link Art}
   *     never holds one)
   */
  public Report inspect(Art art, Instant now) {
    Bytes artId = art.config().artId();
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    Checked checked = check(art);
    Map<Integer, Map<Bytes, Boolean>> inspected = new HashMap<>();
    for (InspectionStore.SeenRecord r : reports.records(artId)) {
      inspected.computeIfAbsent(r.seq(), k -> new HashMap<>()).put(r.recordHash(), r.verified());
    }
    List<InspectionStore.SeenRecord> fresh = new ArrayList<>();
    List<InspectionStore.Finding> found = new ArrayList<>();
    for (Finding f : checked.ofArt()) {
      found.add(new InspectionStore.Finding(InspectionStore.Finding.ART_ITSELF, f.code(),
          truncate("the ART itself: " + f.detail())));
    }
    boolean forkReported = false;
    String currency = art.config().currency().code();
    for (int i = 0; i < art.records().size(); i++) {
      PaymentRecord r = art.records().get(i);
      Bytes hash = r.stateHash();
      boolean verified = checked.verified()[i];
      Map<Bytes, Boolean> atSeq = inspected.getOrDefault(r.seq(), Map.of());
      Boolean before = atSeq.get(hash);
      if (before != null && (before || !verified)) {
        continue; // inspected already, and nothing learnt now
      }
      int index = fresh.size();
      fresh.add(new InspectionStore.SeenRecord(r.seq(), hash, verified));
      String where = "payment #" + r.seq() + ": ";
      if (before == null && !atSeq.isEmpty() && !forkReported) {
        found.add(new InspectionStore.Finding(index, FORK, truncate(where + "this log and one"
            + " returned earlier hold different payments under this number: the ART's state was"
            + " paid twice, or one log is forged. Compare the logs the ART factory kept.")));
        forkReported = true;
      }
      for (Finding f : checked.ofRecord().get(i)) {
        found.add(new InspectionStore.Finding(index, f.code(), truncate(where + f.detail())));
      }
      if (verified) {
        for (Finding f : crossCheck(artId, currency, r, at)) {
          found.add(new InspectionStore.Finding(index, f.code(), truncate(where + f.detail())));
        }
      }
    }
    if (!fresh.isEmpty() || reports.inspectedAt(artId).isEmpty()) {
      reports.addInspection(artId, at, fresh, found);
    }
    return stored(artId);
  }

  /**
   * How many payments at the start of the log verify (the step and payer checks of {@link
   * ArtRules}, the record's signature included) before the first that does not: what a log
   * proves, for comparing two logs of one ART.
   */
  public int verifiedPayments(Art art) {
    boolean[] verified = check(art).verified();
    int n = 0;
    while (n < verified.length && verified[n]) {
      n++;
    }
    return n;
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

  private Report stored(Bytes artId) {
    Instant inspectedAt = reports.inspectedAt(artId).orElseThrow();
    return new Report(artId, inspectedAt, payments.forArt(artId).size(),
        reports.anomalies(artId));
  }

  /**
   * Records a verified payment and checks it across all ARTs: a second use of its key's use
   * number (sec. 6 (iv)), and its key among more than its certifier issued (sec. 6 (v)).
   */
  private List<Finding> crossCheck(Bytes artId, String currency, PaymentRecord r, Instant at) {
    PaymentKeyCertificate key = r.keyCertificate();
    InspectedPayments.Recorded recorded = payments.record(new InspectedPayment(artId, r.seq(),
        key.paymentKeyId(), r.keyUse(), key.certifierKeyId(), currency, r.amount(), r.time()), at);
    List<Finding> out = new ArrayList<>(2);
    recorded.earlierUse().ifPresent(first -> out.add(new Finding(r.seq(), KEY_USE_REPEATED,
        "payment key " + key.paymentKeyId().shortHex() + " signed its use " + r.keyUse()
            + " here and also in payment #" + first.seq() + " of ART " + first.artId().hex()
            + ": a cloned payment key? Revoke it and look for the MonEbox it came from.")));
    if (recorded.newCertifiedKey()) {
      overissue(key.certifierKeyId()).ifPresent(detail ->
          out.add(new Finding(r.seq(), CERTIFIER_OVERISSUED, detail)));
    }
    return out;
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

  /** The findings of the ART's checks, by record position, and which records verified. */
  private record Checked(List<Finding> ofArt, List<List<Finding>> ofRecord, boolean[] verified) {}

  /**
   * The checks of {@link Inspection#inspect}, attributed to each record by its position in the
   * log rather than the number it claims (a forged record may claim any number), without the
   * within-log key-use check: repeats are found among verified records only, in {@link
   * InspectedPayments}.
   */
  private Checked check(Art art) {
    ArtConfig config = art.config();
    List<Finding> ofArt = new ArrayList<>();
    try {
      ArtRules.verifyConfig(config, trust, art.chain());
    } catch (ArtcashException e) {
      ofArt.add(new Finding(0, e.reason().name(), e.getMessage()));
    }
    List<List<Finding>> ofRecord = new ArrayList<>(art.records().size());
    boolean[] verified = new boolean[art.records().size()];
    ArtState previous = ArtState.fresh(config);
    for (int i = 0; i < art.records().size(); i++) {
      PaymentRecord r = art.records().get(i);
      if (!r.artId().equals(config.artId())) {
        throw new IllegalArgumentException("record " + (i + 1) + " of the log of ART "
            + config.artId().hex() + " belongs to ART " + r.artId().hex());
      }
      List<Finding> findings = new ArrayList<>(2);
      try {
        ArtRules.verifyStep(previous, r);
      } catch (ArtcashException e) {
        findings.add(new Finding(r.seq(), e.reason().name(), e.getMessage()));
      }
      try {
        ArtRules.verifyPayer(config, r, trust, art.chain());
      } catch (ArtcashException e) {
        findings.add(new Finding(r.seq(), e.reason().name(), e.getMessage()));
      }
      ofRecord.add(List.copyOf(findings));
      verified[i] = findings.isEmpty();
      previous = ArtState.after(config, r);
    }
    return new Checked(List.copyOf(ofArt), List.copyOf(ofRecord), verified);
  }

  private static String truncate(String detail) {
    return detail.length() <= Anomaly.MAX_DETAIL_LENGTH ? detail
        : detail.substring(0, Anomaly.MAX_DETAIL_LENGTH - 3) + "...";
  }
}
