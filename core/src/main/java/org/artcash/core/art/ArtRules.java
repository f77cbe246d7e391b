package org.artcash.core.art;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.money.Amount;
import org.artcash.core.pki.CertRole;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.PaymentKeyClass;
import org.artcash.core.pki.TrustStore;

/**
 * The rules of an ART, shared by everyone who checks one: the payee accepting a payment, the
 * payer's software in its pre-flight check, the MonEbox before atxr, and the issuer's inspection
 * (de Jong 2024, sec. 4.1: "this peer validation of the token is one of the mechanisms that
 * maintains system integrity"). Structure first, signatures last; every failure says what to do.
 */
public final class ArtRules {
  private ArtRules() {}

  /** The factory's signature and chain, checked at the time the ART was issued. */
  public static void verifyConfig(ArtConfig config, TrustStore trust, Collection<Certificate> extra)
      throws ArtcashException {
    Certificate factory = trust.find(config.factoryKeyId())
        .or(() -> extra.stream().filter(c -> c.subjectKeyId().equals(config.factoryKeyId()))
            .findFirst())
        .orElseThrow(() -> new ArtcashException(Reason.UNKNOWN_ISSUER, "ART "
            + config.artId().shortHex() + " is signed by an unknown ART factory key "
            + config.factoryKeyId().shortHex() + "; the request must include its certificate"));
    trust.validate(factory, CertRole.ART_FACTORY, config.issuedAt(), extra);
    if (!config.verifySignature(factory.publicKey())) {
      throw new ArtcashException(Reason.BAD_SIGNATURE, "ART " + config.artId().shortHex()
          + " is not validly signed by its factory; it has been altered");
    }
  }

  /**
   * One step of the log, without cryptography: the record follows {@code previous} (sequence,
   * link, value) and stays within the ART's limits.
   */
  public static void verifyStep(ArtState previous, PaymentRecord r) throws ArtcashException {
    ArtConfig c = previous.config();
    if (!r.artId().equals(c.artId())) {
      throw new ArtcashException(Reason.ART_STATE_INVALID,
          "the payment is for ART " + r.artId().shortHex() + ", not " + c.artId().shortHex());
    }
    if (r.seq() != previous.seq() + 1) {
      throw new ArtcashException(Reason.ART_STATE_INVALID, "payment #" + r.seq()
          + " does not follow payment #" + previous.seq() + " of ART " + c.artId().shortHex());
    }
    if (!r.prevHash().equals(previous.stateHash())) {
      throw new ArtcashException(Reason.ART_STATE_INVALID, "payment #" + r.seq()
          + " does not extend the ART state it claims to follow (link mismatch)");
    }
    long expected;
    try {
      expected = Math.addExact(previous.aggregate(), r.amount());
    } catch (ArithmeticException e) {
      throw new ArtcashException(Reason.AMOUNT_OVERFLOW, "payment #" + r.seq() + " overflows");
    }
    if (r.aggregate() != expected) {
      throw new ArtcashException(Reason.ART_STATE_INVALID, "payment #" + r.seq()
          + " claims aggregate " + r.aggregate() + " but " + previous.aggregate() + " + "
          + r.amount() + " = " + expected);
    }
    if (r.seq() > c.maxPayments()) {
      throw new ArtcashException(Reason.ART_EXHAUSTED, "ART " + c.artId().shortHex()
          + " allows " + c.maxPayments() + " payments; payment #" + r.seq() + " is one too many");
    }
    if (r.amount() > c.maxSingleAmount().minor()) {
      throw new ArtcashException(Reason.ART_LIMIT_EXCEEDED, "payment of "
          + Amount.of(c.currency(), r.amount()) + " exceeds the ART's single-payment limit "
          + c.maxSingleAmount());
    }
    if (r.aggregate() > c.maxAggregateAmount().minor()) {
      throw new ArtcashException(Reason.ART_LIMIT_EXCEEDED, "payment takes the ART's total to "
          + Amount.of(c.currency(), r.aggregate()) + ", above its limit " + c.maxAggregateAmount());
    }
    if (r.time().isBefore(c.issuedAt()) || r.time().isAfter(c.notAfter())) {
      throw new ArtcashException(Reason.EXPIRED, "payment #" + r.seq() + " is dated " + r.time()
          + ", outside the ART's validity " + c.issuedAt() + " to " + c.notAfter());
    }
  }

  /**
   * The payer's side of a record: the payment-key certificate (blind signature by a valid
   * certification key of the ART's currency, within its class limits, not revoked) and the
   * record's signature by that payment key. Returns the key's class.
   */
  public static PaymentKeyClass verifyPayer(ArtConfig c, PaymentRecord r, TrustStore trust,
      Collection<Certificate> extra) throws ArtcashException {
    PaymentKeyCertificate pkc = r.keyCertificate();
    Certificate certifier = trust.find(pkc.certifierKeyId())
        .or(() -> extra.stream().filter(x -> x.subjectKeyId().equals(pkc.certifierKeyId()))
            .findFirst())
        .orElseThrow(() -> new ArtcashException(Reason.UNKNOWN_ISSUER, "payment #" + r.seq()
            + " uses a payment key certified by an unknown key " + pkc.certifierKeyId().shortHex()
            + "; the token must include the certifier's certificate"));
    trust.validate(certifier, CertRole.PAYMENT_KEY_CERTIFIER, r.time(), extra);
    PaymentKeyClass cls = PaymentKeyClass.decode(certifier.attributes());
    if (!cls.currency().equals(c.currency())) {
      throw new ArtcashException(Reason.CURRENCY_MISMATCH, "payment #" + r.seq()
          + " uses a payment key for " + cls.currency() + " on an ART in " + c.currency());
    }
    if (r.amount() > cls.maxSinglePayment().minor()) {
      throw new ArtcashException(Reason.PAYMENT_KEY_LIMIT, "payment #" + r.seq() + " of "
          + Amount.of(c.currency(), r.amount()) + " exceeds its payment key's limit "
          + cls.maxSinglePayment());
    }
    if (r.keyUse() > cls.maxPayments()) {
      throw new ArtcashException(Reason.PAYMENT_KEY_LIMIT, "payment #" + r.seq()
          + " is use " + r.keyUse() + " of a payment key allowed " + cls.maxPayments() + " uses");
    }
    if (trust.isRevoked(pkc.paymentKeyId())) {
      throw new ArtcashException(Reason.REVOKED, "payment #" + r.seq() + " is signed by payment key "
          + pkc.paymentKeyId().shortHex() + ", which the issuer has revoked");
    }
    if (!pkc.verify(certifier.rsaPublicKey())) {
      throw new ArtcashException(Reason.BAD_SIGNATURE, "payment #" + r.seq()
          + " carries a payment-key certificate that the certifier did not sign");
    }
    if (!r.verifySignature()) {
      throw new ArtcashException(Reason.BAD_SIGNATURE, "payment #" + r.seq()
          + " is not validly signed by its payment key; the token has been altered");
    }
    return cls;
  }

  /**
   * Validity of a state received from a payee: the factory's signature, the last payment's
   * signatures and its place within the limits (sec. 4.1, "control payment").
   */
  public static void verifyState(ArtState s, TrustStore trust, Collection<Certificate> extra)
      throws ArtcashException {
    verifyConfig(s.config(), trust, extra);
    if (s.last().isPresent()) {
      PaymentRecord r = s.last().get();
      if (r.seq() > s.config().maxPayments()
          || r.aggregate() > s.config().maxAggregateAmount().minor()
          || r.amount() > s.config().maxSingleAmount().minor()) {
        throw new ArtcashException(Reason.ART_STATE_INVALID,
            "the ART's last payment breaks the ART's own limits");
      }
      if (r.time().isBefore(s.config().issuedAt()) || r.time().isAfter(s.config().notAfter())) {
        throw new ArtcashException(Reason.ART_STATE_INVALID, "the ART's last payment is dated "
            + r.time() + ", outside the ART's validity " + s.config().issuedAt() + " to "
            + s.config().notAfter());
      }
      verifyPayer(s.config(), r, trust, extra);
    }
  }

  /**
   * Payee acceptance (sec. 2.3): the token extends exactly the state the payee sent, by the agreed
   * amount if one was agreed, and is correctly signed under a valid certificate. Needs only the
   * root of trust. Returns the new state, ready for the next payment request. Chain certificates in
   * the token are only hints: keys the trust store already validated are looked up by id.
   */
  public static ArtState accept(ArtState sent, TransferToken token, Optional<Amount> agreed,
      TrustStore trust) throws ArtcashException {
    if (!token.config().equals(sent.config())) {
      throw new ArtcashException(Reason.NOT_EXPECTED_PAYMENT, "this token is for ART "
          + token.config().artId().shortHex() + ", not the ART " + sent.config().artId().shortHex()
          + " you sent in your request");
    }
    PaymentRecord r = token.record();
    if (r.seq() <= sent.seq()) {
      throw new ArtcashException(Reason.NOT_EXPECTED_PAYMENT, "this token is payment #" + r.seq()
          + ", which was already received on this ART (a replay)");
    }
    if (agreed.isPresent()) {
      agreed.get().requireSameCurrency(token.amount());
      if (agreed.get().minor() != r.amount()) {
        throw new ArtcashException(Reason.AMOUNT_MISMATCH, "the token pays " + token.amount()
            + " but " + agreed.get() + " was agreed; do not hand over the goods");
      }
    }
    verifyStep(sent, r);
    verifyPayer(sent.config(), r, trust, token.chain());
    // The payee keeps its own copy of the configuration: the token's copy is compared by signed
    // body only, so a re-encoded (malleated) factory signature cannot creep into the stored ART.
    return ArtState.after(sent.config(), r);
  }
}
