package org.artcash.cli.issuer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.ArtConfig;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.artcash.core.credential.CredentialService.CertifierOffer;
import org.artcash.core.pki.Certificate;
import org.artcash.monebox.Personalisation;

/**
 * The development issuer's HTTP messages that the protocol does not define (docs/PURSE.md):
 * provisioning over the network and the list of certifiers. Same canonical encoding rules as
 * docs/PROTOCOL.md; every other message of the issuer's API is a protocol object as it is.
 */
final class IssuerWire {
  static final int PROVISION_TYPE = 0x50;
  static final int PERSONALISATION_TYPE = 0x51;
  static final int OFFERS_TYPE = 0x52;
  static final int VERSION = 1;
  private static final int MAX_CHAIN = 8;
  private static final int MAX_OFFERS = 32;
  private static final int MAX_DEVICE_KEY = 200;

  private IssuerWire() {}

  /** A blank MonEbox's request to be provisioned: its device key, class and payee information. */
  record Provision(byte[] devicePublicKey, int deviceClass, String payeeInfo) {
    byte[] encode() {
      return new Encoder().u8(PROVISION_TYPE).u8(VERSION).var(devicePublicKey, MAX_DEVICE_KEY)
          .u8(deviceClass).string(payeeInfo, ArtConfig.MAX_PAYEE_INFO).toByteArray();
    }

    static Provision decode(byte[] b) throws ArtcashException {
      Decoder d = Decoder.of(b, "provisioning request");
      d.header(PROVISION_TYPE, VERSION);
      byte[] key = d.var(MAX_DEVICE_KEY, "device key");
      int cls = d.u8("device class");
      String info = d.string(ArtConfig.MAX_PAYEE_INFO, "payee info");
      d.finish();
      return new Provision(key, cls, info);
    }
  }

  static byte[] encode(Personalisation p) {
    Encoder e = new Encoder().u8(PERSONALISATION_TYPE).u8(VERSION)
        .var(p.root().encode(), Certificate.MAX_ENCODED).u8(p.chain().size());
    for (Certificate c : p.chain()) {
      e.var(c.encode(), Certificate.MAX_ENCODED);
    }
    return e.var(p.deviceCertificate().encode(), Certificate.MAX_ENCODED)
        .fixed(p.pseudonym(), 16).currency(p.currency()).u64(p.buttonThreshold())
        .u8(p.maxBindings()).time(p.time()).toByteArray();
  }

  static Personalisation decodePersonalisation(byte[] b) throws ArtcashException {
    Decoder d = Decoder.of(b, "personalisation");
    d.header(PERSONALISATION_TYPE, VERSION);
    Certificate root = Certificate.decode(d.var(Certificate.MAX_ENCODED, "root"));
    List<Certificate> chain = certificates(d);
    Certificate device = Certificate.decode(d.var(Certificate.MAX_ENCODED, "device certificate"));
    var pseudonym = d.fixedBytes(16, "pseudonym");
    var currency = d.currency("currency");
    long threshold = d.u64("button threshold");
    int bindings = d.u8("max bindings");
    var time = d.time("time");
    d.finish();
    try {
      return new Personalisation(root, chain, device, pseudonym, currency, threshold, bindings,
          Optional.empty(), time);
    } catch (IllegalArgumentException e) {
      throw new ArtcashException(Reason.MALFORMED, "personalisation: " + e.getMessage());
    }
  }

  static byte[] encodeOffers(List<CertifierOffer> offers) {
    Encoder e = new Encoder().u8(OFFERS_TYPE).u8(VERSION).u8(offers.size());
    for (CertifierOffer o : offers) {
      e.var(o.certificate().encode(), Certificate.MAX_ENCODED).u8(o.chain().size());
      for (Certificate c : o.chain()) {
        e.var(c.encode(), Certificate.MAX_ENCODED);
      }
    }
    return e.toByteArray();
  }

  static List<CertifierOffer> decodeOffers(byte[] b) throws ArtcashException {
    Decoder d = Decoder.of(b, "certifier offers");
    d.header(OFFERS_TYPE, VERSION);
    int n = d.u8("offer count");
    if (n > MAX_OFFERS) {
      throw new ArtcashException(Reason.LENGTH_OVER_LIMIT, n + " certifiers offered; at most "
          + MAX_OFFERS + " are read");
    }
    List<CertifierOffer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Certificate cert = Certificate.decode(d.var(Certificate.MAX_ENCODED, "certifier"));
      out.add(new CertifierOffer(cert, certificates(d)));
    }
    d.finish();
    return out;
  }

  private static List<Certificate> certificates(Decoder d) throws ArtcashException {
    int n = d.u8("certificate count");
    if (n > MAX_CHAIN) {
      throw new ArtcashException(Reason.LENGTH_OVER_LIMIT, n + " chain certificates; at most "
          + MAX_CHAIN + " are read");
    }
    List<Certificate> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Certificate.decode(d.var(Certificate.MAX_ENCODED, "certificate")));
    }
    return out;
  }
}
