package org.artcash.purse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.Art;
import org.artcash.core.codec.Bytes;
import org.artcash.core.credential.ArtGrant;
import org.artcash.core.credential.ArtRequest;
import org.artcash.core.credential.CertificationRequest;
import org.artcash.core.credential.CertificationResponse;
import org.artcash.core.credential.CredentialService;
import org.artcash.core.pki.RevocationList;
import org.artcash.testkit.TestIssuer;

/**
 * The system agents of de Jong 2024, sec. 3.3, in process over a {@link TestIssuer}: certifiers,
 * ART factory (which keeps the ARTs returned to it) and the CA's revocation list.
 */
final class TestAgents implements CredentialService {
  private final TestIssuer issuer;
  private final Map<Bytes, Art> returned = new LinkedHashMap<>();
  private final List<Bytes> revoked = new ArrayList<>();
  private long revocationSequence = 1;
  private int certifyCalls;
  private int failCertifications;

  TestAgents(TestIssuer issuer) {
    this.issuer = issuer;
  }

  @Override
  public List<CertifierOffer> certifiers() {
    return List.of(issuer.smallCertifier(), issuer.largeCertifier());
  }

  @Override
  public synchronized CertificationResponse certify(CertificationRequest request)
      throws ArtcashException {
    certifyCalls++;
    if (failCertifications > 0) {
      failCertifications--;
      throw new ArtcashException(Reason.RATE_LIMITED, "the certifier is busy; try again later");
    }
    return issuer.certify(request);
  }

  @Override
  public ArtGrant issueArts(ArtRequest request) throws ArtcashException {
    return issuer.artsFor(request);
  }

  /** Idempotent, as the interface promises: an ART returned twice is kept once. */
  @Override
  public synchronized void returnArts(List<Art> used) {
    for (Art art : used) {
      returned.putIfAbsent(art.config().artId(), art);
    }
  }

  @Override
  public synchronized RevocationList revocationList() {
    return issuer.revocationList(revocationSequence, revoked.toArray(Bytes[]::new));
  }

  /** The CA revokes a key: the next list has it, with a higher sequence number. */
  synchronized void revoke(Bytes keyId) {
    revoked.add(keyId);
    revocationSequence++;
  }

  synchronized List<Art> returned() {
    return List.copyOf(returned.values());
  }

  synchronized int certifyCalls() {
    return certifyCalls;
  }

  /** The next {@code n} certification requests fail, as if the certifier were unreachable. */
  synchronized void failNextCertifications(int n) {
    failCertifications = n;
  }
}
