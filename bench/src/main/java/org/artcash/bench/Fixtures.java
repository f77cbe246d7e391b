package org.artcash.bench;

import java.security.SecureRandom;
import org.artcash.core.ArtcashException;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtRules;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.credential.CredentialService.CertifierOffer;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.software.InMemoryMonotonicCounter;
import org.artcash.monebox.software.InMemoryStateStore;
import org.artcash.monebox.software.SoftwareMonEbox;
import org.artcash.testkit.TestIssuer;
import org.artcash.testkit.TestMint;
import org.artcash.testkit.TestParty;

/**
 * What the benchmarks pay with, built from the testkit's issuer: funded payers, and a realistic
 * payment to accept (an ART that already holds one payment, paid again by another MonEbox).
 */
final class Fixtures {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Fixtures() {}

  /** The realistic case: the state the payee sent (one earlier payment) and the token it got. */
  record Scene(TestIssuer issuer, PaymentRequest request, TransferToken token, ArtState sent) {}

  static Scene scene() throws ArtcashException {
    TestIssuer issuer = TestIssuer.create();
    TestMint mint = new TestMint(issuer, memoryBox());
    TestParty earlier = TestParty.create(issuer, memoryBox(), 0, false);
    TestParty payer = TestParty.create(issuer, memoryBox(), 0, false);
    mint.fund(earlier, 100_00);
    mint.fund(payer, 100_00);
    ArtConfig art = issuer.freshArt(randomId());
    PaymentRequest first = issuer.paymentRequest(ArtState.fresh(art), 12_50);
    TransferToken firstToken = earlier.pay(issuer, first, 12_50);
    ArtState afterFirst = ArtRules.accept(first.state(), firstToken, first.requestedAmount(),
        issuer.rootOnlyTrust());
    PaymentRequest second = issuer.paymentRequest(afterFirst, 7_30);
    TransferToken token = payer.pay(issuer, second, 7_30);
    return new Scene(issuer, second, token, afterFirst);
  }

  static SoftwareMonEbox memoryBox() {
    return SoftwareMonEbox.open(new InMemoryStateStore(), new InMemoryMonotonicCounter());
  }

  static Bytes randomId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return Bytes.copyOf(b);
  }

  /**
   * Certifies a new payment key of the offered class when the MonEbox has none with uses left
   * (the testkit's classes allow 100 and 20 uses); returns true when it did. A used-up key's slot
   * is reused.
   */
  static boolean ensurePaymentKey(TestIssuer issuer, MonEbox box, CertifierOffer offer,
      int classId) throws ArtcashException {
    boolean usable = box.status().paymentKeys().stream()
        .anyMatch(k -> k.certified() && k.classId() == classId && k.usesLeft() > 0);
    if (!usable) {
      issuer.equipPaymentKey(box, offer);
    }
    return !usable;
  }

  /**
   * Tops {@code p} up by {@code amount} from the mint when its balance is below {@code needed};
   * returns true when it did.
   */
  static boolean ensureBalance(TestIssuer issuer, TestMint mint, TestParty p, long needed,
      long amount) throws ArtcashException {
    if (p.box().balance().minor() >= needed) {
      return false;
    }
    ensurePaymentKey(issuer, mint.party().box(), issuer.largeCertifier(), TestIssuer.LARGE_CLASS);
    mint.fund(p, amount);
    return true;
  }
}
