package org.artcash.issuer.ca;

import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.core.crypto.BlindRsa;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.KeyAlgorithm;
import org.artcash.core.crypto.P256;
import org.artcash.core.pki.CertRole;
import org.artcash.core.pki.Certificate;
import org.artcash.core.pki.PaymentKeyClass;
import org.artcash.core.pki.RevocationList;
import org.artcash.core.pki.TrustStore;
import org.artcash.issuer.keys.KeyVault;
import org.artcash.issuer.store.Revocation;
import org.artcash.issuer.store.RevocationStore;

/**
 * The root of trust and the certificate authority (de Jong 2024, sec. 6, fig. 14): a self-signed
 * root key certifies the CA key, which certifies the agents' keys (ART factory, payment-key
 * certifiers, device attestation), revokes keys and signs revocation lists. It keeps the issuer's
 * own {@link TrustStore}, holding every certificate it issued and its newest revocation list.
 */
public final class CertificateAuthority {
  public static final String ROOT_KEY = "root";
  public static final String CA_KEY = "ca";

  private final EcSigner caKey;
  private final Certificate root;
  private final Certificate ca;
  private final RevocationStore revocations;
  private final Duration listPeriod;
  private final SecureRandom random;
  private final TrustStore trust;
  private RevocationList current;

  private CertificateAuthority(EcSigner caKey, Certificate root, Certificate ca,
      RevocationStore revocations, Duration listPeriod, SecureRandom random, TrustStore trust) {
    this.caKey = caKey;
    this.root = root;
    this.ca = ca;
    this.revocations = revocations;
    this.listPeriod = listPeriod;
    this.random = random;
    this.trust = trust;
  }

  /**
   * Generates the root key (labelled {@value #ROOT_KEY}) with its self-signed certificate, and the
   * CA key ({@value #CA_KEY}) with a certificate signed by the root, both valid from {@code now}.
   *
   * @param listPeriod how long a revocation list stays current: its nextUpdate is issuedAt plus
   *     this
   */
  public static CertificateAuthority create(KeyVault vault, RevocationStore revocations,
      Duration rootValidity, Duration caValidity, Duration listPeriod, Instant now,
      SecureRandom random) {
    Objects.requireNonNull(revocations, "revocations");
    requirePositive(rootValidity, "rootValidity");
    requirePositive(caValidity, "caValidity");
    requirePositive(listPeriod, "listPeriod");
    Instant from = now.truncatedTo(ChronoUnit.SECONDS);
    EcSigner rootKey = vault.createSigningKey(ROOT_KEY);
    Certificate root = Certificate.issue(rootKey, serial(random), CertRole.ROOT,
        KeyAlgorithm.EC_P256, rootKey.publicKey(), new byte[0], from, from.plus(rootValidity));
    EcSigner caKey = vault.createSigningKey(CA_KEY);
    Certificate ca = Certificate.issue(rootKey, serial(random), CertRole.CA, KeyAlgorithm.EC_P256,
        caKey.publicKey(), new byte[0], from, earlier(from.plus(caValidity), root.notAfter()));
    TrustStore trust;
    try {
      trust = TrustStore.anchoredAt(root);
    } catch (ArtcashException e) {
      throw new IllegalStateException("the root certificate just made is not a valid root", e);
    }
    trust.addAll(List.of(ca));
    return new CertificateAuthority(caKey, root, ca, revocations, listPeriod, random, trust);
  }

  /**
   * The CA again over its existing key and certificates, as {@link #create} made them: the root,
   * the CA certificate, and the certificates the CA issued to agents, which its trust store knows
   * again. Revocations come from {@code revocations} as before.
   *
   * @throws ArtcashException {@link Reason#CHAIN_INVALID} when the root is not a valid root, the
   *     CA certificate is not the root's certificate of {@code caKey}, or an agent certificate was
   *     not issued by this CA
   */
  public static CertificateAuthority open(EcSigner caKey, Certificate root, Certificate ca,
      Collection<Certificate> issued, RevocationStore revocations, Duration listPeriod,
      SecureRandom random) throws ArtcashException {
    Objects.requireNonNull(caKey, "caKey");
    Objects.requireNonNull(revocations, "revocations");
    Objects.requireNonNull(random, "random");
    requirePositive(listPeriod, "listPeriod");
    TrustStore trust;
    try {
      trust = TrustStore.anchoredAt(root);
    } catch (ArtcashException e) {
      throw new ArtcashException(Reason.CHAIN_INVALID, "the stored root certificate is not a"
          + " valid root of trust: " + e.getMessage(), e);
    }
    if (ca.role() != CertRole.CA || !ca.issuerKeyId().equals(root.subjectKeyId())
        || !ca.verifySignature(root.publicKey())) {
      throw new ArtcashException(Reason.CHAIN_INVALID, "the stored CA certificate "
          + ca.subjectKeyId().shortHex() + " is not a CA certificate signed by the root "
          + root.subjectKeyId().shortHex());
    }
    if (!Arrays.equals(ca.publicKey(), caKey.publicKey())) {
      throw new ArtcashException(Reason.CHAIN_INVALID, "the stored CA certificate is for key "
          + ca.subjectKeyId().shortHex() + ", not for the CA key in the key vault");
    }
    for (Certificate c : issued) {
      if (!c.issuerKeyId().equals(ca.subjectKeyId()) || !c.verifySignature(ca.publicKey())) {
        throw new ArtcashException(Reason.CHAIN_INVALID, "the stored " + c.role()
            + " certificate " + c.subjectKeyId().shortHex() + " was not issued by the CA "
            + ca.subjectKeyId().shortHex());
      }
    }
    trust.addAll(List.of(ca));
    trust.addAll(issued);
    return new CertificateAuthority(caKey, root, ca, revocations, listPeriod, random, trust);
  }

  public Certificate root() {
    return root;
  }

  public Certificate caCertificate() {
    return ca;
  }

  /**
   * The issuer's trust store: anchored at the root, knowing the CA and every certificate issued
   * here, with the newest revocation list installed.
   */
  public TrustStore trustStore() {
    return trust;
  }

  /** An ART factory's P-256 key (sec. 3.3). */
  public Certificate certifyArtFactory(byte[] publicKey, Instant notBefore, Duration validity)
      throws ArtcashException {
    P256.decode(publicKey);
    return issue(CertRole.ART_FACTORY, KeyAlgorithm.EC_P256, publicKey, new byte[0], notBefore,
        validity);
  }

  /**
   * A payment-key certifier's RSA blind-signature key for one class (sec. 3.3); the payment keys it
   * certifies are valid within this certificate's window.
   */
  public Certificate certifyPaymentKeyCertifier(RSAPublicKey key, PaymentKeyClass keyClass,
      Instant notBefore, Duration validity) throws ArtcashException {
    byte[] encoded = BlindRsa.encodePublicKey(key);
    BlindRsa.decodePublicKey(encoded);
    return issue(CertRole.PAYMENT_KEY_CERTIFIER, KeyAlgorithm.RSA_BSSA_SHA384_PSS_RANDOMIZED,
        encoded, keyClass.encode(), notBefore, validity);
  }

  /** The MonEbox management component's key that certifies device keys (sec. 6). */
  public Certificate certifyDeviceAttestation(byte[] publicKey, Instant notBefore,
      Duration validity) throws ArtcashException {
    P256.decode(publicKey);
    return issue(CertRole.DEVICE_ATTESTATION, KeyAlgorithm.EC_P256, publicKey, new byte[0],
        notBefore, validity);
  }

  /**
   * Revokes a key of any level (agent, device or payment key) and publishes a new revocation list
   * at once. Idempotent: false when the key was revoked already.
   */
  public synchronized boolean revoke(Bytes keyId, String reason, Instant now) {
    boolean added = revocations.revoke(keyId, reason, now.truncatedTo(ChronoUnit.SECONDS));
    publish(now, revokedKeyIds());
    return added;
  }

  /**
   * The current signed revocation list. A new one (next sequence number, nextUpdate = issuedAt +
   * the list period) is signed when there is none yet, when the set of revoked keys changed, or
   * when less than half of the current list's period is left, so a list handed out is always good
   * for at least half a period.
   */
  public synchronized RevocationList revocationList(Instant now) {
    Set<Bytes> revoked = revokedKeyIds();
    if (current == null || !current.revoked().equals(revoked)
        || !now.isBefore(current.nextUpdate().minus(listPeriod.dividedBy(2)))) {
      publish(now, revoked);
    }
    return current;
  }

  /** The certificates from {@code leaf} up to the root (leaf first, root excluded). */
  public List<Certificate> chainFor(Certificate leaf) {
    return trust.chainFor(leaf.subjectKeyId());
  }

  private Certificate issue(CertRole role, KeyAlgorithm algorithm, byte[] publicKey,
      byte[] attributes, Instant notBefore, Duration validity) {
    requirePositive(validity, "validity");
    Instant from = notBefore.truncatedTo(ChronoUnit.SECONDS);
    if (from.isBefore(ca.notBefore()) || !from.isBefore(ca.notAfter())) {
      throw new IllegalArgumentException("a " + role + " certificate from " + from
          + " does not start within the CA's validity " + ca.notBefore() + " to " + ca.notAfter());
    }
    // A certificate cannot outlive the CA that vouches for it: its window is cut at the CA's end.
    Instant until = earlier(from.plus(validity), ca.notAfter());
    Certificate c = Certificate.issue(caKey, serial(random), role, algorithm, publicKey,
        attributes, from, until);
    trust.addAll(List.of(c));
    return c;
  }

  private Set<Bytes> revokedKeyIds() {
    Set<Bytes> ids = new HashSet<>();
    for (Revocation r : revocations.list()) {
      ids.add(r.keyId());
    }
    return ids;
  }

  private void publish(Instant now, Set<Bytes> revoked) {
    Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
    RevocationList list = RevocationList.issue(caKey, revocations.nextListSequence(), issuedAt,
        issuedAt.plus(listPeriod), revoked);
    try {
      trust.updateRevocationList(list);
    } catch (ArtcashException e) {
      throw new IllegalStateException("the CA's own revocation list does not validate: "
          + e.getMessage(), e);
    }
    current = list;
  }

  private static Bytes serial(SecureRandom random) {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return Bytes.copyOf(b);
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero() || d.getNano() != 0) {
      throw new IllegalArgumentException(name + " must be a positive whole number of seconds: " + d);
    }
  }
}
