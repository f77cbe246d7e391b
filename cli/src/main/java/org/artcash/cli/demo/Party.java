package org.artcash.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.money.Amount;
import org.artcash.issuer.IssuerSystem;
import org.artcash.issuer.pseudonym.IdentityDetails;
import org.artcash.monebox.MonEbox;
import org.artcash.monebox.Personalisation;
import org.artcash.monebox.card.CardMonEbox;
import org.artcash.monebox.software.SoftwareMonEbox;
import org.artcash.purse.EPurse;
import org.artcash.purse.PursePolicy;
import org.artcash.purse.store.PurseStore;

/**
 * One e-purse in the demo: a MonEbox (software, with state files in its own directory, or the Java
 * Card applet on a simulated card) and the e-purse software bound to it, with its database in
 * embedded H2, provisioned by the issuer's station.
 */
final class Party implements AutoCloseable {
  /** Where a party's MonEbox lives. */
  enum Device { SOFTWARE, SIMULATED_CARD }

  final String name;
  final MonEbox box;
  private final AutoCloseable device;
  final PurseStore store;
  final EPurse purse;

  private Party(String name, MonEbox box, AutoCloseable device, PurseStore store, EPurse purse) {
    this.name = name;
    this.box = box;
    this.device = device;
    this.store = store;
    this.purse = purse;
  }

  /** A blank MonEbox through the provisioning station, then bound with the owner's button press. */
  static Party provision(Path dir, String name, Device device, IssuerSystem issuer,
      int deviceClass, boolean issuerDevice, Optional<IdentityDetails> identity, String payeeInfo,
      PursePolicy policy, Clock clock, SecureRandom random) throws Exception {
    Path home = dir.resolve(name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
    Files.createDirectories(home);
    MonEbox box;
    AutoCloseable closer;
    if (device == Device.SIMULATED_CARD) {
      CardMonEbox card = CardMonEbox.onSimulator();
      box = card;
      closer = card;
    } else {
      SoftwareMonEbox software = SoftwareMonEbox.open(home.resolve("monebox.state"),
          home.resolve("monebox.counter"));
      box = software;
      closer = software;
    }
    Personalisation p = issuer.personalisationFor(box, deviceClass, issuerDevice, identity,
        payeeInfo);
    box.personalise(p);
    PurseStore store = PurseStore.fileH2(home.resolve("purse"));
    EPurse purse = EPurse.open(box, store, clock, random, policy);
    box.pressButton(); // the owner's consent to bind this software to the MonEbox
    purse.bind(p.chain());
    return new Party(name, box, closer, store, purse);
  }

  /**
   * Pays as a person would: previews, approves, and presses the MonEbox button when the MonEbox
   * asks for it (payments above its threshold).
   */
  TransferToken pay(PaymentRequest request, Amount amount) throws ArtcashException {
    try {
      return purse.pay(request, amount);
    } catch (ArtcashException e) {
      if (e.reason() != Reason.BUTTON_REQUIRED) {
        throw e;
      }
      box.pressButton();
      return purse.pay(request, amount);
    }
  }

  Amount balance() throws ArtcashException {
    return purse.balance();
  }

  @Override
  public void close() throws Exception {
    store.close();
    device.close();
  }
}
