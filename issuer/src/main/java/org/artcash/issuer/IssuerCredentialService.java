package org.artcash.issuer;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.artcash.core.ArtcashException;
import org.artcash.core.art.Art;
import org.artcash.core.credential.ArtGrant;
import org.artcash.core.credential.ArtRequest;
import org.artcash.core.credential.CertificationRequest;
import org.artcash.core.credential.CertificationResponse;
import org.artcash.core.credential.CredentialService;
import org.artcash.core.pki.RevocationList;
import org.artcash.issuer.ca.CertificateAuthority;
import org.artcash.issuer.certification.PaymentKeyCertification;
import org.artcash.issuer.factory.ArtFactory;

/**
 * The system agents' services to the e-purse (de Jong 2024, sec. 3.3, fig. 9), called in process:
 * payment-key certification, the ART factory and the CA's revocation list, at the clock's now.
 */
final class IssuerCredentialService implements CredentialService {
  private final PaymentKeyCertification certification;
  private final ArtFactory factory;
  private final CertificateAuthority ca;
  private final Clock clock;

  IssuerCredentialService(PaymentKeyCertification certification, ArtFactory factory,
      CertificateAuthority ca, Clock clock) {
    this.certification = Objects.requireNonNull(certification, "certification");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.ca = Objects.requireNonNull(ca, "ca");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public List<CertifierOffer> certifiers() {
    return certification.offers(now());
  }

  @Override
  public CertificationResponse certify(CertificationRequest request) throws ArtcashException {
    return certification.certify(request, now());
  }

  @Override
  public ArtGrant issueArts(ArtRequest request) throws ArtcashException {
    return factory.issue(request, now());
  }

  @Override
  public void returnArts(List<Art> used) throws ArtcashException {
    factory.acceptReturned(used, now());
  }

  @Override
  public RevocationList revocationList() {
    return ca.revocationList(now());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }
}
