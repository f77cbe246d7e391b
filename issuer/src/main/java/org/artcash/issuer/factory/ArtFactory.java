package org.artcash.issuer.factory;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.Art;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentRecord;
import org.artcash.core.codec.Bytes;
import org.artcash.core.credential.ArtGrant;
import org.artcash.core.credential.ArtRequest;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.KeyAlgorithm;
import org.artcash.core.crypto.KeyId;
import org.artcash.core.crypto.Sha256;
import org.artcash.core.pki.CertRole;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.DeviceAttributes;
import org.artcash.core.pki.TrustStore;
import org.artcash.issuer.device.MonEboxManagement;
import org.artcash.issuer.inspection.InspectionService;
import org.artcash.issuer.pseudonym.PseudonymService;
import org.artcash.issuer.pseudonym.RegisteredPseudonym;
import org.artcash.issuer.store.ArtGrantStore;
import org.artcash.issuer.store.ArtRegistry;
import org.artcash.issuer.store.IssuedArt;

/**
 * The aggregating receipt token factory (de Jong 2024, sec. 3.3, fig. 9): creates fresh, zero-value
 * ARTs for the pseudonym of a genuine, active MonEbox, within the issuer's {@link ArtPolicy}, signs
 * them with the factory key, and takes used ARTs back for e-cash inspection.
 *
 * <p>A return carries no device seal ({@code CredentialService.returnArts} has none), so anyone
 * who saw an ART in a payment request can return it. Returns are therefore judged by what the log
 * proves, not by who comes first: the best log (most payments that verify) is the ART's log, every
 * other log is kept and inspected too, and an ART frees its place under the live-ART limit before
 * it expires only when a verified log shows it used up. Sealing returns by the owner's MonEbox
 * needs a protocol change: a later issue.
 */
public final class ArtFactory {
  private static final int LOCK_STRIPES = 64;

  private final EcSigner factoryKey;
  private final List<Certificate> chain;
  private final ArtPolicy policy;
  private final MonEboxManagement devices;
  private final TrustStore trust;
  private final PseudonymService pseudonyms;
  private final ArtRegistry registry;
  private final ArtGrantStore grants;
  private final InspectionService inspection;
  private final SecureRandom random;
  private final Object[] locks = new Object[LOCK_STRIPES];

  /**
   * @param factoryCertificate the CA's ART_FACTORY certificate for {@code factoryKey}
   * @param caCertificate the CA certificate that signed it; both travel with every grant
   */
  public ArtFactory(EcSigner factoryKey, Certificate factoryCertificate, Certificate caCertificate,
      ArtPolicy policy, MonEboxManagement devices, TrustStore trust, PseudonymService pseudonyms,
      ArtRegistry registry, ArtGrantStore grants, InspectionService inspection,
      SecureRandom random) {
    this.factoryKey = Objects.requireNonNull(factoryKey, "factoryKey");
    if (factoryCertificate.role() != CertRole.ART_FACTORY || !factoryCertificate.subjectKeyId()
        .equals(KeyId.of(KeyAlgorithm.EC_P256, factoryKey.publicKey()))) {
      throw new IllegalArgumentException(
          "the factory certificate must be an ART_FACTORY certificate for the factory key");
    }
    this.chain = List.of(factoryCertificate, Objects.requireNonNull(caCertificate, "ca"));
    this.policy = Objects.requireNonNull(policy, "policy");
    this.devices = Objects.requireNonNull(devices, "devices");
    this.trust = Objects.requireNonNull(trust, "trust");
    this.pseudonyms = Objects.requireNonNull(pseudonyms, "pseudonyms");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.grants = Objects.requireNonNull(grants, "grants");
    this.inspection = Objects.requireNonNull(inspection, "inspection");
    this.random = Objects.requireNonNull(random, "random");
    for (int i = 0; i < LOCK_STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  public ArtPolicy policy() {
    return policy;
  }

  /** The factory certificate and the CA certificate: what a payer needs to check an ART. */
  public List<Certificate> chain() {
    return chain;
  }

  /**
   * Grants fresh ARTs: the request must be sealed by a genuine, active MonEbox for the pseudonym
   * installed in it, and the pseudonym must have room under the live-ART limit. Each limit is the
   * lower of the wish and the policy; the count is also cut to the room left. A retried request
   * (same request hash) gets the ARTs granted the first time.
   *
   * @throws ArtcashException {@link Reason#BAD_SIGNATURE}, {@link Reason#NOT_GENUINE_DEVICE},
   *     {@link Reason#DEVICE_NOT_ACTIVE}, {@link Reason#UNKNOWN_PSEUDONYM}, {@link
   *     Reason#NOT_FOUND} (kind not offered), {@link Reason#CAPACITY_EXCEEDED}, {@link
   *     Reason#EXPIRED} (factory key)
   */
  public ArtGrant issue(ArtRequest request, Instant now) throws ArtcashException {
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    if (!request.verifySeal()) {
      throw new ArtcashException(Reason.BAD_SIGNATURE, "the ART request is not sealed by the"
          + " MonEbox whose certificate it carries; it was altered or forged");
    }
    DeviceAttributes device = devices.requireActive(request.deviceCertificate(), trust, at);
    RegisteredPseudonym owner = pseudonyms.find(request.pseudonym())
        .filter(p -> p.deviceId().equals(device.deviceId()))
        .orElseThrow(() -> new ArtcashException(Reason.UNKNOWN_PSEUDONYM, "pseudonym "
            + request.pseudonym().hex() + " is not registered to MonEbox "
            + device.deviceId().hex() + "; a MonEbox gets ARTs only for the pseudonym installed"
            + " in it at provisioning"));
    synchronized (lockFor(owner.pseudonym())) {
      Optional<byte[]> earlier = grants.find(request.requestHash());
      if (earlier.isPresent()) {
        return redeliver(ArtGrant.decode(earlier.get()), owner.pseudonym());
      }
      ArtRequest.Wish wish = request.wish();
      ArtPolicy.Limits limits = policy.limits(wish.kind(), owner.anonymous())
          .orElseThrow(() -> new ArtcashException(Reason.NOT_FOUND, "this ART factory does not"
              + " issue " + wish.kind() + " ARTs to " + (owner.anonymous() ? "anonymous"
                  : "identified") + " payees; ask for another kind"));
      requireFactoryKeyValid(at);
      int live = registry.countLive(owner.pseudonym(), at);
      int room = policy.maxLivePerPseudonym() - live;
      if (room < 1) {
        throw new ArtcashException(Reason.CAPACITY_EXCEEDED, "pseudonym "
            + owner.pseudonym().hex() + " holds " + live + " ARTs that are still valid and not"
            + " used up; at most " + policy.maxLivePerPseudonym() + " are allowed. Return used"
            + " ARTs with their payment logs once they are full or expired to get fresh ones.");
      }
      ArtPolicy.Grant g = ArtPolicy.grant(wish, limits, room);
      List<ArtConfig> arts = new ArrayList<>(g.count());
      for (int i = 0; i < g.count(); i++) {
        Instant notAfter = at.plus(g.validity());
        arts.add(ArtConfig.sign(new ArtConfig.Terms(randomArtId(), owner.pseudonym(),
            wish.kind(), policy.currency(), at, notAfter, notAfter.plus(g.redemptionGrace()),
            g.maxPayments(), g.maxSingle(), g.maxAggregate(), owner.payeeInfo(), ""),
            factoryKey));
      }
      ArtGrant grant = new ArtGrant(arts, chain);
      // The grant is stored before its ARTs are registered: a crash in between is completed by
      // the retry (redeliver), and a grant is never given twice.
      if (!grants.saveIfAbsent(request.requestHash(), owner.pseudonym(), grant.encode(), at)) {
        byte[] stored = grants.find(request.requestHash()).orElseThrow();
        return redeliver(ArtGrant.decode(stored), owner.pseudonym());
      }
      for (ArtConfig art : arts) {
        register(art);
      }
      return grant;
    }
  }

  /**
   * Takes used ARTs back (sec. 3.3: "these tokens will be forwarded to the issuer for analysis")
   * and hands each log to e-cash inspection, which inspects what is new in it. Each ART must carry
   * exactly the configuration this factory issued under its id (compared by signed body; the
   * factory's own copy is what is stored). Per ART:
   *
   * <ul>
   *   <li>the log with the most payments that verify from its start ({@link
   *       InspectionService#verifiedPayments}) is the ART's log; a later log replaces it only when
   *       it proves more, so a longer log that extends it does, and an empty, forged or conflicting
   *       one never does;
   *   <li>every other log that is not part of the ART's log is kept as evidence and inspected
   *       (a conflicting one is reported as a {@link InspectionService#FORK});
   *   <li>the ART stops counting as live before its {@code notAfter} only when its log is used up:
   *       its last verified payment reached the ART's payment count or its total ({@link
   *       ArtState#exhausted}), so that no payment can follow the return. A headroom threshold
   *       would let small payments follow a return unseen. An ART returned earlier stays counted
   *       as live until it expires.
   * </ul>
   *
   * <p>Idempotent: a log returned again, or a part of the ART's log, changes nothing.
   *
   * @throws ArtcashException {@link Reason#UNKNOWN_ART} when one of them was not issued here;
   *     {@link Reason#ART_STATE_INVALID} when one carries another configuration than the one
   *     issued under its id, or a payment of another ART; then none is taken
   */
  public void acceptReturned(List<Art> used, Instant now) throws ArtcashException {
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    List<Art> returned = new ArrayList<>(used.size());
    for (Art art : used) {
      returned.add(asIssued(art));
    }
    for (Art art : returned) {
      registry.recordReturn(art.config().artId(), at, logHash(art), art.records().size(),
          art.encode(), current -> judge(art, current));
      inspection.inspect(art, at);
    }
  }

  /** The returned log with the factory's own copy of the configuration issued under its id. */
  private Art asIssued(Art art) throws ArtcashException {
    Bytes id = art.config().artId();
    IssuedArt issued = registry.find(id).orElseThrow(() -> new ArtcashException(
        Reason.UNKNOWN_ART, "ART " + id.hex() + " was not issued by this ART factory; return it"
            + " to the factory that issued it"));
    ArtConfig registered = stored(() -> ArtConfig.decode(issued.config()));
    if (!registered.equals(art.config())) {
      throw new ArtcashException(Reason.ART_STATE_INVALID, "ART " + id.hex() + " comes back"
          + " with a configuration other than the one this factory issued under that id (owner,"
          + " limits, validity or payee information altered); return the ART exactly as it was"
          + " issued, with its payment log");
    }
    for (PaymentRecord r : art.records()) {
      if (!r.artId().equals(id)) {
        throw new ArtcashException(Reason.ART_STATE_INVALID, "the log of ART " + id.hex()
            + " holds payment #" + r.seq() + " of ART " + r.artId().hex() + "; return each ART"
            + " with its own payments only");
      }
    }
    return new Art(registered, art.records(), art.chain());
  }

  /** Runs with the ART's row locked: see {@link #acceptReturned}. */
  private ArtRegistry.ReturnDecision judge(Art returned, Optional<byte[]> currentLog)
      throws ArtcashException {
    int proves = inspection.verifiedPayments(returned);
    if (currentLog.isEmpty()) {
      return new ArtRegistry.ReturnDecision(true, true, usedUp(returned, proves));
    }
    Art current = stored(() -> Art.decode(currentLog.get()));
    int currentProves = inspection.verifiedPayments(current);
    if (proves > currentProves) {
      return new ArtRegistry.ReturnDecision(true, true, usedUp(returned, proves));
    }
    List<PaymentRecord> records = current.records();
    boolean partOfCurrent = returned.records().size() <= records.size()
        && records.subList(0, returned.records().size()).equals(returned.records());
    return new ArtRegistry.ReturnDecision(!partOfCurrent, false, usedUp(current, currentProves));
  }

  /** Whether the first {@code verified} payments of the log leave no room for another payment. */
  private static boolean usedUp(Art log, int verified) {
    return verified > 0
        && ArtState.after(log.config(), log.records().get(verified - 1)).exhausted();
  }

  private interface Decoding<T> {
    T decode() throws ArtcashException;
  }

  /** Decodes what this factory stored itself: failing to is a broken store, not bad input. */
  private static <T> T stored(Decoding<T> decoding) {
    try {
      return decoding.decode();
    } catch (ArtcashException e) {
      throw new IllegalStateException("the ART registry holds bytes that do not decode: "
          + e.describe(), e);
    }
  }

  /** Identifies a log by what was signed (the records' bodies), never by signature bytes. */
  private static Bytes logHash(Art log) {
    byte[][] parts = new byte[log.records().size()][];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = log.records().get(i).stateHash().toArray();
    }
    return Sha256.digest(parts);
  }

  private ArtGrant redeliver(ArtGrant grant, Bytes pseudonym) throws ArtcashException {
    for (ArtConfig art : grant.arts()) {
      if (!art.owner().equals(pseudonym)) {
        throw new IllegalStateException("a stored ART grant names another owner");
      }
      if (registry.find(art.artId()).isEmpty()) {
        register(art);
      }
    }
    return grant;
  }

  private void register(ArtConfig art) throws ArtcashException {
    try {
      registry.recordIssued(art.artId(), art.owner(), art.kind().code(), art.issuedAt(),
          art.notAfter(), art.encode());
    } catch (ArtcashException e) {
      if (e.reason() != Reason.WRONG_STATE) { // WRONG_STATE: registered meanwhile, as wanted
        throw e;
      }
    }
  }

  private void requireFactoryKeyValid(Instant at) throws ArtcashException {
    Certificate factory = chain.get(0);
    if (!factory.isValidAt(at)) {
      throw new ArtcashException(Reason.EXPIRED, "the ART factory's key is valid from "
          + factory.notBefore() + " to " + factory.notAfter() + ", not at " + at
          + "; the issuer must certify a new factory key");
    }
  }

  private Object lockFor(Bytes pseudonym) {
    return locks[Math.floorMod(pseudonym.hashCode(), LOCK_STRIPES)];
  }

  private Bytes randomArtId() {
    byte[] id = new byte[ArtConfig.ID_LENGTH];
    random.nextBytes(id);
    return Bytes.copyOf(id);
  }
}
