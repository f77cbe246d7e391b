package org.artcash.purse;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.artcash.core.ArtcashException;
import org.artcash.core.art.PaymentRequest;
import org.artcash.core.art.TransferToken;
import org.artcash.core.issuance.IssuanceOrder;
import org.artcash.core.money.Amount;
import org.artcash.monebox.software.InMemoryMonotonicCounter;
import org.artcash.monebox.software.InMemoryStateStore;
import org.artcash.monebox.software.SoftwareMonEbox;
import org.artcash.purse.store.PurseStore;
import org.artcash.testkit.TestIssuer;

/**
 * A small e-cash system for e-purse tests: a test issuer with its agents, a central bank e-purse
 * on the issuer's MonEbox that creates the money, and any number of personalised, bound e-purses
 * with fresh credentials, each on a software MonEbox and its own database.
 */
final class PurseWorld implements AutoCloseable {
  /** Device class of the e-purses made here: class 1 may hold both payment-key classes. */
  static final int DEVICE_CLASS = 1;

  final TestIssuer issuer = TestIssuer.create();
  final TestAgents agents = new TestAgents(issuer);
  final Clock clock = new IssuerClock(issuer);
  private final Supplier<PurseStore> stores;
  private final List<PurseStore> opened = new ArrayList<>();
  private Party central;
  private long issuanceOrders;

  /** A world whose e-purses keep their state in in-memory H2 databases. */
  PurseWorld() {
    this(() -> PurseStore.inMemoryH2("purse-" + UUID.randomUUID()));
  }

  PurseWorld(Supplier<PurseStore> stores) {
    this.stores = stores;
  }

  /** One e-purse: the software, the MonEbox as the software sees it, and its database. */
  record Party(EPurse purse, ForwardingMonEbox box, PurseStore store, TestIssuer.Device device) {}

  /** A new owner's e-purse: personalised MonEbox, bound, credentials fetched. */
  Party newParty() throws ArtcashException {
    return newParty(PursePolicy.defaults());
  }

  Party newParty(PursePolicy policy) throws ArtcashException {
    return newParty(policy, newStore());
  }

  /** A new owner's e-purse keeping its state in {@code store} (which the caller closes). */
  Party newParty(PursePolicy policy, PurseStore store) throws ArtcashException {
    Party p = unbound(policy, false, store);
    p.box().pressButton();
    p.purse().bind(issuer.deviceChain());
    p.purse().refresh(agents);
    return p;
  }

  /** A personalised MonEbox with e-purse software that has not been bound yet. */
  Party unbound(PursePolicy policy, boolean issuerDevice) throws ArtcashException {
    return unbound(policy, issuerDevice, newStore());
  }

  private Party unbound(PursePolicy policy, boolean issuerDevice, PurseStore store)
      throws ArtcashException {
    SoftwareMonEbox box =
        SoftwareMonEbox.open(new InMemoryStateStore(), new InMemoryMonotonicCounter());
    TestIssuer.Device device = issuer.personalise(box, DEVICE_CLASS, issuerDevice);
    ForwardingMonEbox link = new ForwardingMonEbox(box);
    EPurse purse = EPurse.open(link, store, clock, new SecureRandom(), policy);
    return new Party(purse, link, store, device);
  }

  PurseStore newStore() {
    PurseStore store = stores.get();
    opened.add(store);
    return store;
  }

  /** The central bank's e-purse, on the issuer's MonEbox; made on first use. */
  Party central() throws ArtcashException {
    if (central == null) {
      central = unbound(PursePolicy.defaults(), true);
      central.box().pressButton();
      central.purse().bind(issuer.deviceChain());
      central.purse().refresh(agents);
    }
    return central;
  }

  /** Creates {@code amount} of e-cash in the issuer's MonEbox (a 2-of-3 committee order). */
  void issue(Amount amount) throws ArtcashException {
    Party c = central();
    issuanceOrders++;
    c.box().execute(issuer.issuanceOrder(c.device().deviceId(), issuanceOrders,
        IssuanceOrder.Kind.ISSUE, amount, 0, 1));
  }

  /**
   * The central bank pays {@code amount} to {@code payee} (sec. 3.2: e-cash is distributed by
   * payment), which accepts and redeems it: afterwards it is in the payee's MonEbox balance.
   */
  void fund(Party payee, Amount amount) throws ArtcashException {
    issue(amount);
    PaymentRequest request = payee.purse().requestPayment(Optional.of(amount));
    if (amount.minor() > TestIssuer.BUTTON_THRESHOLD) {
      central().box().pressButton();
    }
    TransferToken token = central().purse().pay(request, amount);
    payee.purse().accept(token);
    payee.purse().redeemAll();
  }

  /** A payee that keeps just one ART, so that consecutive requests reuse it. */
  static PursePolicy oneArtPolicy() {
    PursePolicy d = PursePolicy.defaults();
    return new PursePolicy(1, d.artMaxPayments(), d.artMaxSingle(), d.artMaxAggregate(),
        d.minArtValidity(), d.inUseGrace());
  }

  static Amount eur(long cents) {
    return Amount.of(TestIssuer.EUR, cents);
  }

  @Override
  public void close() {
    for (PurseStore s : opened) {
      s.close();
    }
  }
}
