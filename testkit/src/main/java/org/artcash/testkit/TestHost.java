package org.artcash.testkit;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.crypto.Ecdsa;
import org.artcash.core.crypto.P256;
import org.artcash.monebox.Binding;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.PaymentInstruction;

/**
 * The e-purse software's side of a binding (de Jong 2024, sec. 4.1), for tests: agrees the binding
 * key with a MonEbox and makes approval cryptograms with a counter that goes up by one each time.
 */
public final class TestHost {
  private final int bindingId;
  private final byte[] bindingKey;
  private long counter;

  private TestHost(int bindingId, byte[] bindingKey) {
    this.bindingId = bindingId;
    this.bindingKey = bindingKey;
  }

  /**
   * Presses the MonEbox button (the owner's consent) and binds; checks the device signature over
   * the binding transcript with the device certificate. {@code perPaymentLimit} 0 means none.
   */
  public static TestHost pressAndBind(MonEbox box, long perPaymentLimit) throws ArtcashException {
    box.pressButton();
    return bind(box, perPaymentLimit);
  }

  /** Binds without pressing the button first (the MonEbox refuses unless it was pressed). */
  public static TestHost bind(MonEbox box, long perPaymentLimit) throws ArtcashException {
    KeyPair host = P256.generate(new SecureRandom());
    byte[] hostPublic = P256.encode((ECPublicKey) host.getPublic());
    Binding.Result result = box.bind(new Binding.Request(hostPublic, perPaymentLimit));
    byte[] transcript =
        Binding.transcript(hostPublic, result.monEboxPublicKey(), result.bindingId());
    if (!Ecdsa.verify(box.deviceCertificate().publicKey(), transcript, result.deviceSignature())) {
      throw new ArtcashException(Reason.NOT_GENUINE_DEVICE,
          "the binding is not signed by the MonEbox's certified device key");
    }
    byte[] key = Binding.deriveKey((ECPrivateKey) host.getPrivate(), result.monEboxPublicKey(),
        hostPublic, result.monEboxPublicKey(), result.bindingId());
    return new TestHost(result.bindingId(), key);
  }

  public int bindingId() {
    return bindingId;
  }

  /** The last counter used; the next approval uses one more. */
  public long counter() {
    return counter;
  }

  /** Approves paying {@code amount} on the request's ART state with the next counter. */
  public PaymentInstruction approve(PaymentRequest request, long amount, Instant hostTime) {
    counter++;
    return approve(request, amount, hostTime, counter);
  }

  /** Approves with a counter the test chooses (for replay tests); does not move the counter. */
  public PaymentInstruction approve(PaymentRequest request, long amount, Instant hostTime,
      long withCounter) {
    Instant time = hostTime.truncatedTo(ChronoUnit.SECONDS);
    byte[] mac = Binding.approvalMac(bindingKey, bindingId, withCounter, amount,
        request.state().stateHash(), time.getEpochSecond());
    return new PaymentInstruction(request, amount, time, bindingId, withCounter, mac);
  }
}
