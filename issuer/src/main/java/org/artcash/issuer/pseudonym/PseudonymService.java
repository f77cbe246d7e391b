package org.artcash.issuer.pseudonym;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.issuer.store.IdentityRegister;
import org.artcash.issuer.store.PayeeInfoRegister;
import org.artcash.issuer.store.PseudonymRecord;
import org.artcash.issuer.store.PseudonymRegister;

/**
 * The user pseudonym and identity register components (de Jong 2024, sec. 3.2-3.3, fig. 9): gives
 * each e-purse being provisioned a random pseudonym; for an identified user also seals the
 * personal details into the identity register under a keyed reference, which only this component
 * can link to the pseudonym. Payers and the other agents only ever see the pseudonym and the short
 * payee information.
 */
public final class PseudonymService {
  public static final int PSEUDONYM_LENGTH = 16;

  private final PseudonymRegister pseudonyms;
  private final IdentityRegister identities;
  private final PayeeInfoRegister payeeInfo;
  private final IdentitySealer sealer;
  private final SecureRandom random;

  public PseudonymService(PseudonymRegister pseudonyms, IdentityRegister identities,
      PayeeInfoRegister payeeInfo, IdentitySealer sealer, SecureRandom random) {
    this.pseudonyms = Objects.requireNonNull(pseudonyms, "pseudonyms");
    this.identities = Objects.requireNonNull(identities, "identities");
    this.payeeInfo = Objects.requireNonNull(payeeInfo, "payeeInfo");
    this.sealer = Objects.requireNonNull(sealer, "sealer");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Registers the user of a MonEbox and returns its new random pseudonym. Without identity details
   * the user is anonymous; with them, the sealed details are stored under their reference (once:
   * the same person registering a second e-purse shares the record).
   *
   * @param shortPayeeInfo what payers see, at most 48 UTF-8 bytes, e.g. "Bakery Jansen, Utrecht"
   * @throws ArtcashException {@link Reason#LENGTH_OVER_LIMIT} when the payee information is too
   *     long; {@link Reason#WRONG_STATE} when the device has a pseudonym already
   */
  public Bytes register(Bytes deviceId, Optional<IdentityDetails> identity, String shortPayeeInfo,
      Instant now) throws ArtcashException {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(identity, "identity");
    String info = requirePayeeInfo(shortPayeeInfo);
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    Optional<PseudonymRecord> existing = pseudonyms.findByDevice(deviceId);
    if (existing.isPresent()) {
      throw new ArtcashException(Reason.WRONG_STATE, "MonEbox " + deviceId.hex()
          + " already has a pseudonym; a device is registered once");
    }
    Optional<Bytes> identityRef = Optional.empty();
    if (identity.isPresent()) {
      Bytes ref = sealer.reference(identity.get());
      if (identities.find(ref).isEmpty()) {
        storeSealed(ref, identity.get(), at);
      }
      identityRef = Optional.of(ref);
    }
    byte[] p = new byte[PSEUDONYM_LENGTH];
    random.nextBytes(p);
    Bytes pseudonym = Bytes.copyOf(p);
    // Payee information first: a pseudonym that exists always has it.
    payeeInfo.store(pseudonym, info, at);
    pseudonyms.create(pseudonym, deviceId, identityRef, at);
    return pseudonym;
  }

  /** The pseudonym with its device and payee information, if it is registered. */
  public Optional<RegisteredPseudonym> find(Bytes pseudonym) {
    if (pseudonym.length() != PSEUDONYM_LENGTH) {
      return Optional.empty();
    }
    return pseudonyms.find(pseudonym).map(r -> new RegisteredPseudonym(r.pseudonym(),
        r.deviceId(), r.anonymous(), payeeInfo.find(r.pseudonym()).orElseThrow(
            () -> new IllegalStateException("pseudonym " + r.pseudonym().hex()
                + " has no payee information; it was not registered by this service"))));
  }

  private void storeSealed(Bytes ref, IdentityDetails details, Instant at)
      throws ArtcashException {
    try {
      identities.store(ref, sealer.seal(ref, details), at);
    } catch (ArtcashException e) {
      // Sealing is randomised: a concurrent registration of the same person stored its own seal of
      // the same details first. That record serves both.
      if (e.reason() != Reason.WRONG_STATE || identities.find(ref).isEmpty()) {
        throw e;
      }
    }
  }

  private static String requirePayeeInfo(String info) throws ArtcashException {
    Objects.requireNonNull(info, "shortPayeeInfo");
    String s = info.strip();
    int bytes = s.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > PayeeInfoRegister.MAX_BYTES) {
      throw new ArtcashException(Reason.LENGTH_OVER_LIMIT, "the short payee information '" + s
          + "' is " + bytes + " bytes; an ART has room for " + PayeeInfoRegister.MAX_BYTES
          + " (UTF-8): shorten it, for example to a name and a town");
    }
    return s;
  }
}
