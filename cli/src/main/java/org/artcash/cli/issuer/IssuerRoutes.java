package org.artcash.cli.issuer;

import io.javalin.Javalin;
import io.javalin.http.Context;
import org.artcash.cli.http.WebServer;
import org.artcash.core.art.Art;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.credential.ArtRequest;
import org.artcash.core.credential.CertificationRequest;

/**
 * The development issuer's HTTP API (docs/PURSE.md): the system agents' services to e-purses
 * (de Jong 2024, sec. 3.3, fig. 9), provisioning of a blank MonEbox, and the cash desk. Bodies
 * are the canonical bytes of the protocol objects.
 */
final class IssuerRoutes {
  static final String ROOT = "/issuer/root";
  static final String PROVISION = "/issuer/provision";
  static final String CERTIFIERS = "/issuer/certifiers";
  static final String CERTIFY = "/issuer/certify";
  static final String ARTS = "/issuer/arts";
  static final String RETURN = "/issuer/return";
  static final String REVOCATIONS = "/issuer/revocations";
  static final String CASH_DESK = "/issuer/cash-desk";

  private IssuerRoutes() {}

  static void register(Javalin app, DevIssuer issuer) {
    app.get(ROOT, ctx -> octets(ctx, issuer.root().encode()));
    app.post(PROVISION, ctx -> octets(ctx, IssuerWire.encode(
        issuer.provision(IssuerWire.Provision.decode(ctx.bodyAsBytes())))));
    app.get(CERTIFIERS, ctx -> octets(ctx, IssuerWire.encodeOffers(issuer.agents().certifiers())));
    app.post(CERTIFY, ctx -> octets(ctx, issuer.agents().certify(
        CertificationRequest.decode(ctx.bodyAsBytes())).encode()));
    app.post(ARTS, ctx -> octets(ctx, issuer.agents().issueArts(
        ArtRequest.decode(ctx.bodyAsBytes())).encode()));
    app.post(RETURN, ctx -> {
      issuer.agents().returnArts(java.util.List.of(Art.decode(ctx.bodyAsBytes())));
      ctx.status(204);
    });
    app.get(REVOCATIONS, ctx -> octets(ctx, issuer.agents().revocationList().encode()));
    app.post(CASH_DESK, ctx -> octets(ctx, issuer.cashDesk(
        PaymentRequest.decode(ctx.bodyAsBytes())).encode()));
  }

  private static void octets(Context ctx, byte[] body) {
    ctx.contentType(WebServer.OCTETS);
    ctx.result(body);
  }
}
