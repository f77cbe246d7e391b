package org.artcash.monebox.card;

import java.util.Locale;
import org.artcash.core.art.ArtRules;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.testkit.TestIssuer;
import org.artcash.testkit.TestMint;
import org.artcash.testkit.TestParty;

/**
 * Prints the payment figures of docs/CARD.md ("Performance"): APDUs and bytes per payment in both
 * transports, and payments per second through the driver on jCardSim. Not a test; it asserts
 * nothing. Lives with the tests because it uses the test issuer. Run:
 *
 * <pre>
 * ./mvnw -q -ntp -pl monebox-card exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.artcash.monebox.card.CardPaymentFigures \
 *   -Dcom.licel.jcardsim.randomdata.secure=1
 * </pre>
 */
public final class CardPaymentFigures {
  private static final int TIMED_PAYMENTS = 60;

  private CardPaymentFigures() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty("com.licel.jcardsim.randomdata.secure") == null) {
      System.setProperty("com.licel.jcardsim.randomdata.secure", "1");
    }
    TestIssuer issuer = TestIssuer.create();
    System.out.println("| transport | payment | APDUs | bytes to card | bytes from card |");
    System.out.println("|---|---|---|---|---|");
    for (CardTransport.Mode mode : CardTransport.Mode.values()) {
      TestParty payer = TestParty.create(issuer, CardMonEbox.onSimulator(mode), 0, false);
      new TestMint(issuer, CardMonEbox.onSimulator()).fund(payer, 90_00);
      CardTransport t = ((CardMonEbox) payer.box()).transport();
      PaymentRequest first = issuer.paymentRequest(ArtState.fresh(issuer.freshArt(payee())), 1_00);
      TransferToken token = measure(mode, "on a fresh ART", t, () -> payer.pay(issuer, first, 1_00));
      ArtState after = ArtRules.accept(first.state(), token, first.requestedAmount(),
          issuer.rootOnlyTrust());
      PaymentRequest next = issuer.paymentRequest(after, 1_00);
      measure(mode, "after a payment (PSS + 2 ECDSA checks)", t,
          () -> payer.pay(issuer, next, 1_00));
    }
    TestParty payer = TestParty.create(issuer, CardMonEbox.onSimulator(), 0, false);
    new TestMint(issuer, CardMonEbox.onSimulator()).fund(payer, 90_00);
    PaymentRequest[] requests = new PaymentRequest[TIMED_PAYMENTS];
    for (int i = 0; i < TIMED_PAYMENTS; i++) {
      requests[i] = issuer.paymentRequest(ArtState.fresh(issuer.freshArt(payee())), 1_00);
    }
    for (int i = 0; i < 5; i++) { // warm-up: JIT and the card's certificate table
      payer.pay(issuer, requests[i], 1_00);
    }
    long start = System.nanoTime();
    for (int i = 5; i < TIMED_PAYMENTS; i++) {
      payer.pay(issuer, requests[i], 1_00);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int n = TIMED_PAYMENTS - 5;
    System.out.printf(Locale.ROOT, "%nextended APDUs, jCardSim: %d payments in %.2f s ="
        + " %.1f payments/s (%.1f ms each)%n", n, seconds, n / seconds, 1000 * seconds / n);
    System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
        + System.getProperty("java.version"));
  }

  private interface Payment {
    TransferToken run() throws Exception;
  }

  private static TransferToken measure(CardTransport.Mode mode, String what, CardTransport t,
      Payment payment) throws Exception {
    long apdus = t.apdus();
    long out = t.bytesSent();
    long in = t.bytesReceived();
    TransferToken token = payment.run();
    System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %d |%n", mode, what, t.apdus() - apdus,
        t.bytesSent() - out, t.bytesReceived() - in);
    return token;
  }

  private static Bytes payee() {
    return Bytes.copyOf(new byte[16]);
  }
}
