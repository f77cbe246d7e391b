package org.artcash.purse;

import static org.artcash.purse.PurseWorld.eur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.Art;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.art.Inspection;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.core.credential.ArtGrant;
import org.artcash.core.credential.ArtRequest;
import org.artcash.core.credential.CertificationRequest;
import org.artcash.core.credential.CertificationResponse;
import org.artcash.core.credential.CredentialService;
import org.artcash.core.pki.RevocationList;
import org.artcash.monebox.MonEboxStatus.PaymentKeyInfo;
import org.artcash.purse.PurseWorld.Party;
import org.artcash.purse.store.ArtStatus;
import org.artcash.testkit.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The credential manager: revocation lists, payment keys, and the ART cycle with the factory. */
class CredentialManagerTest {
  /** ARTs of two payments, so a test can use one up quickly. */
  private static final PursePolicy TWO_PAYMENT_ART = new PursePolicy(1, 2, 500_00, 5_000_00,
      Duration.ofHours(1), Duration.ofDays(1));

  private PurseWorld world;
  private Party payer;

  @BeforeEach
  void setUp() throws Exception {
    world = new PurseWorld();
    payer = world.newParty();
    world.fund(payer, eur(100_00));
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void refresh_onANewEPurse_certifiesAKeyOfEachClassAndFetchesTheTargetNumberOfArts()
      throws Exception {
    Party fresh = world.unbound(PursePolicy.defaults(), false);
    fresh.box().pressButton();
    fresh.purse().bind(world.issuer.deviceChain());

    RefreshReport report = fresh.purse().refresh(world.agents);

    assertEquals(OptionalLong.of(1), report.revocationListInstalled());
    assertEquals(Set.of(TestIssuer.SMALL_CLASS, TestIssuer.LARGE_CLASS),
        report.paymentKeysCertified().stream().map(PaymentKeyInfo::classId)
            .collect(Collectors.toSet()));
    assertEquals(3, report.artsReceived().size());
    PurseStatus status = fresh.purse().status();
    assertEquals(3, status.usableArts());
    assertTrue(status.paymentKeys().stream().allMatch(PaymentKeyInfo::certified));

    RefreshReport again = fresh.purse().refresh(world.agents);
    assertEquals(new RefreshReport(OptionalLong.empty(), List.of(), RedemptionReport.empty(),
        List.of(), List.of()), again, "nothing to do the second time");
  }

  @Test
  void refresh_redeemsAndReturnsAnExhaustedArtWithItsWholeLog_andFetchesAFreshOne()
      throws Exception {
    Party shop = world.newParty(TWO_PAYMENT_ART);
    for (long cents : new long[] {12_00, 8_00}) {
      PaymentRequest request = shop.purse().requestPayment(Optional.of(eur(cents)));
      shop.purse().accept(payer.purse().pay(request, eur(cents)));
    }
    PurseStatus.ArtSummary used = shop.purse().status().arts().get(0);
    assertEquals(ArtStatus.RETIRED, used.status());

    RefreshReport report = shop.purse().refresh(world.agents);

    assertEquals(List.of(used.artId()), report.artsReturned());
    assertEquals(eur(20_00), report.redeemed().credited().get(0).credited());
    assertEquals(eur(20_00), shop.purse().balance());
    Art returned = world.agents.returned().get(0);
    assertEquals(used.artId(), returned.config().artId());
    assertEquals(2, returned.records().size());
    assertEquals(List.of(), Inspection.inspect(returned, world.issuer.rootOnlyTrust()));
    assertEquals(1, report.artsReceived().size());
    assertEquals(1, shop.purse().status().usableArts());
    assertEquals(2, shop.purse().artLog(used.artId()).records().size(), "kept for the auditor");
  }

  @Test
  void refresh_returnsExpiredArts_butKeepsOneInAnOpenRequestForTheGracePeriod()
      throws Exception {
    Party shop = world.newParty();
    PaymentRequest open = shop.purse().requestPayment(Optional.of(eur(5_00)));
    Bytes inUse = open.state().config().artId();
    world.issuer.advance(TestIssuer.ArtSpec.standard().validity().plusHours(2));

    RefreshReport report = shop.purse().refresh(world.agents);

    assertEquals(2, report.artsReturned().size());
    assertTrue(!report.artsReturned().contains(inUse));
    assertEquals(3, report.artsReceived().size());
    world.issuer.advance(Duration.ofDays(1));
    assertEquals(List.of(inUse), shop.purse().refresh(world.agents).artsReturned());
    assertEquals(3, world.agents.returned().size());
  }

  @Test
  void refresh_neverReturnsAnArtWhoseValueCouldNotBeRedeemed() throws Exception {
    Party shop = world.newParty(TWO_PAYMENT_ART);
    for (long cents : new long[] {1_00, 2_00}) {
      PaymentRequest request = shop.purse().requestPayment(Optional.of(eur(cents)));
      shop.purse().accept(payer.purse().pay(request, eur(cents)));
    }
    Bytes used = shop.purse().status().arts().get(0).artId();
    shop.box().failRedemptions(true);

    RefreshReport failed = shop.purse().refresh(world.agents);

    assertEquals(List.of(), failed.redeemed().credited());
    RedemptionReport.Failure failure = failed.redeemed().failed().get(0);
    assertEquals(used, failure.artId());
    assertEquals(eur(3_00), failure.unredeemed());
    assertEquals(Reason.STORAGE_FAILURE, failure.reason());
    assertEquals(List.of(), failed.artsReturned());
    assertEquals(1, failed.artsReceived().size(), "the refresh went on to fetch a fresh ART");
    assertTrue(world.agents.returned().isEmpty());
    assertEquals(eur(3_00), shop.purse().status().unredeemed());

    shop.box().failRedemptions(false);
    assertEquals(1, shop.purse().refresh(world.agents).artsReturned().size());
    assertEquals(eur(3_00), shop.purse().balance());
  }

  @Test
  void refresh_redeemsEveryArtItCan_andReportsTheOneTheMonEboxRefuses() throws Exception {
    Party shop = world.newParty();
    Party honest = world.newParty();
    world.fund(honest, eur(50_00));
    PaymentRequest first = shop.purse().requestPayment(Optional.of(eur(4_00)));
    PaymentRequest second = shop.purse().requestPayment(Optional.of(eur(7_00)));
    TransferToken revokedPayment = payer.purse().pay(first, eur(4_00));
    shop.purse().accept(revokedPayment);
    shop.purse().accept(honest.purse().pay(second, eur(7_00)));
    world.agents.revoke(revokedPayment.record().keyCertificate().paymentKeyId());

    RefreshReport report = shop.purse().refresh(world.agents);

    assertEquals(OptionalLong.of(2), report.revocationListInstalled());
    assertEquals(List.of(second.state().config().artId()), report.redeemed().credited().stream()
        .map(r -> r.artId()).toList());
    RedemptionReport.Failure failure = report.redeemed().failed().get(0);
    assertEquals(first.state().config().artId(), failure.artId());
    assertEquals(Reason.REVOKED, failure.reason());
    assertEquals(eur(4_00), failure.unredeemed());
    assertEquals(eur(7_00), shop.purse().balance());
    assertEquals(eur(4_00), shop.purse().status().unredeemed(), "kept, not returned");

    RedemptionReport again = shop.purse().redeemAll();
    assertEquals(List.of(), again.credited());
    assertEquals(List.of(failure), again.failed(), "tried again, still refused; nothing else");
  }

  @Test
  void refresh_installsANewerRevocationList_afterWhichARevokedPaymentKeyIsRefused()
      throws Exception {
    Party shop = world.newParty();
    PaymentRequest request = shop.purse().requestPayment(Optional.of(eur(4_00)));
    TransferToken token = payer.purse().pay(request, eur(4_00));
    world.agents.revoke(token.record().keyCertificate().paymentKeyId());

    RefreshReport report = shop.purse().refresh(world.agents);

    assertEquals(OptionalLong.of(2), report.revocationListInstalled());
    ArtcashException e = assertThrows(ArtcashException.class, () -> shop.purse().accept(token));
    assertEquals(Reason.REVOKED, e.reason());
    assertEquals(eur(0), shop.purse().status().unredeemed());
  }

  @Test
  void refresh_afterAnInterruptedCertification_finishesItWithoutASecondKeySlot()
      throws Exception {
    Party fresh = world.unbound(PursePolicy.defaults(), false);
    fresh.box().pressButton();
    fresh.purse().bind(world.issuer.deviceChain());
    world.agents.failNextCertifications(1);

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> fresh.purse().refresh(world.agents));
    assertEquals(Reason.RATE_LIMITED, e.reason());
    assertEquals(1, fresh.purse().status().paymentKeys().size());
    assertTrue(!fresh.purse().status().paymentKeys().get(0).certified());

    fresh.purse().refresh(world.agents);

    List<PaymentKeyInfo> keys = fresh.purse().status().paymentKeys();
    assertEquals(2, keys.size(), "one slot per class; the interrupted one was finished");
    assertTrue(keys.stream().allMatch(PaymentKeyInfo::certified));
  }

  @Test
  void refresh_aGrantOfArtsForAnotherOwner_isRefusedAndNothingIsStored() throws Exception {
    Party shop = world.newParty();
    world.issuer.advance(TestIssuer.ArtSpec.standard().validity().plusDays(2));
    Bytes stranger = Bytes.fromHex("0102030405060708090a0b0c0d0e0f10");
    CredentialService misissuing = new CredentialService() {
      @Override
      public List<CertifierOffer> certifiers() {
        return world.agents.certifiers();
      }

      @Override
      public CertificationResponse certify(CertificationRequest request)
          throws ArtcashException {
        return world.agents.certify(request);
      }

      @Override
      public ArtGrant issueArts(ArtRequest request) {
        ArtConfig foreign = world.issuer.freshArt(stranger);
        return new ArtGrant(List.of(world.issuer.freshArt(request.pseudonym()), foreign),
            world.issuer.factoryChain());
      }

      @Override
      public void returnArts(List<Art> used) {
        world.agents.returnArts(used);
      }

      @Override
      public RevocationList revocationList() {
        return world.agents.revocationList();
      }
    };

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> shop.purse().refresh(misissuing));

    assertEquals(Reason.FOREIGN_ART, e.reason());
    assertEquals(0, shop.purse().status().usableArts());
    assertTrue(shop.purse().status().arts().isEmpty(), "the expired ones went back, none came");
  }
}
