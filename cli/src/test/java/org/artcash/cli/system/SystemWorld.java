package org.artcash.cli.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.artcash.core.ArtcashException;
import org.artcash.core.credential.CredentialService;
import org.artcash.core.money.Amount;
import org.artcash.core.money.Currency;
import org.artcash.issuer.IssuerConfig;
import org.artcash.issuer.IssuerSystem;
import org.artcash.issuer.issuance.IssuanceOffice;
import org.artcash.issuer.issuance.SupplyReport;
import org.artcash.issuer.store.IssuerDatabase;
import org.artcash.monebox.Personalisation;

/**
 * A whole e-cash system in one process: the real issuer ({@link IssuerSystem} with default
 * configuration on in-memory H2), the issuer's own MonEbox with the central bank's e-purse
 * (party 0), and users' e-purses, each on a software MonEbox and an H2 file under {@code root}.
 * Every party reads one clock, which only the test moves.
 */
final class SystemWorld implements AutoCloseable {
  static final Currency EUR = Currency.of("EUR");
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  /** Committee members 0 and 2 of 3 approve issuance orders (quorum 2). */
  static final List<Integer> APPROVING = List.of(0, 2);

  final Path root;
  final SystemClock clock = new SystemClock(T0);
  final IssuerDatabase db;
  final IssuerSystem issuer;
  final List<Party> parties = new ArrayList<>();
  private IssuanceOffice office;

  private SystemWorld(Path root) {
    this.root = root;
    this.db = IssuerDatabase.inMemoryH2("issuer-" + UUID.randomUUID());
    this.issuer = IssuerSystem.create(IssuerConfig.defaults(), db, clock, new SecureRandom());
  }

  /**
   * The issuer with its MonEbox (class 2, issuance committee) and e-purse, and one e-purse per
   * user name (class 1, so it may hold "large" payment keys): personalised, bound after a button
   * press, and refreshed, so each has payment keys and ARTs. No money exists yet.
   */
  static SystemWorld create(Path root, List<String> users) throws ArtcashException {
    SystemWorld w = new SystemWorld(root);
    try {
      w.parties.add(w.provision("Central bank", 2, true));
      w.office = w.issuer.openIssuanceOffice(w.parties.get(0).link());
      for (String user : users) {
        w.parties.add(w.provision(user, 1, false));
      }
      return w;
    } catch (ArtcashException | RuntimeException e) {
      w.close();
      throw e;
    }
  }

  private Party provision(String name, int deviceClass, boolean issuerDevice)
      throws ArtcashException {
    Party p = new Party(name, root.resolve("party-" + parties.size()), clock);
    Personalisation personalisation = issuer.personalisationFor(p.link(), deviceClass,
        issuerDevice, Optional.empty(), name);
    p.link().personalise(personalisation);
    p.openPurse();
    p.link().pressButton();
    p.purse().bind(personalisation.chain());
    p.purse().refresh(agent());
    return p;
  }

  CredentialService agent() {
    return issuer.credentialService();
  }

  Party party(int i) {
    return parties.get(i);
  }

  int size() {
    return parties.size();
  }

  Instant now() {
    return clock.instant();
  }

  static Amount eur(long cents) {
    return Amount.of(EUR, cents);
  }

  /** Creates {@code cents} of e-cash in the issuer's MonEbox by a 2-of-3 committee order. */
  SupplyReport issue(long cents) throws ArtcashException {
    return office.issue(eur(cents), APPROVING, now());
  }

  SupplyReport supply() throws ArtcashException {
    return office.supply(EUR);
  }

  /**
   * The party's process dies and starts again; for the issuer, the issuance office is opened
   * again on the reopened MonEbox, which reconciles the supply ledger with it.
   */
  void crash(int i) throws ArtcashException {
    parties.get(i).crash();
    if (i == 0) {
      office = issuer.openIssuanceOffice(parties.get(0).link());
    }
  }

  @Override
  public void close() {
    for (Party p : parties) {
      p.close();
    }
    db.close();
  }

  /** Deletes a directory tree made for one run; the caller owns it. */
  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary directory left behind costs only disk space
    }
  }
}
