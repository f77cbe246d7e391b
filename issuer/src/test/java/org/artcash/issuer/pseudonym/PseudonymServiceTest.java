package org.artcash.issuer.pseudonym;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.issuer.store.PayeeInfoRegister;
import org.artcash.issuer.store.PseudonymRecord;
import org.artcash.issuer.testing.TestDevice;
import org.artcash.issuer.testing.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PseudonymServiceTest {
  private static final IdentityDetails JANSEN = new IdentityDetails("Anna  Jansen",
      LocalDate.of(1980, 5, 17), "nl", "Oudegracht 1, 3511 AA Utrecht", "NL passport NX1234567");
  private static final IdentityDetails DE_VRIES = new IdentityDetails("Piet de Vries",
      LocalDate.of(1975, 1, 2), "NL", "Dorpsstraat 2, Zeist", "NL identity card IB7654321");

  private final TestIssuer issuer = TestIssuer.onH2();
  private final PseudonymService service = issuer.system.pseudonyms();

  @AfterEach
  void close() {
    issuer.close();
  }

  private Bytes newDeviceId() {
    return TestDevice.randomBytes(issuer.random);
  }

  @Test
  void register_anonymousUser_getsARandomPseudonymWithoutIdentity() throws ArtcashException {
    Bytes device = newDeviceId();

    Bytes pseudonym = service.register(device, Optional.empty(), "Market stall 12",
        issuer.now());

    assertEquals(PseudonymService.PSEUDONYM_LENGTH, pseudonym.length());
    PseudonymRecord record = issuer.db.pseudonyms().find(pseudonym).orElseThrow();
    assertTrue(record.anonymous());
    assertEquals(device, record.deviceId());
    RegisteredPseudonym found = service.find(pseudonym).orElseThrow();
    assertTrue(found.anonymous());
    assertEquals("Market stall 12", found.payeeInfo());
  }

  @Test
  void register_identifiedUser_sealsTheDetailsUnderTheirKeyedReference()
      throws ArtcashException {
    Bytes pseudonym = service.register(newDeviceId(), Optional.of(JANSEN),
        "Bakery Jansen, Utrecht", issuer.now());

    PseudonymRecord record = issuer.db.pseudonyms().find(pseudonym).orElseThrow();
    Bytes ref = record.identityRef().orElseThrow();
    assertEquals(32, ref.length());
    byte[] sealed = issuer.db.identities().find(ref).orElseThrow();
    String asText = new String(sealed, StandardCharsets.ISO_8859_1);
    assertFalse(asText.contains("Jansen"), "the sealed record must not show the name");
    assertFalse(asText.contains("NX1234567"), "the sealed record must not show the document");
    // version, nonce, ciphertext of the canonical details, 16-byte tag
    assertEquals(1 + 12 + JANSEN.canonicalEncoding().length + 16, sealed.length);
    assertEquals(IdentitySealer.SEAL_VERSION, sealed[0]);
    assertFalse(service.find(pseudonym).orElseThrow().anonymous());
  }

  @Test
  void register_samePersonWithTwoEpurses_sharesOneIdentityRecord() throws ArtcashException {
    Bytes first = service.register(newDeviceId(), Optional.of(JANSEN), "Anna", issuer.now());
    IdentityDetails sameWrittenDifferently = new IdentityDetails(" Anna Jansen ",
        LocalDate.of(1980, 5, 17), "NL", "Oudegracht 1,  3511 AA Utrecht",
        "NL passport NX1234567");
    Bytes second = service.register(newDeviceId(), Optional.of(sameWrittenDifferently), "Anna",
        issuer.now());

    assertNotEquals(first, second);
    assertEquals(issuer.db.pseudonyms().find(first).orElseThrow().identityRef(),
        issuer.db.pseudonyms().find(second).orElseThrow().identityRef());
  }

  @Test
  void register_differentPeople_getDifferentReferences() throws ArtcashException {
    Bytes a = service.register(newDeviceId(), Optional.of(JANSEN), "A", issuer.now());
    Bytes b = service.register(newDeviceId(), Optional.of(DE_VRIES), "B", issuer.now());

    assertNotEquals(issuer.db.pseudonyms().find(a).orElseThrow().identityRef(),
        issuer.db.pseudonyms().find(b).orElseThrow().identityRef());
  }

  @Test
  void reference_dependsOnTheRegisterKey_soItCannotBeRecomputedWithoutIt() {
    SecureRandom random = new SecureRandom();

    assertNotEquals(IdentitySealer.generate(random).reference(JANSEN),
        IdentitySealer.generate(random).reference(JANSEN));
  }

  @Test
  void register_payeeInfoLongerThanAnArtHolds_isRefusedAndNothingIsStored() {
    String tooLong = "Bakkerij en banketbakkerij Jansen & Zonen, Utrecht Centrum";
    Bytes device = newDeviceId();

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> service.register(device, Optional.of(JANSEN), tooLong, issuer.now()));

    assertEquals(Reason.LENGTH_OVER_LIMIT, e.reason());
    assertTrue(e.getMessage().contains("48"), e.getMessage());
    assertTrue(issuer.db.pseudonyms().findByDevice(device).isEmpty());
  }

  @Test
  void register_sameDeviceTwice_isWrongState() throws ArtcashException {
    Bytes device = newDeviceId();
    service.register(device, Optional.empty(), "First", issuer.now());

    ArtcashException e = assertThrows(ArtcashException.class,
        () -> service.register(device, Optional.empty(), "Second", issuer.now()));

    assertEquals(Reason.WRONG_STATE, e.reason());
  }

  @Test
  void payeeInfo_onceStored_isNeverReplaced() throws ArtcashException {
    Bytes pseudonym = service.register(newDeviceId(), Optional.empty(), "Bakery Jansen",
        issuer.now());
    PayeeInfoRegister register = new PayeeInfoRegister(issuer.db);

    register.store(pseudonym, "Bakery Jansen", issuer.now());
    ArtcashException e = assertThrows(ArtcashException.class,
        () -> register.store(pseudonym, "Someone Else", issuer.now()));

    assertEquals(Reason.WRONG_STATE, e.reason());
    assertEquals("Bakery Jansen", service.find(pseudonym).orElseThrow().payeeInfo());
  }

  @Test
  void find_unknownPseudonym_isEmpty() {
    assertTrue(service.find(newDeviceId()).isEmpty());
    assertTrue(service.find(Bytes.fromHex("00")).isEmpty());
  }

  @Test
  void identityDetails_printedOrLogged_showNoPersonalData() {
    String shown = JANSEN.toString();

    assertFalse(shown.contains("Jansen"));
    assertFalse(shown.contains("1980"));
    assertFalse(shown.contains("Oudegracht"));
  }

  @Test
  void identityDetails_invalidCountry_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> new IdentityDetails("A B",
        LocalDate.of(1990, 1, 1), "NLD", "Street 1", "passport"));
  }
}
