package org.artcash.issuer.certification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.core.credential.CertificationRequest;
import org.artcash.core.credential.CertificationResponse;
import org.artcash.core.credential.CredentialService.CertifierOffer;
import org.artcash.core.pki.CertRole;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.DeviceAttributes;
import org.artcash.core.pki.PaymentKeyClass;
import org.artcash.core.pki.TrustStore;
import org.artcash.issuer.device.MonEboxManagement;
import org.artcash.issuer.store.CertificationLedger;

/**
 * The payment key certification component (de Jong 2024, sec. 3.3, fig. 9): blind-signs payment
 * keys for genuine, active MonEboxes of a strong enough class, a limited number per device, class
 * and period. It sees only the blinded message, so it can never link a payment key to the device.
 */
public final class PaymentKeyCertification {
  private final Map<Bytes, Certifier> certifiers = new LinkedHashMap<>();
  private final Certificate caCertificate;
  private final MonEboxManagement devices;
  private final TrustStore trust;
  private final CertificationLedger ledger;
  private final Duration quotaPeriod;

  /**
   * @param quotaPeriod the length of a quota period; periods are aligned to the Unix epoch
   */
  public PaymentKeyCertification(List<Certifier> certifiers, Certificate caCertificate,
      MonEboxManagement devices, TrustStore trust, CertificationLedger ledger,
      Duration quotaPeriod) {
    for (Certifier c : certifiers) {
      if (this.certifiers.putIfAbsent(c.keyId(), c) != null) {
        throw new IllegalArgumentException("certifier key " + c.keyId().hex() + " given twice");
      }
    }
    this.caCertificate = Objects.requireNonNull(caCertificate, "caCertificate");
    this.devices = Objects.requireNonNull(devices, "devices");
    this.trust = Objects.requireNonNull(trust, "trust");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    if (quotaPeriod.getSeconds() < 1 || quotaPeriod.getNano() != 0) {
      throw new IllegalArgumentException("the quota period is a positive number of seconds");
    }
    this.quotaPeriod = quotaPeriod;
  }

  public List<Certifier> certifiers() {
    return List.copyOf(certifiers.values());
  }

  /** The certification keys usable at {@code now} (valid, not revoked), each with its chain. */
  public List<CertifierOffer> offers(Instant now) {
    List<CertifierOffer> out = new ArrayList<>();
    for (Certifier c : certifiers.values()) {
      try {
        trust.validate(c.certificate(), CertRole.PAYMENT_KEY_CERTIFIER, now, List.of());
        out.add(new CertifierOffer(c.certificate(), List.of(caCertificate)));
      } catch (ArtcashException notUsable) {
        // expired, not yet valid or revoked: not on offer
      }
    }
    return out;
  }

  /**
   * Blind-signs the payment key in a sealed request. Checks, in order: the device's seal, that the
   * device is genuine and ACTIVE, that the certification key is known and valid now, that the
   * device's class is strong enough for the key's class, and the device's quota for the period. A
   * retried request gets the same answer and uses no quota.
   *
   * @throws ArtcashException {@link Reason#BAD_SIGNATURE}, {@link Reason#NOT_GENUINE_DEVICE},
   *     {@link Reason#DEVICE_NOT_ACTIVE}, {@link Reason#UNKNOWN_ISSUER}, {@link Reason#EXPIRED},
   *     {@link Reason#REVOKED}, {@link Reason#WRONG_DEVICE_CLASS}, {@link Reason#RATE_LIMITED},
   *     {@link Reason#MALFORMED} (blinded message of the wrong size)
   */
  public CertificationResponse certify(CertificationRequest request, Instant now)
      throws ArtcashException {
    if (!request.verifySeal()) {
      throw new ArtcashException(Reason.BAD_SIGNATURE, "the certification request is not sealed"
          + " by the MonEbox whose certificate it carries; it was altered or forged");
    }
    DeviceAttributes device = devices.requireActive(request.deviceCertificate(), trust, now);
    Certifier certifier = certifiers.get(request.certifierKeyId());
    if (certifier == null) {
      throw new ArtcashException(Reason.UNKNOWN_ISSUER, "there is no certification key "
          + request.certifierKeyId().hex() + " here; fetch the current offers and ask one of them");
    }
    trust.validate(certifier.certificate(), CertRole.PAYMENT_KEY_CERTIFIER, now, List.of());
    PaymentKeyClass keyClass = certifier.keyClass();
    if (device.deviceClass() < keyClass.minDeviceClass()) {
      throw new ArtcashException(Reason.WRONG_DEVICE_CLASS, "this MonEbox is of security class "
          + device.deviceClass() + "; payment keys of class '" + certifier.name() + "' (payments"
          + " up to " + keyClass.maxSinglePayment() + ") need class " + keyClass.minDeviceClass()
          + " or stronger. Ask for a class this MonEbox may hold.");
    }
    byte[] blinded = request.blindedMessage();
    byte[] signature;
    try {
      signature = ledger.issueOnce(request.requestHash(), device.deviceId(), certifier.keyId(),
          periodStart(now), certifier.maxPerDevicePerPeriod(),
          () -> certifier.key().blindSign(blinded));
    } catch (ArtcashException e) {
      if (e.reason() != Reason.RATE_LIMITED) {
        throw e;
      }
      throw new ArtcashException(Reason.RATE_LIMITED, e.getMessage() + " ('" + certifier.name()
          + "', at most " + certifier.maxPerDevicePerPeriod() + "); ask again from "
          + periodEnd(now), e);
    }
    return new CertificationResponse(request.requestHash(), certifier.keyId(), signature);
  }

  /** The start of the quota period containing {@code now}. */
  public Instant periodStart(Instant now) {
    long length = quotaPeriod.getSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), length) * length);
  }

  /** The end of the quota period containing {@code now}: when a rate-limited device may ask again. */
  public Instant periodEnd(Instant now) {
    return periodStart(now).plus(quotaPeriod);
  }
}
