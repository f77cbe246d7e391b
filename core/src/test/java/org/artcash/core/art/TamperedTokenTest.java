package org.artcash.core.art;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;
import org.artcash.core.pki.TrustStore;
import org.junit.jupiter.api.Test;

/**
 * The payee's acceptance against a table of tampered tokens: every field of the payment changed,
 * signatures swapped, payee swapped, amount changed, replayed, truncated. Each must be rejected with
 * its own reason and a message that says what is wrong.
 */
class TamperedTokenTest {
  private final CoreFixture fx = CoreFixture.shared();
  private final TrustStore trust = fx.trust();
  private final ArtConfig art = fx.art("Bakery Jansen", 10, 5000, 20000);
  private final ArtState sent = ArtState.fresh(art);
  private final TransferToken good = fx.pay(sent, 1250);
  private final Optional<Amount> agreed = Optional.of(Amount.of(CoreFixture.EUR, 1250));

  private record Case(String name, Reason expected, String messagePart, Attempt attempt) {}

  @FunctionalInterface
  private interface Attempt {
    void run() throws ArtcashException;
  }

  private TransferToken withFields(Function<PaymentRecord.Fields, PaymentRecord.Fields> change) {
    PaymentRecord r = good.record();
    return new TransferToken(art, PaymentRecord.of(change.apply(r.fields()), r.signature()),
        good.chain());
  }

  private Attempt accepting(TransferToken t) {
    return () -> ArtRules.accept(sent, t, agreed, trust);
  }

  private Attempt acceptingBytes(byte[] encoded) {
    return () -> ArtRules.accept(sent, TransferToken.decode(encoded), agreed, trust);
  }

  @Test
  void goodToken_isAccepted_andExtendsTheArtByTheAgreedAmount() throws Exception {
    ArtState next = ArtRules.accept(sent, good, agreed, trust);
    assertEquals(1, next.seq());
    assertEquals(1250, next.aggregate());
    assertEquals(next, ArtRules.accept(sent, TransferToken.decode(good.encode()), agreed, trust));
  }

  @Test
  void everyTamperedToken_isRejectedWithItsOwnReason() throws Exception {
    PaymentRecord r = good.record();
    PaymentKeyCertificate pkc = r.keyCertificate();
    CoreFixture.Payer other = fx.newPayer();
    TransferToken otherSigned = fx.pay(sent, 1250, r.time(), other, 1);
    ArtConfig otherPayeeArt = fx.art("Someone Else", 10, 5000, 20000);
    TransferToken forOtherPayee = fx.pay(ArtState.fresh(otherPayeeArt), 1250);
    byte[] encoded = good.encode();
    byte[] certifier = fx.certifierCert.encode();
    certifier[certifier.length - 2] ^= 0x01; // inside the CA's signature on the certifier's key
    TransferToken badChain = new TransferToken(art, r,
        List.of(org.artcash.core.pki.Certificate.decode(certifier), fx.caCert));

    List<Case> cases = List.of(
        new Case("sequence number changed", Reason.ART_STATE_INVALID, "does not follow",
            accepting(withFields(f -> new PaymentRecord.Fields(f.artId(), 2, f.amount(),
                f.aggregate(), f.time(), f.prevHash(), f.keyUse(), f.keyCertificate())))),
        new Case("amount changed", Reason.AMOUNT_MISMATCH, "was agreed",
            accepting(withFields(f -> new PaymentRecord.Fields(f.artId(), f.seq(), 1300,
                1300, f.time(), f.prevHash(), f.keyUse(), f.keyCertificate())))),
        new Case("aggregate changed", Reason.ART_STATE_INVALID, "claims aggregate",
            accepting(withFields(f -> new PaymentRecord.Fields(f.artId(), f.seq(), f.amount(),
                9999, f.time(), f.prevHash(), f.keyUse(), f.keyCertificate())))),
        new Case("time changed", Reason.BAD_SIGNATURE, "not validly signed by its payment key",
            accepting(withFields(f -> new PaymentRecord.Fields(f.artId(), f.seq(), f.amount(),
                f.aggregate(), f.time().plusSeconds(60), f.prevHash(), f.keyUse(),
                f.keyCertificate())))),
        new Case("time moved outside the ART's validity", Reason.EXPIRED, "outside the ART's validity",
            accepting(withFields(f -> new PaymentRecord.Fields(f.artId(), f.seq(), f.amount(),
                f.aggregate(), art.notAfter().plus(Duration.ofDays(1)), f.prevHash(), f.keyUse(),
                f.keyCertificate())))),
        new Case("link to previous state changed", Reason.ART_STATE_INVALID, "link mismatch",
            accepting(withFields(f -> new PaymentRecord.Fields(f.artId(), f.seq(), f.amount(),
                f.aggregate(), f.time(), Bytes.copyOf(new byte[32]), f.keyUse(),
                f.keyCertificate())))),
        new Case("key use counter changed", Reason.BAD_SIGNATURE, "not validly signed",
            accepting(withFields(f -> new PaymentRecord.Fields(f.artId(), f.seq(), f.amount(),
                f.aggregate(), f.time(), f.prevHash(), 7, f.keyCertificate())))),
        new Case("key use beyond the class limit", Reason.PAYMENT_KEY_LIMIT, "allowed 100 uses",
            accepting(withFields(f -> new PaymentRecord.Fields(f.artId(), f.seq(), f.amount(),
                f.aggregate(), f.time(), f.prevHash(), 101, f.keyCertificate())))),
        new Case("certifier of the payment key changed", Reason.UNKNOWN_ISSUER, "unknown key",
            accepting(withFields(f -> new PaymentRecord.Fields(f.artId(), f.seq(), f.amount(),
                f.aggregate(), f.time(), f.prevHash(), f.keyUse(),
                PaymentKeyCertificate.of(CoreFixture.random16(), pkc.paymentPublicKey(),
                    pkc.prefix(), pkc.signature()))))),
        new Case("payment key swapped in its certificate", Reason.BAD_SIGNATURE,
            "certifier did not sign",
            accepting(withFields(f -> new PaymentRecord.Fields(f.artId(), f.seq(), f.amount(),
                f.aggregate(), f.time(), f.prevHash(), f.keyUse(),
                PaymentKeyCertificate.of(pkc.certifierKeyId(), other.key().publicKey(),
                    pkc.prefix(), pkc.signature()))))),
        new Case("certificate prefix changed", Reason.BAD_SIGNATURE, "certifier did not sign",
            accepting(withFields(f -> new PaymentRecord.Fields(f.artId(), f.seq(), f.amount(),
                f.aggregate(), f.time(), f.prevHash(), f.keyUse(),
                PaymentKeyCertificate.of(pkc.certifierKeyId(), pkc.paymentPublicKey(),
                    new byte[32], pkc.signature()))))),
        new Case("blind signature swapped for another key's", Reason.BAD_SIGNATURE,
            "certifier did not sign",
            accepting(withFields(f -> new PaymentRecord.Fields(f.artId(), f.seq(), f.amount(),
                f.aggregate(), f.time(), f.prevHash(), f.keyUse(),
                PaymentKeyCertificate.of(pkc.certifierKeyId(), pkc.paymentPublicKey(),
                    pkc.prefix(), other.certificate().signature()))))),
        new Case("payment signature swapped", Reason.BAD_SIGNATURE, "not validly signed",
            accepting(new TransferToken(art, PaymentRecord.of(r.fields(),
                otherSigned.record().signature()), good.chain()))),
        new Case("payee swapped (token for another ART)", Reason.NOT_EXPECTED_PAYMENT,
            "not the ART", accepting(forOtherPayee)),
        new Case("ART configuration swapped in the token", Reason.NOT_EXPECTED_PAYMENT,
            "not the ART", accepting(new TransferToken(otherPayeeArt,
                forOtherPayee.record(), good.chain()))),
        new Case("replayed after acceptance", Reason.NOT_EXPECTED_PAYMENT, "replay",
            () -> ArtRules.accept(ArtRules.accept(sent, good, agreed, trust), good, agreed, trust)),
        new Case("truncated", Reason.TRUNCATED, "ends inside",
            acceptingBytes(Arrays.copyOf(encoded, encoded.length - 10))),
        new Case("trailing bytes", Reason.TRAILING_BYTES, "unexpected bytes",
            acceptingBytes(Arrays.copyOf(encoded, encoded.length + 3))),
        new Case("certifier certificate corrupted (payee has no cached chain)",
            Reason.BAD_SIGNATURE, "not validly signed by its issuer",
            () -> ArtRules.accept(sent, badChain, agreed, fx.trust())));

    List<String> failures = new ArrayList<>();
    for (Case c : cases) {
      try {
        c.attempt.run();
        failures.add(c.name + ": was accepted");
      } catch (ArtcashException e) {
        if (e.reason() != c.expected || !e.getMessage().contains(c.messagePart)) {
          failures.add(c.name + ": got " + e.reason() + " '" + e.getMessage() + "'");
        }
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /** Every byte of the signed payment and of the ART body matters; flipping any one is refused. */
  @Test
  void everySingleByteFlip_inThePaymentOrTheArtBody_isRejected() throws Exception {
    byte[] record = good.record().encode();
    byte[] configBody = art.body();
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < record.length; i++) {
      byte[] b = record.clone();
      b[i] ^= 0x40;
      if (acceptedBy(() -> new TransferToken(art, PaymentRecord.decode(b), good.chain()))) {
        accepted.add("record byte " + i);
      }
    }
    byte[] config = art.encode();
    for (int i = 0; i < configBody.length; i++) {
      byte[] b = config.clone();
      b[i] ^= 0x40;
      if (acceptedBy(() -> new TransferToken(ArtConfig.decode(b), good.record(), good.chain()))) {
        accepted.add("ART byte " + i);
      }
    }
    if (!accepted.isEmpty()) {
      fail("flips accepted: " + accepted);
    }
  }

  @FunctionalInterface
  private interface TokenMaker {
    TransferToken make() throws ArtcashException;
  }

  private boolean acceptedBy(TokenMaker maker) {
    try {
      ArtRules.accept(sent, maker.make(), agreed, fx.trust());
      return true;
    } catch (ArtcashException | IllegalArgumentException refused) {
      return false;
    }
  }
}
