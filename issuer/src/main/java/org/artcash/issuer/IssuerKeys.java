package org.artcash.issuer;

import static org.artcash.issuer.IssuerSystem.ART_FACTORY_KEY;
import static org.artcash.issuer.IssuerSystem.CERTIFIER_KEY_PREFIX;
import static org.artcash.issuer.IssuerSystem.COMMITTEE_KEY_PREFIX;
import static org.artcash.issuer.IssuerSystem.DEVICE_ATTESTATION_KEY;
import static org.artcash.issuer.IssuerSystem.IDENTITY_REGISTER_KEY;
import static org.artcash.issuer.ca.CertificateAuthority.CA_KEY;
import static org.artcash.issuer.ca.CertificateAuthority.ROOT_KEY;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.crypto.BlindRsa;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.pki.CertRole;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.PaymentKeyClass;
import org.artcash.issuer.IssuerConfig.CertifierClass;
import org.artcash.issuer.ca.CertificateAuthority;
import org.artcash.issuer.certification.Certifier;
import org.artcash.issuer.issuance.IssuanceCommittee;
import org.artcash.issuer.keys.BlindSigner;
import org.artcash.issuer.keys.KeyVault;
import org.artcash.issuer.pseudonym.IdentitySealer;
import org.artcash.issuer.store.IssuerDatabase;

/**
 * The issuer's keys and the certificates its CA made for them (de Jong 2024, sec. 6, fig. 14):
 * made in the key vault on the first opening, with the certificates stored in the database, and
 * found again and checked against each other on every later opening, so that a reopened issuer is
 * the same issuer. A refused opening changes nothing.
 */
record IssuerKeys(CertificateAuthority ca, EcSigner attestationKey, Certificate attestation,
    EcSigner factoryKey, Certificate factory, List<Certifier> certifiers, IdentitySealer sealer,
    IssuanceCommittee committee) {

  /** New keys on an empty vault over a database without issuer certificates; else the old ones. */
  static IssuerKeys establish(IssuerConfig config, IssuerDatabase db, KeyVault vault, Instant now,
      SecureRandom random) throws ArtcashException {
    SortedMap<String, Certificate> stored = db.issuerCertificates().all();
    SortedSet<String> labels = vault.labels();
    if (stored.isEmpty()) {
      if (!labels.isEmpty()) {
        throw new ArtcashException(Reason.WRONG_STATE, "the key vault holds keys ("
            + String.join(", ", labels) + ") but the issuer database holds none of their"
            + " certificates: open the database this issuer was set up with or, when its first"
            + " start was interrupted, start again with an empty key vault");
      }
      return create(config, db, vault, now, random);
    }
    if (labels.isEmpty()) {
      Certificate root = stored.get(ROOT_KEY);
      throw new ArtcashException(Reason.WRONG_STATE, "the issuer database already belongs to an"
          + " issuer" + (root == null ? "" : " (root key " + root.subjectKeyId().shortHex() + ")")
          + " whose keys are not in this key vault: open it with that issuer's key vault, or set"
          + " up a new issuer on an empty database");
    }
    return reopen(config, db, vault, stored, now, random);
  }

  private static IssuerKeys create(IssuerConfig config, IssuerDatabase db, KeyVault vault,
      Instant now, SecureRandom random) throws ArtcashException {
    IssuerConfig.Validity validity = config.validity();
    CertificateAuthority ca = CertificateAuthority.create(vault, db.revocations(),
        validity.root(), validity.ca(), validity.revocationList(), now, random);
    Map<String, Certificate> issued = new TreeMap<>();
    issued.put(ROOT_KEY, ca.root());
    issued.put(CA_KEY, ca.caCertificate());

    EcSigner attestationKey = vault.createSigningKey(DEVICE_ATTESTATION_KEY);
    Certificate attestation = ca.certifyDeviceAttestation(attestationKey.publicKey(), now,
        validity.deviceAttestation());
    issued.put(DEVICE_ATTESTATION_KEY, attestation);

    EcSigner factoryKey = vault.createSigningKey(ART_FACTORY_KEY);
    Certificate factory = ca.certifyArtFactory(factoryKey.publicKey(), now,
        validity.artFactory());
    issued.put(ART_FACTORY_KEY, factory);

    List<Certifier> certifiers = new ArrayList<>();
    for (CertifierClass c : config.certifiers()) {
      BlindSigner key = vault.createBlindSigningKey(CERTIFIER_KEY_PREFIX + c.name(),
          config.certifierModulusBits());
      Certificate cert = ca.certifyPaymentKeyCertifier(key.publicKey(), c.keyClass(), now,
          validity.certifier());
      issued.put(CERTIFIER_KEY_PREFIX + c.name(), cert);
      certifiers.add(new Certifier(c.name(), key, cert, c.keyClass(),
          c.maxPerDevicePerPeriod()));
    }

    IdentitySealer sealer = sealer(
        vault.createSecretKey(IDENTITY_REGISTER_KEY, IdentitySealer.KEY_LENGTH), random);
    List<EcSigner> members = new ArrayList<>();
    for (int i = 1; i <= config.committeeSize(); i++) {
      members.add(vault.createSigningKey(COMMITTEE_KEY_PREFIX + i));
    }
    db.issuerCertificates().storeAll(issued, now);
    return new IssuerKeys(ca, attestationKey, attestation, factoryKey, factory, certifiers,
        sealer, IssuanceCommittee.of(members, config.committeeQuorum()));
  }

  /**
   * Everything stored is checked first; then a key or certificate the configuration asks for and
   * that is not there yet (a new payment-key class; a certificate lost to a crash right after its
   * key was made) is made.
   */
  private static IssuerKeys reopen(IssuerConfig config, IssuerDatabase db, KeyVault vault,
      SortedMap<String, Certificate> stored, Instant now, SecureRandom random)
      throws ArtcashException {
    IssuerConfig.Validity validity = config.validity();
    Certificate root = stored.get(ROOT_KEY);
    Certificate caCertificate = stored.get(CA_KEY);
    if (root == null || caCertificate == null) {
      throw new ArtcashException(Reason.WRONG_STATE, "the issuer database holds agent"
          + " certificates but no root or CA certificate; restore it from a backup");
    }
    requireKeyOf(vault, ROOT_KEY, root);
    EcSigner caKey = requireSigningKey(vault, CA_KEY, caCertificate);
    Map<String, CertRole> agents = new TreeMap<>(Map.of(DEVICE_ATTESTATION_KEY,
        CertRole.DEVICE_ATTESTATION, ART_FACTORY_KEY, CertRole.ART_FACTORY));
    for (CertifierClass c : config.certifiers()) {
      agents.put(CERTIFIER_KEY_PREFIX + c.name(), CertRole.PAYMENT_KEY_CERTIFIER);
    }
    for (Map.Entry<String, CertRole> agent : agents.entrySet()) {
      Certificate c = stored.get(agent.getKey());
      if (c == null) {
        continue;
      }
      if (c.role() != agent.getValue()) {
        throw new ArtcashException(Reason.WRONG_STATE, "the issuer database holds a " + c.role()
            + " certificate for the key '" + agent.getKey() + "', which is the "
            + agent.getValue() + " key; restore the database from a backup");
      }
      requireKeyOf(vault, agent.getKey(), c);
    }
    for (CertifierClass c : config.certifiers()) {
      Certificate cert = stored.get(CERTIFIER_KEY_PREFIX + c.name());
      if (cert != null && !PaymentKeyClass.decode(cert.attributes()).equals(c.keyClass())) {
        throw new ArtcashException(Reason.WRONG_STATE, "payment-key class '" + c.name()
            + "' is configured with other terms than its certificate in the issuer database;"
            + " payment keys already certified keep those terms, so a class with new terms"
            + " needs a new name");
      }
    }
    List<EcSigner> members = committeeKeys(config, vault);
    List<Certificate> agentCertificates = new ArrayList<>();
    stored.forEach((label, c) -> {
      if (!label.equals(ROOT_KEY) && !label.equals(CA_KEY)) {
        agentCertificates.add(c);
      }
    });
    CertificateAuthority ca = CertificateAuthority.open(caKey, root, caCertificate,
        agentCertificates, db.revocations(), validity.revocationList(), random);
    IdentitySealer sealer = sealer(vault.secretKey(IDENTITY_REGISTER_KEY).orElseThrow(
        () -> new ArtcashException(Reason.WRONG_STATE, "the key vault holds no identity-register"
            + " key ('" + IDENTITY_REGISTER_KEY + "'), without which the identity register's"
            + " records can no longer be found; restore the key vault from a backup")), random);

    // Checked; from here on only what is missing is made.
    Map<String, Certificate> issued = new TreeMap<>();
    EcSigner attestationKey = signingKey(vault, DEVICE_ATTESTATION_KEY);
    Certificate attestation = stored.containsKey(DEVICE_ATTESTATION_KEY)
        ? stored.get(DEVICE_ATTESTATION_KEY)
        : issued(issued, DEVICE_ATTESTATION_KEY, ca.certifyDeviceAttestation(
            attestationKey.publicKey(), now, validity.deviceAttestation()));
    EcSigner factoryKey = signingKey(vault, ART_FACTORY_KEY);
    Certificate factory = stored.containsKey(ART_FACTORY_KEY)
        ? stored.get(ART_FACTORY_KEY)
        : issued(issued, ART_FACTORY_KEY, ca.certifyArtFactory(factoryKey.publicKey(), now,
            validity.artFactory()));
    List<Certifier> certifiers = new ArrayList<>();
    for (CertifierClass c : config.certifiers()) {
      String label = CERTIFIER_KEY_PREFIX + c.name();
      BlindSigner key = vault.blindSigningKey(label).orElseGet(
          () -> vault.createBlindSigningKey(label, config.certifierModulusBits()));
      Certificate cert = stored.containsKey(label)
          ? stored.get(label)
          : issued(issued, label, ca.certifyPaymentKeyCertifier(key.publicKey(), c.keyClass(),
              now, validity.certifier()));
      certifiers.add(new Certifier(c.name(), key, cert, c.keyClass(),
          c.maxPerDevicePerPeriod()));
    }
    db.issuerCertificates().storeAll(issued, now);
    return new IssuerKeys(ca, attestationKey, attestation, factoryKey, factory, certifiers,
        sealer, IssuanceCommittee.of(members, config.committeeQuorum()));
  }

  /** Checks that the vault holds the key {@code c} certifies under {@code label}. */
  private static void requireKeyOf(KeyVault vault, String label, Certificate c)
      throws ArtcashException {
    if (c.role() == CertRole.PAYMENT_KEY_CERTIFIER) {
      BlindSigner key = vault.blindSigningKey(label).orElseThrow(() -> missingKey(label, c));
      requireCertified(label, c, BlindRsa.encodePublicKey(key.publicKey()));
    } else {
      requireSigningKey(vault, label, c);
    }
  }

  private static EcSigner requireSigningKey(KeyVault vault, String label, Certificate c)
      throws ArtcashException {
    EcSigner key = vault.signingKey(label).orElseThrow(() -> missingKey(label, c));
    requireCertified(label, c, key.publicKey());
    return key;
  }

  private static void requireCertified(String label, Certificate c, byte[] publicKey)
      throws ArtcashException {
    if (!Arrays.equals(publicKey, c.publicKey())) {
      throw new ArtcashException(Reason.WRONG_STATE, "the key vault's key '" + label + "' is"
          + " not the one certified in the issuer database (key " + c.subjectKeyId().shortHex()
          + "), so the vault belongs to another issuer: open this database with the key vault"
          + " the issuer was set up with");
    }
  }

  private static ArtcashException missingKey(String label, Certificate c) {
    return new ArtcashException(Reason.WRONG_STATE, "the key vault does not hold the issuer's"
        + " key '" + label + "' (key " + c.subjectKeyId().shortHex() + ") that the issuer"
        + " database has a certificate for: open this database with the key vault the issuer"
        + " was set up with");
  }

  /**
   * The members' keys in order. The issuer's MonEbox checks orders against the members it was
   * personalised with, so the vault's committee must be the configured size.
   */
  private static List<EcSigner> committeeKeys(IssuerConfig config, KeyVault vault)
      throws ArtcashException {
    long inVault = vault.labels().stream().filter(l -> l.startsWith(COMMITTEE_KEY_PREFIX))
        .count();
    List<EcSigner> members = new ArrayList<>();
    for (int i = 1; i <= config.committeeSize() && inVault == config.committeeSize(); i++) {
      vault.signingKey(COMMITTEE_KEY_PREFIX + i).ifPresent(members::add);
    }
    if (members.size() != config.committeeSize()) {
      throw new ArtcashException(Reason.WRONG_STATE, "the key vault holds " + inVault
          + " issuance committee key(s) where the configuration has a committee of "
          + config.committeeSize() + " (" + COMMITTEE_KEY_PREFIX + "1 to "
          + config.committeeSize() + "); the issuer's MonEbox checks orders against the"
          + " committee it was personalised with, so configure the committee it has");
    }
    return members;
  }

  private static EcSigner signingKey(KeyVault vault, String label) {
    return vault.signingKey(label).orElseGet(() -> vault.createSigningKey(label));
  }

  private static Certificate issued(Map<String, Certificate> issued, String label,
      Certificate c) {
    issued.put(label, c);
    return c;
  }

  private static IdentitySealer sealer(byte[] registerKey, SecureRandom random) {
    try {
      return new IdentitySealer(registerKey, random);
    } finally {
      Arrays.fill(registerKey, (byte) 0);
    }
  }
}
