package org.artcash.core.pki;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;

/**
 * Validates certificate chains up to the issuer's root of trust, with the newest signed revocation
 * list, and caches chains it has validated (de Jong 2024, sec. 4.1: "the validity of certificates in
 * a chain is cached"). Thread-safe.
 */
public final class TrustStore {
  private static final int MAX_DEPTH = 4;
  private static final int CACHE_SIZE = 1024;

  private final Certificate root;
  private final Map<Bytes, Certificate> known = new ConcurrentHashMap<>();
  private volatile RevocationList revocations;
  private final Map<CacheKey, Validated> cache = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<CacheKey, Validated> eldest) {
      return size() > CACHE_SIZE;
    }
  };

  private record CacheKey(Bytes fingerprint, CertRole role) {}

  private record Validated(Instant from, Instant until, long revocationSequence) {}

  private TrustStore(Certificate root) {
    this.root = root;
  }

  /** A trust store anchored at a self-signed ROOT certificate, which is checked here. */
  public static TrustStore anchoredAt(Certificate root) throws ArtcashException {
    if (root.role() != CertRole.ROOT || !root.isSelfSigned()) {
      throw new ArtcashException(Reason.WRONG_ROLE,
          "a root of trust must be a self-signed ROOT certificate; got " + root);
    }
    if (!root.verifySignature(root.publicKey())) {
      throw new ArtcashException(Reason.BAD_SIGNATURE,
          "the root of trust's self-signature does not verify");
    }
    return new TrustStore(root);
  }

  public Certificate root() {
    return root;
  }

  /**
   * Remembers certificates from a trusted channel (the credential manager, personalisation); each
   * is still validated when used. Certificates offered with a message go through {@link #validate}.
   */
  public void addAll(Collection<Certificate> certificates) {
    for (Certificate c : certificates) {
      known.putIfAbsent(c.subjectKeyId(), c);
    }
  }

  public Optional<Certificate> find(Bytes keyId) {
    if (root.subjectKeyId().equals(keyId)) {
      return Optional.of(root);
    }
    return Optional.ofNullable(known.get(keyId));
  }

  /** Known certificates, for passing a chain along with a message. */
  public List<Certificate> chainFor(Bytes keyId) {
    java.util.ArrayList<Certificate> chain = new java.util.ArrayList<>();
    Optional<Certificate> c = find(keyId);
    for (int depth = 0; c.isPresent() && !c.get().isSelfSigned() && depth < MAX_DEPTH; depth++) {
      chain.add(c.get());
      c = find(c.get().issuerKeyId());
    }
    return chain;
  }

  public Optional<RevocationList> revocationList() {
    return Optional.ofNullable(revocations);
  }

  /**
   * Installs a newer revocation list signed by a valid CA key. An older or equal sequence is
   * ignored (returns false), so replaying an old list cannot un-revoke a key.
   */
  public synchronized boolean updateRevocationList(RevocationList list) throws ArtcashException {
    Certificate ca = find(list.issuerKeyId()).orElseThrow(() -> new ArtcashException(
        Reason.UNKNOWN_ISSUER, "the revocation list is signed by an unknown key "
            + list.issuerKeyId().shortHex() + "; fetch the CA certificate first"));
    validateChain(ca, CertRole.CA, list.issuedAt(), List.of(), false);
    if (!list.verifySignature(ca.publicKey())) {
      throw new ArtcashException(Reason.BAD_SIGNATURE,
          "the revocation list's signature does not verify");
    }
    RevocationList current = revocations;
    if (current != null && list.sequence() <= current.sequence()) {
      return false;
    }
    revocations = list;
    synchronized (cache) {
      cache.clear();
    }
    return true;
  }

  public boolean isRevoked(Bytes keyId) {
    RevocationList r = revocations;
    return r != null && r.isRevoked(keyId);
  }

  /**
   * Checks that {@code leaf} has {@code role} and chains to the root with every certificate valid at
   * {@code at}, correctly signed by a key of the right role, and not revoked. {@code extra} may
   * supply intermediates that came with a message; valid ones are remembered.
   */
  public Certificate validate(Certificate leaf, CertRole role, Instant at,
      Collection<Certificate> extra) throws ArtcashException {
    return validateChain(leaf, role, at, extra, true);
  }

  /** Validates the certificate known for {@code keyId}. */
  public Certificate validateKey(Bytes keyId, CertRole role, Instant at) throws ArtcashException {
    Certificate c = find(keyId).orElseThrow(() -> new ArtcashException(Reason.UNKNOWN_ISSUER,
        "no certificate is known for " + role + " key " + keyId.shortHex()
            + "; the sender must include it"));
    return validate(c, role, at, List.of());
  }

  private Certificate validateChain(Certificate leaf, CertRole role, Instant at,
      Collection<Certificate> extra, boolean useCache) throws ArtcashException {
    if (leaf.role() != role) {
      throw new ArtcashException(Reason.WRONG_ROLE,
          "expected a " + role + " certificate, got a " + leaf.role() + " certificate");
    }
    RevocationList r = revocations;
    long seq = r == null ? -1 : r.sequence();
    CacheKey key = new CacheKey(leaf.fingerprint(), role);
    if (useCache) {
      Validated v;
      synchronized (cache) {
        v = cache.get(key);
      }
      if (v != null && v.revocationSequence == seq && !at.isBefore(v.from) && !at.isAfter(v.until)) {
        return leaf;
      }
    }
    Map<Bytes, Certificate> offered = new java.util.HashMap<>();
    for (Certificate c : extra) {
      offered.put(c.subjectKeyId(), c);
    }
    Instant from = Instant.MIN;
    Instant until = Instant.MAX;
    List<Certificate> walked = new java.util.ArrayList<>();
    Certificate current = leaf;
    for (int depth = 0; ; depth++) {
      if (depth > MAX_DEPTH) {
        throw new ArtcashException(Reason.CHAIN_INVALID, "certificate chain is longer than "
            + MAX_DEPTH + " links");
      }
      checkValidity(current, at);
      if (r != null && r.isRevoked(current.subjectKeyId())) {
        throw new ArtcashException(Reason.REVOKED, current.role() + " key "
            + current.subjectKeyId().shortHex() + " has been revoked by the issuer");
      }
      from = current.notBefore().isAfter(from) ? current.notBefore() : from;
      until = current.notAfter().isBefore(until) ? current.notAfter() : until;
      if (current.equals(root)) {
        break;
      }
      if (current.role() == CertRole.ROOT) {
        throw new ArtcashException(Reason.UNKNOWN_ISSUER,
            "the chain ends at a root that is not this system's root of trust");
      }
      Bytes issuerId = current.issuerKeyId();
      // Certificates installed through the credential manager win over ones a sender offers, so a
      // sender cannot substitute a different certificate for a key this store already knows.
      Certificate issuer = root.subjectKeyId().equals(issuerId) ? root
          : known.getOrDefault(issuerId, offered.get(issuerId));
      if (issuer == null) {
        throw new ArtcashException(Reason.UNKNOWN_ISSUER, "no certificate for the key "
            + issuerId.shortHex() + " that signed the " + current.role()
            + " certificate; the sender must include the chain");
      }
      if (issuer.role() != current.role().issuerRole()) {
        throw new ArtcashException(Reason.CHAIN_INVALID, "a " + current.role()
            + " certificate must be signed by a " + current.role().issuerRole() + " key, not a "
            + issuer.role() + " key");
      }
      if (!current.verifySignature(issuer.publicKey())) {
        throw new ArtcashException(Reason.BAD_SIGNATURE, "the " + current.role()
            + " certificate " + current.serial().shortHex() + " is not validly signed by its issuer");
      }
      walked.add(current);
      current = issuer;
    }
    // Only certificates on the chain just validated are remembered: an offered certificate that
    // was not checked must not shadow a genuine one with the same key id later.
    for (Certificate c : walked) {
      known.putIfAbsent(c.subjectKeyId(), c);
    }
    if (useCache) {
      synchronized (cache) {
        cache.put(key, new Validated(from, until, seq));
      }
    }
    return leaf;
  }

  private static void checkValidity(Certificate c, Instant at) throws ArtcashException {
    if (at.isBefore(c.notBefore())) {
      throw new ArtcashException(Reason.NOT_YET_VALID, "the " + c.role() + " certificate "
          + c.serial().shortHex() + " is valid only from " + c.notBefore() + " (checked at " + at
          + ")");
    }
    if (at.isAfter(c.notAfter())) {
      throw new ArtcashException(Reason.EXPIRED, "the " + c.role() + " certificate "
          + c.serial().shortHex() + " expired at " + c.notAfter() + " (checked at " + at
          + "); fetch fresh credentials");
    }
  }
}
