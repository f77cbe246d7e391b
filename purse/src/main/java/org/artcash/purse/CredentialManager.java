package org.artcash.purse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.Art;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtKind;
import org.artcash.core.art.ArtRules;
import org.artcash.core.art.PaymentRecord;
import org.artcash.core.codec.Bytes;
import org.artcash.core.credential.ArtGrant;
import org.artcash.core.credential.ArtRequest;
import org.artcash.core.credential.CertificationRequest;
import org.artcash.core.credential.CertificationResponse;
import org.artcash.core.credential.CredentialService;
import org.artcash.core.credential.CredentialService.CertifierOffer;
import org.artcash.core.money.Currency;
import org.artcash.core.pki.CertRole;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.PaymentKeyClass;
import org.artcash.core.pki.RevocationList;
import org.artcash.monebox.MonEboxStatus;
import org.artcash.monebox.MonEboxStatus.PaymentKeyInfo;
import org.artcash.purse.store.PendingCertification;
import org.artcash.purse.store.ReceivedPayment;
import org.artcash.purse.store.StoredArt;

/**
 * Keeps the e-purse's credentials fresh (de Jong 2024, sec. 4.1, "credential manager"): the newest
 * revocation list, a certified payment key of every class on offer, and enough unexpired ARTs.
 * Used ARTs go back to the factory with their whole log, after their value has been redeemed.
 * Every step is safe to repeat after an interruption.
 */
final class CredentialManager {
  private final PurseContext ctx;
  private final Redemption redemption;

  CredentialManager(PurseContext ctx, Redemption redemption) {
    this.ctx = ctx;
    this.redemption = redemption;
  }

  RefreshReport refresh(CredentialService agent) throws ArtcashException {
    MonEboxStatus status = ctx.box().status();
    Bytes pseudonym = ctx.pseudonym(status);
    Currency currency = ctx.currency();
    List<CertifierOffer> offers = agent.certifiers();
    for (CertifierOffer offer : offers) {
      remember(offer.chain());
      remember(List.of(offer.certificate()));
    }
    OptionalLong revocations = updateRevocationList(agent);
    List<PaymentKeyInfo> certified = certifyPaymentKeys(agent, offers, status, currency);
    // An ART that cannot be redeemed now is reported and stays here (it is not returned); the
    // others are redeemed, returned and replaced as usual.
    RedemptionReport redeemed = redemption.redeemAll();
    List<Bytes> returned = returnUsedArts(agent);
    List<Bytes> received = topUpArts(agent, pseudonym, currency);
    return new RefreshReport(revocations, certified, redeemed, returned, received);
  }

  /**
   * Installs a newer revocation list in the trust store, the MonEbox and the database, in that
   * order: the database is written last, so a step that fails is done again by the next refresh
   * (the trust store and the MonEbox ignore a list they have already).
   */
  private OptionalLong updateRevocationList(CredentialService agent) throws ArtcashException {
    RevocationList list = agent.revocationList();
    Optional<RevocationList> stored = ctx.store().trustMaterial().revocationList();
    if (stored.isPresent() && list.sequence() <= stored.get().sequence()) {
      return OptionalLong.empty();
    }
    ctx.trust().updateRevocationList(list); // checks the CA's signature
    ctx.box().updateRevocationList(list, ctx.trust().chainFor(list.issuerKeyId()));
    ctx.store().trustMaterial().saveRevocationListIfNewer(list, ctx.now());
    return OptionalLong.of(list.sequence());
  }

  /**
   * Makes sure the MonEbox has a certified payment key with uses left for every class on offer
   * that fits it (currency, device class). First finishes certifications an earlier refresh left
   * open, with the request it stored, so the MonEbox's half-made key gets its certificate.
   */
  private List<PaymentKeyInfo> certifyPaymentKeys(CredentialService agent,
      List<CertifierOffer> offers, MonEboxStatus status, Currency currency)
      throws ArtcashException {
    Instant now = ctx.now();
    List<PaymentKeyInfo> keys = new ArrayList<>(status.paymentKeys());
    List<PaymentKeyInfo> certified = new ArrayList<>();
    for (PendingCertification pending : ctx.store().pendingCertifications().list()) {
      CertificationRequest request = pending.request();
      boolean waiting = keys.stream().anyMatch(k -> !k.certified()
          && k.certifierKeyId().equals(request.certifierKeyId()));
      if (waiting) {
        PaymentKeyInfo info = ctx.box().installPaymentKeyCertificate(agent.certify(request));
        keys.add(info);
        certified.add(info);
      }
      ctx.store().pendingCertifications().remove(request.requestHash());
    }
    for (CertifierOffer offer : offers) {
      Certificate certifier = offer.certificate();
      if (certifier.role() != CertRole.PAYMENT_KEY_CERTIFIER || !certifier.isValidAt(now)) {
        continue; // a key announced ahead of its validity, or one being retired
      }
      PaymentKeyClass cls = PaymentKeyClass.decode(certifier.attributes());
      if (!cls.currency().equals(currency) || cls.minDeviceClass() > status.deviceClass()) {
        continue; // not a class this MonEbox may hold
      }
      boolean covered = keys.stream().anyMatch(k -> k.certified() && k.classId() == cls.classId()
          && k.usesLeft() > 0 && k.notAfter().isAfter(now));
      if (covered) {
        continue;
      }
      ctx.trust().validate(certifier, CertRole.PAYMENT_KEY_CERTIFIER, now, offer.chain());
      CertificationRequest request =
          ctx.box().requestPaymentKeyCertification(certifier, offer.chain(), now);
      ctx.store().pendingCertifications().add(request, now);
      CertificationResponse response = agent.certify(request);
      PaymentKeyInfo info = ctx.box().installPaymentKeyCertificate(response);
      ctx.store().pendingCertifications().remove(request.requestHash());
      keys.add(info);
      certified.add(info);
    }
    return certified;
  }

  /**
   * Retires expired ARTs and returns every retired ART whose value is all redeemed, with its whole
   * log (sec. 2.3: "the token sent to the issuer ... does not contain money"). An ART with
   * unredeemed value is never returned; it waits for the next redemption.
   */
  private List<Bytes> returnUsedArts(CredentialService agent) throws ArtcashException {
    Instant now = ctx.now();
    ctx.store().arts().retireExpired(now, now.minus(ctx.policy().inUseGrace()));
    List<StoredArt> done = ctx.store().arts().returnable();
    if (done.isEmpty()) {
      return List.of();
    }
    List<Art> logs = new ArrayList<>();
    for (StoredArt art : done) {
      logs.add(log(art));
    }
    agent.returnArts(logs); // idempotent at the factory: repeating it after a crash is harmless
    return ctx.store().arts().markReturned(done, now);
  }

  /** The ART with every payment it received, and the chains that verify them. */
  Art log(StoredArt art) {
    List<ReceivedPayment> payments = ctx.store().arts().payments(art.artId());
    List<Certificate> chain = art.factoryChain();
    List<PaymentRecord> records = new ArrayList<>();
    for (ReceivedPayment p : payments) {
      records.add(p.record());
      chain = Chains.join(Chains.LOG, chain, p.payerChain());
    }
    return new Art(art.config(), records, chain);
  }

  /**
   * Asks the factory for fresh PAYMENT ARTs when fewer than the policy's target are usable, checks
   * each one (factory signature and chain, issued to this owner, in this currency, not expired) and
   * stores them FREE. All must pass, or none is stored.
   */
  private List<Bytes> topUpArts(CredentialService agent, Bytes pseudonym, Currency currency)
      throws ArtcashException {
    Instant now = ctx.now();
    PursePolicy policy = ctx.policy();
    int usable = ctx.store().arts().countUsable(ArtKind.PAYMENT, currency,
        now.plus(policy.minArtValidity()));
    if (usable >= policy.minUsableArts()) {
      return List.of();
    }
    ArtRequest request = ctx.box().requestArts(policy.wish(policy.minUsableArts() - usable), now);
    ArtGrant grant = agent.issueArts(request);
    for (ArtConfig config : grant.arts()) {
      checkFresh(config, grant.chain(), pseudonym, currency, now);
    }
    remember(grant.chain());
    List<Bytes> stored = new ArrayList<>();
    for (ArtConfig config : grant.arts()) {
      if (ctx.store().arts().add(config, grant.chain(), now)) {
        stored.add(config.artId());
      }
    }
    return stored;
  }

  private void checkFresh(ArtConfig config, List<Certificate> chain, Bytes pseudonym,
      Currency currency, Instant now) throws ArtcashException {
    ArtRules.verifyConfig(config, ctx.trust(), chain);
    String art = "the factory's ART " + config.artId().shortHex();
    if (!config.owner().equals(pseudonym)) {
      throw new ArtcashException(Reason.FOREIGN_ART, art + " is issued to pseudonym "
          + config.owner().shortHex() + ", not to this e-purse's " + pseudonym.shortHex()
          + "; none of the ARTs in this grant were stored");
    }
    if (!config.currency().equals(currency)) {
      throw new ArtcashException(Reason.CURRENCY_MISMATCH, art + " is for " + config.currency()
          + ", this MonEbox holds " + currency + "; none of the ARTs in this grant were stored");
    }
    if (config.kind() != ArtKind.PAYMENT) {
      throw new ArtcashException(Reason.WRONG_TYPE, art + " is a " + config.kind()
          + " ART where PAYMENT ARTs were asked for; none of the ARTs in this grant were stored");
    }
    if (now.isAfter(config.notAfter())) {
      throw new ArtcashException(Reason.EXPIRED, art + " expired at " + config.notAfter()
          + " before it arrived; none of the ARTs in this grant were stored");
    }
  }

  private void remember(List<Certificate> certificates) {
    ctx.trust().addAll(certificates);
    ctx.store().trustMaterial().addCertificates(certificates, ctx.now());
  }
}
