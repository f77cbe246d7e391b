package org.artcash.core.pki;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.codec.Bytes;
import org.artcash.core.codec.Decoder;
import org.artcash.core.codec.Encoder;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.Ecdsa;
import org.artcash.core.crypto.KeyAlgorithm;
import org.artcash.core.crypto.KeyId;

/**
 * The CA's signed list of revoked key identifiers (any level: agent keys, device keys, single
 * payment keys found misused by inspection). A newer list has a higher sequence number. Layout in
 * docs/PROTOCOL.md ("Revocation list", type 0x02).
 */
public final class RevocationList {
  public static final int TYPE = 0x02;
  public static final int VERSION = 1;
  public static final int MAX_ENTRIES = 4096;

  private final long sequence;
  private final Instant issuedAt;
  private final Instant nextUpdate;
  private final Set<Bytes> revoked;
  private final Bytes issuerKeyId;
  private final byte[] body;
  private final byte[] signature;

  private RevocationList(long sequence, Instant issuedAt, Instant nextUpdate, Set<Bytes> revoked,
      Bytes issuerKeyId, byte[] body, byte[] signature) {
    this.sequence = sequence;
    this.issuedAt = issuedAt;
    this.nextUpdate = nextUpdate;
    this.revoked = revoked;
    this.issuerKeyId = issuerKeyId;
    this.body = body;
    this.signature = signature;
  }

  public static RevocationList issue(EcSigner ca, long sequence, Instant issuedAt,
      Instant nextUpdate, Collection<Bytes> revokedKeyIds) {
    TreeSet<Bytes> sorted = new TreeSet<>(revokedKeyIds);
    if (sorted.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("too many revocations for one list");
    }
    Bytes caKeyId = KeyId.of(KeyAlgorithm.EC_P256, ca.publicKey());
    Encoder e = new Encoder().u8(TYPE).u8(VERSION).fixed(caKeyId, KeyId.LENGTH).u64(sequence)
        .time(issuedAt).time(nextUpdate).u16(sorted.size());
    for (Bytes id : sorted) {
      e.fixed(id, KeyId.LENGTH);
    }
    byte[] body = e.toByteArray();
    return new RevocationList(sequence, issuedAt, nextUpdate, Set.copyOf(sorted), caKeyId, body,
        ca.sign(body));
  }

  public static RevocationList decode(byte[] encoded) throws ArtcashException {
    Decoder d = Decoder.of(encoded, "revocation list");
    d.header(TYPE, VERSION);
    Bytes issuer = d.fixedBytes(KeyId.LENGTH, "issuer key id");
    long seq = d.u64("sequence");
    Instant issuedAt = d.time("issued at");
    Instant nextUpdate = d.time("next update");
    int n = d.u16("count");
    if (n > MAX_ENTRIES) {
      throw new ArtcashException(Reason.LENGTH_OVER_LIMIT,
          "revocation list: " + n + " entries declared; at most " + MAX_ENTRIES + " are allowed");
    }
    List<Bytes> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Bytes id = d.fixedBytes(KeyId.LENGTH, "revoked key id");
      if (!ids.isEmpty() && ids.get(ids.size() - 1).compareTo(id) >= 0) {
        throw d.nonCanonical("revoked key id", "entries must be sorted ascending without duplicates");
      }
      ids.add(id);
    }
    byte[] body = d.slice(0);
    byte[] sig = d.fixed(Ecdsa.SIGNATURE_LENGTH, "signature");
    d.finish();
    return new RevocationList(seq, issuedAt, nextUpdate, Set.copyOf(ids), issuer, body, sig);
  }

  public byte[] encode() {
    byte[] out = Arrays.copyOf(body, body.length + signature.length);
    System.arraycopy(signature, 0, out, body.length, signature.length);
    return out;
  }

  public boolean verifySignature(byte[] caPublicKey) {
    return Ecdsa.verify(caPublicKey, body, signature);
  }

  public boolean isRevoked(Bytes keyId) {
    return revoked.contains(keyId);
  }

  public long sequence() {
    return sequence;
  }

  public Instant issuedAt() {
    return issuedAt;
  }

  public Instant nextUpdate() {
    return nextUpdate;
  }

  public Bytes issuerKeyId() {
    return issuerKeyId;
  }

  public Set<Bytes> revoked() {
    return revoked;
  }
}
