package org.artcash.cli.issuer;

import java.net.URI;
import java.util.List;
import org.artcash.cli.http.WebClient;
import org.artcash.cli.http.WebServer;
import org.artcash.core.ArtcashException;
import org.artcash.core.art.Art;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.credential.ArtGrant;
import org.artcash.core.credential.ArtRequest;
import org.artcash.core.credential.CertificationRequest;
import org.artcash.core.credential.CertificationResponse;
import org.artcash.core.credential.CredentialService;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.RevocationList;
import org.artcash.monebox.Personalisation;

/**
 * The e-purse's side of the development issuer's HTTP API: the system agents as a {@link
 * CredentialService} ("over the network it is the agents' HTTP API"), provisioning and the cash
 * desk. Everything it receives is checked by the e-purse and the MonEbox under the root of trust.
 */
public final class RemoteIssuer implements CredentialService {
  private final WebClient web;

  public RemoteIssuer(URI address) {
    this.web = new WebClient(address, "the issuer");
  }

  public URI address() {
    return web.base();
  }

  public Certificate root() throws ArtcashException {
    return Certificate.decode(web.get(IssuerRoutes.ROOT));
  }

  /** Provisioning for a blank MonEbox that made its device key. */
  public Personalisation provision(byte[] devicePublicKey, int deviceClass, String payeeInfo)
      throws ArtcashException {
    byte[] body = new IssuerWire.Provision(devicePublicKey, deviceClass, payeeInfo).encode();
    return IssuerWire.decodePersonalisation(
        web.post(IssuerRoutes.PROVISION, body, WebServer.OCTETS));
  }

  /** The cash desk pays the amount {@code request} asks for. */
  public TransferToken cashDesk(PaymentRequest request) throws ArtcashException {
    return TransferToken.decode(web.post(IssuerRoutes.CASH_DESK, request.encode(),
        WebServer.OCTETS));
  }

  @Override
  public List<CertifierOffer> certifiers() throws ArtcashException {
    return IssuerWire.decodeOffers(web.get(IssuerRoutes.CERTIFIERS));
  }

  @Override
  public CertificationResponse certify(CertificationRequest request) throws ArtcashException {
    return CertificationResponse.decode(web.post(IssuerRoutes.CERTIFY, request.encode(),
        WebServer.OCTETS));
  }

  @Override
  public ArtGrant issueArts(ArtRequest request) throws ArtcashException {
    return ArtGrant.decode(web.post(IssuerRoutes.ARTS, request.encode(), WebServer.OCTETS));
  }

  @Override
  public void returnArts(List<Art> used) throws ArtcashException {
    for (Art art : used) {
      web.post(IssuerRoutes.RETURN, art.encode(), WebServer.OCTETS);
    }
  }

  @Override
  public RevocationList revocationList() throws ArtcashException {
    return RevocationList.decode(web.get(IssuerRoutes.REVOCATIONS));
  }
}
