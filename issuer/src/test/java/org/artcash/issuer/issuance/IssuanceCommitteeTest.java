package org.artcash.issuer.issuance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.core.issuance.IssuanceOrder;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.monebox.Personalisation;
import org.junit.jupiter.api.Test;

class IssuanceCommitteeTest {
  private static final Bytes ISSUER_DEVICE = Bytes.fromHex("00112233445566778899aabbccddeeff");
  private final IssuanceCommittee committee = IssuanceCommittee.generate(3, 2, new SecureRandom());
  private final IssuanceOrder draft = IssuanceOrder.draft(ISSUER_DEVICE, 1,
      IssuanceOrder.Kind.ISSUE, Amount.of(Currency.of("EUR"), 1_000_000),
      Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void approve_byAQuorumOfMembers_givesThatManyValidSignatures() throws ArtcashException {
    IssuanceOrder signed = committee.approve(draft, List.of(0, 2));

    assertEquals(2, committee.validSignatures(signed));
    assertEquals(List.of(0, 2), signed.signers());
  }

  @Test
  void approve_byEveryMember_countsEachOnce() throws ArtcashException {
    IssuanceOrder signed = committee.approve(draft, List.of(2, 1, 0, 1));

    assertEquals(3, committee.validSignatures(signed));
  }

  @Test
  void approve_byFewerThanTheQuorum_isQuorumNotMet() {
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> committee.approve(draft, List.of(1)));

    assertEquals(Reason.QUORUM_NOT_MET, e.reason());
  }

  @Test
  void approve_byAnUnknownMember_isAProgrammingError() {
    assertThrows(IllegalArgumentException.class, () -> committee.approve(draft, List.of(0, 3)));
  }

  @Test
  void validSignatures_ofAnotherCommittee_countForNothing() throws ArtcashException {
    IssuanceCommittee impostors = IssuanceCommittee.generate(3, 2, new SecureRandom());

    assertEquals(0, committee.validSignatures(impostors.approve(draft, List.of(0, 1, 2))));
  }

  @Test
  void forPersonalisation_carriesEachMembersPublicKeyAndTheQuorum() {
    Personalisation.Committee installed = committee.forPersonalisation();

    assertEquals(2, installed.quorum());
    assertEquals(3, installed.members().size());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(committee.members().get(i).key().publicKey(), installed.members().get(i));
    }
  }

  @Test
  void committee_quorumLargerThanTheCommittee_isAProgrammingError() {
    assertThrows(IllegalArgumentException.class,
        () -> IssuanceCommittee.generate(2, 3, new SecureRandom()));
  }
}
