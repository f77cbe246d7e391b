package org.artcash.monebox;

import java.time.Instant;
import java.util.List;
import org.artcash.core.ArtcashException;
import org.artcash.core.art.TransferToken;
import org.artcash.core.credential.ArtRequest;
import org.artcash.core.credential.CertificationRequest;
import org.artcash.core.credential.CertificationResponse;
import org.artcash.core.issuance.IssuanceOrder;
import org.artcash.core.money.Amount;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.RevocationList;

/**
 * The secure device of an e-purse, which alone holds and moves money (de Jong 2024, sec. 4.2). Two
 * implementations keep the same contract: {@code SoftwareMonEbox} and the Java Card applet behind a
 * host driver. Every operation that changes state is atomic: it either completes and is stored
 * before it returns, or changes nothing. The MonEbox has no clock: its "now" is the newest
 * issuer-signed time it has seen, or the host's time when that is later (docs/PROTOCOL.md).
 */
public interface MonEbox {

  MonEboxStatus status() throws ArtcashException;

  // --- life cycle (sec. 4.2 iv-vi, viii)

  /** BLANK to KEYED: generates the device key pair inside; returns the 65-byte public key. */
  byte[] generateDeviceKey() throws ArtcashException;

  /** KEYED to ACTIVE: installs root of trust, device certificate, pseudonym and limits. */
  void personalise(Personalisation p) throws ArtcashException;

  /** The root of trust installed at personalisation; the host validates credentials with it. */
  Certificate rootOfTrust() throws ArtcashException;

  /** The device certificate (for binding and sealed requests). */
  Certificate deviceCertificate() throws ArtcashException;

  // --- binding and approval (sec. 4.1, sec. 4.2)

  /**
   * Physical button press: arms the owner's consent for the next {@link #bind}, {@link #pay} or
   * {@link #setButtonThreshold} attempted, which uses it up whatever its outcome; a payment refused
   * before its approval verified (NOT_BOUND, APPROVAL_INVALID) leaves it armed. In simulation this
   * is an explicit call.
   */
  void pressButton() throws ArtcashException;

  /** Agrees a binding key with a host, with the owner's consent (a button press first). */
  Binding.Result bind(Binding.Request request) throws ArtcashException;

  /** The owner may lower the button threshold, never raise it above the issuer's. */
  void setButtonThreshold(long threshold) throws ArtcashException;

  // --- the payment (sec. 2.3, diagram 2)

  /**
   * atxr: checks the approval, the ART (chain, expiry, counts and amounts, last payment valid), the
   * payment key's limits and the balance; debits, appends and signs the payment record, stores the
   * result, then returns it. The same instruction again returns the same token; a different amount
   * on the same ART state is refused.
   */
  TransferToken pay(PaymentInstruction instruction) throws ArtcashException;

  /** Credits the not yet redeemed aggregate of one of this MonEbox's own ARTs, exactly once. */
  RedeemResult redeem(TransferToken latest) throws ArtcashException;

  Amount balance() throws ArtcashException;

  // --- credentials (sec. 3.3)

  /**
   * Generates a payment key inside, blinds its certification message for the given certification
   * key, seals the request with the device key. The chain must lead from the certifier to the root.
   */
  CertificationRequest requestPaymentKeyCertification(Certificate certifier, List<Certificate> chain,
      Instant hostTime) throws ArtcashException;

  /** Unblinds the certifier's answer, checks it, and makes the payment key usable. */
  MonEboxStatus.PaymentKeyInfo installPaymentKeyCertificate(CertificationResponse response)
      throws ArtcashException;

  /** A sealed request for fresh ARTs for this MonEbox's pseudonym. */
  ArtRequest requestArts(ArtRequest.Wish wish, Instant hostTime) throws ArtcashException;

  /** Installs a newer signed revocation list (older ones are ignored). */
  void updateRevocationList(RevocationList list, List<Certificate> chain) throws ArtcashException;

  // --- issuance (issuer's MonEbox only, sec. 6)

  /** Executes an issuance order signed by k of the n committee keys; idempotent per order number. */
  MonEboxStatus.Supply execute(IssuanceOrder order) throws ArtcashException;

  // --- tamper response (sec. 4.2 ix-x)

  /** A tamper signal: destroys the payment keys, keeps the balance, refuses to pay from now on. */
  void tamper() throws ArtcashException;

  /** In DISABLED state: a device-signed statement of the saved balance for the issuer. */
  RecoveryStatement recoveryStatement() throws ArtcashException;
}
