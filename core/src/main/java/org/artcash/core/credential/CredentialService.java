package org.artcash.core.credential;

import java.util.List;
import org.artcash.core.ArtcashException;
import org.artcash.core.art.Art;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.RevocationList;

/**
 * What an e-purse asks of the system agents (de Jong 2024, sec. 3.3, fig. 9): payment-key
 * certificates, fresh ARTs in exchange for used ones, and the current revocation list. The issuer
 * implements it in process; over the network it is the agents' HTTP API.
 */
public interface CredentialService {

  /** The certification keys on offer, one per payment-key class, each with its chain to the root. */
  List<CertifierOffer> certifiers() throws ArtcashException;

  /** Blind-signs a sealed request from a genuine, active MonEbox; retries get the same answer. */
  CertificationResponse certify(CertificationRequest request) throws ArtcashException;

  /** Fresh ARTs for the requesting MonEbox's pseudonym, within the issuer's policy. */
  ArtGrant issueArts(ArtRequest request) throws ArtcashException;

  /** Used ARTs with their whole payment log, for the issuer's inspection; idempotent. */
  void returnArts(List<Art> used) throws ArtcashException;

  RevocationList revocationList() throws ArtcashException;

  /** A certification key's certificate and the certificates between it and the root. */
  record CertifierOffer(Certificate certificate, List<Certificate> chain) {
    public CertifierOffer {
      chain = List.copyOf(chain);
    }
  }
}
