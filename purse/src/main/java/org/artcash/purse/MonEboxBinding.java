package org.artcash.purse;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.codec.Bytes;
import org.artcash.core.crypto.Ecdsa;
import org.artcash.core.crypto.P256;
import org.artcash.core.money.Amount;
import org.artcash.core.pki.CertRole;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.DeviceAttributes;
import org.artcash.monebox.Binding;
import org.artcash.monebox.PaymentInstruction;
import org.artcash.purse.store.PaymentIntent;
import org.artcash.purse.store.SecretBytes;
import org.artcash.purse.store.StoredBinding;

/**
 * The conductor's secure channel with its MonEbox (de Jong 2024, sec. 4.1): the one-time key
 * agreement with the owner's consent, and the authorisation cryptogram on every approved payment.
 */
final class MonEboxBinding {
  private final PurseContext ctx;
  private final SecureRandom random;

  MonEboxBinding(PurseContext ctx, SecureRandom random) {
    this.ctx = ctx;
    this.random = random;
  }

  boolean isBound() {
    return ctx.store().binding().isBound();
  }

  /**
   * Binds on first use. The owner must have pressed the MonEbox's button just before. The device
   * certificate is checked against the root of trust first, so a false MonEbox never gets a
   * binding; then the MonEbox's signature over the key agreement.
   */
  void bind(List<Certificate> deviceChain, long perPaymentLimit) throws ArtcashException {
    if (isBound()) {
      throw new ArtcashException(Reason.WRONG_STATE, "this e-purse is bound to its MonEbox"
          + " already; to bind another MonEbox, start with a new e-purse database");
    }
    Instant now = ctx.now();
    Certificate device = ctx.box().deviceCertificate();
    try {
      ctx.trust().validate(device, CertRole.DEVICE, now, deviceChain);
    } catch (ArtcashException e) {
      throw new ArtcashException(Reason.NOT_GENUINE_DEVICE, "the MonEbox's device certificate"
          + " does not chain to the root of trust: " + e.getMessage(), e);
    }
    KeyPair host = P256.generate(random);
    byte[] hostPublicKey = P256.encode((ECPublicKey) host.getPublic());
    Binding.Result result = ctx.box().bind(new Binding.Request(hostPublicKey, perPaymentLimit));
    if (result.bindingId() < 0 || result.bindingId() > 0xFF) {
      throw new ArtcashException(Reason.MALFORMED, "the MonEbox answered with binding slot "
          + result.bindingId() + "; a slot number is 0..255");
    }
    byte[] transcript =
        Binding.transcript(hostPublicKey, result.monEboxPublicKey(), result.bindingId());
    if (!Ecdsa.verify(device.publicKey(), transcript, result.deviceSignature())) {
      throw new ArtcashException(Reason.NOT_GENUINE_DEVICE, "the MonEbox did not sign the key"
          + " agreement with its certified device key; do not use this device");
    }
    // The host's private key is needed only for this one agreement; it is not stored.
    byte[] key = Binding.deriveKey(host.getPrivate(), result.monEboxPublicKey(), hostPublicKey,
        result.monEboxPublicKey(), result.bindingId());
    SecretBytes secret = SecretBytes.copyOf(key);
    Arrays.fill(key, (byte) 0);
    try {
      ctx.store().binding().save(new StoredBinding(result.bindingId(), secret,
          Bytes.copyOf(hostPublicKey), Bytes.copyOf(result.monEboxPublicKey()),
          ctx.trust().root(), device, 0, now));
    } finally {
      secret.wipe();
    }
    ctx.store().trustMaterial().addCertificates(deviceChain, now);
  }

  /**
   * Checks that the stored binding was made with this MonEbox, under this root of trust: a
   * database must not be used with another device.
   */
  void checkSameMonEbox() throws ArtcashException {
    var stored = ctx.store().binding().find();
    if (stored.isEmpty()) {
      return;
    }
    StoredBinding b = stored.get();
    b.bindingKey().wipe();
    if (!b.root().equals(ctx.trust().root())) {
      throw new ArtcashException(Reason.NOT_BOUND, "this e-purse database was bound under another"
          + " root of trust (" + b.root().subjectKeyId().shortHex() + "); it cannot be used with"
          + " this MonEbox");
    }
    Certificate device = ctx.box().deviceCertificate();
    if (!b.deviceCertificate().equals(device)) {
      throw new ArtcashException(Reason.NOT_BOUND, "this e-purse database is bound to MonEbox "
          + deviceId(b.deviceCertificate()) + ", not to the connected MonEbox "
          + deviceId(device));
    }
  }

  /**
   * Approves a payment the owner authorised: takes the next approval counter and stores the
   * payment instruction made with it (the cryptogram over binding, counter, amount, ART state and
   * time) as a PENDING intent, in one transaction, before the MonEbox sees it; every retry sends
   * this same instruction. Empty while another intent is PENDING: that one is settled first.
   */
  Optional<PaymentIntent> approve(PaymentRequest request, Amount amount, Instant now)
      throws ArtcashException {
    StoredBinding b = ctx.store().binding().find().orElseThrow(() -> new ArtcashException(
        Reason.NOT_BOUND, "this e-purse is not bound to its MonEbox; press the MonEbox's button"
            + " and bind first"));
    try {
      return ctx.store().intents().open(counter -> {
        byte[] key = b.bindingKey().toByteArray();
        try {
          byte[] mac = Binding.approvalMac(key, b.bindingId(), counter, amount.minor(),
              request.state().stateHash(), now.getEpochSecond());
          return new PaymentInstruction(request, amount.minor(), now, b.bindingId(), counter,
              mac);
        } finally {
          Arrays.fill(key, (byte) 0);
        }
      });
    } finally {
      b.bindingKey().wipe();
    }
  }

  private static String deviceId(Certificate device) {
    try {
      return DeviceAttributes.decode(device.attributes()).deviceId().shortHex();
    } catch (ArtcashException e) {
      return "with key " + device.subjectKeyId().shortHex();
    }
  }
}
