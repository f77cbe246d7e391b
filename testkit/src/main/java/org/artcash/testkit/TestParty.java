package org.artcash.testkit;

import org.artcash.core.ArtcashException;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.codec.Bytes;
import org.artcash.monebox.MonEbox;

/** A personalised MonEbox, the device record the issuer made of it, and one bound host. */
public record TestParty(MonEbox box, TestIssuer.Device device, TestHost host) {

  /**
   * Personalises a blank MonEbox, binds a host without a per-payment limit and installs one small
   * payment key, and one large key as well when the device class allows it.
   */
  public static TestParty create(TestIssuer issuer, MonEbox blank, int deviceClass,
      boolean issuerDevice) throws ArtcashException {
    TestIssuer.Device device = issuer.personalise(blank, deviceClass, issuerDevice);
    TestHost host = TestHost.pressAndBind(blank, 0);
    issuer.equipPaymentKey(blank, issuer.smallCertifier());
    if (deviceClass >= issuer.largeClass().minDeviceClass()) {
      issuer.equipPaymentKey(blank, issuer.largeCertifier());
    }
    return new TestParty(blank, device, host);
  }

  public Bytes pseudonym() {
    return device.pseudonym();
  }

  /** The host approves {@code amount} at the issuer's time and the MonEbox pays. */
  public TransferToken pay(TestIssuer issuer, PaymentRequest request, long amount)
      throws ArtcashException {
    return box.pay(host.approve(request, amount, issuer.now()));
  }

  /** The same party after its MonEbox restarted (the host and its counter stay). */
  public TestParty restartedAs(MonEbox restarted) {
    return new TestParty(restarted, device, host);
  }
}
