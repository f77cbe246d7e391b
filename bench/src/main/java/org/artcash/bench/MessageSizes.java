package org.artcash.bench;

import java.util.List;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.pki.Certificate;
import org.artcash.core.text.ArtcashUri;

/**
 * Prints the encoded sizes of the payment messages for docs/PERFORMANCE.md: {@code java -cp
 * bench/target/benchmarks.jar org.artcash.bench.MessageSizes}. Sizes do not depend on the keys
 * (signatures are fixed-length r||s), only on the chains the issuer's test setup puts in.
 */
public final class MessageSizes {
  private MessageSizes() {}

  public static void main(String[] args) throws Exception {
    Fixtures.Scene scene = Fixtures.scene();
    PaymentRequest second = scene.request();
    PaymentRequest first = scene.issuer().paymentRequest(
        ArtState.fresh(second.state().config()), 12_50);
    TransferToken token = scene.token();

    System.out.printf("%-50s %5s %10s %9s%n", "message", "bytes", "link chars", "QR chars");
    row("PaymentRequest, fresh ART (" + chain(first.chain()) + ")", "request", first.encode());
    row("PaymentRequest, ART with 1 payment (" + chain(second.chain()) + ")", "request",
        second.encode());
    row("TransferToken (" + chain(token.chain()) + ")", "token", token.encode());
    System.out.println();
    System.out.println("parts: ART config " + token.config().encode().length
        + " bytes, payment record " + token.record().encode().length
        + " bytes (payment-key certificate " + token.record().keyCertificate().encode().length
        + "), certificates " + sizes(token.chain()) + " and " + sizes(second.chain())
        + " bytes");
  }

  private static void row(String name, String kind, byte[] encoded) {
    System.out.printf("%-50s %5d %10d %9d%n", name, encoded.length,
        ArtcashUri.encode(kind, encoded, ArtcashUri.Form.LINK).length(),
        ArtcashUri.encode(kind, encoded, ArtcashUri.Form.QR).length());
  }

  private static String chain(List<Certificate> chain) {
    return "chain of " + chain.size();
  }

  private static String sizes(List<Certificate> chain) {
    return chain.stream().map(c -> c.role() + " " + c.encode().length).toList().toString();
  }
}
