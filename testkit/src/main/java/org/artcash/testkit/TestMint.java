package org.artcash.testkit;

import org.artcash.core.ArtcashException;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.ArtState;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.issuance.IssuanceOrder;
import org.artcash.core.money.Amount;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.MonEboxStatus;

/**
 * The issuer's MonEbox in tests (de Jong 2024, sec. 6): creates e-cash on orders signed by two of
 * the three committee members, and pays it out like any payer, through the owner's ART.
 */
public final class TestMint {
  private final TestIssuer issuer;
  private TestParty party;
  private long nextOrder = 1;

  /** Personalises {@code blank} as the issuer's MonEbox, device class 1. */
  public TestMint(TestIssuer issuer, MonEbox blank) throws ArtcashException {
    this.issuer = issuer;
    this.party = TestParty.create(issuer, blank, 1, true);
  }

  public TestParty party() {
    return party;
  }

  /** After a restart of the issuer's MonEbox. */
  public void restartedAs(MonEbox restarted) {
    party = party.restartedAs(restarted);
  }

  public MonEboxStatus.Supply issue(long amount) throws ArtcashException {
    return party.box().execute(issuer.issuanceOrder(party.device().deviceId(), nextOrder++,
        IssuanceOrder.Kind.ISSUE, Amount.of(TestIssuer.EUR, amount), 0, 1));
  }

  /** Pays {@code amount} from the mint's balance into a fresh one-payment ART of {@code owner}. */
  public TransferToken payOut(Bytes owner, long amount) throws ArtcashException {
    ArtConfig art = issuer.freshArt(owner,
        TestIssuer.ArtSpec.standard().withMaxPayments(1).withLimits(amount, amount));
    PaymentRequest request = issuer.paymentRequest(ArtState.fresh(art), amount);
    if (amount > party.box().status().buttonThreshold()) {
      party.box().pressButton();
    }
    return party.pay(issuer, request, amount);
  }

  /** Issues {@code amount}, pays it to {@code p} and has {@code p} redeem it. */
  public void fund(TestParty p, long amount) throws ArtcashException {
    issue(amount);
    p.box().redeem(issuer.forRedemption(payOut(p.pseudonym(), amount)));
  }
}
