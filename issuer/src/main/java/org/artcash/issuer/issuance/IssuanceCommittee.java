package org.artcash.issuer.issuance;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.artcash.core.ArtcashException;
import org.artcash.core.Reason;
import org.artcash.core.crypto.EcSigner;
import org.artcash.core.crypto.Ecdsa;
import org.artcash.core.crypto.P256;
import org.artcash.core.issuance.IssuanceOrder;
import org.artcash.monebox.Personalisation;

/**
 * The issuance committee (de Jong 2024, sec. 6): n designated people, each with a signing key of
 * their own, of whom any k must sign an order before the issuer's MonEbox creates or destroys
 * e-cash. The MonEbox holds the members' public keys; the keys themselves are in the issuer's key
 * vault, or fresh software keys from {@link #generate}.
 */
public final class IssuanceCommittee {
  private final List<Member> members;
  private final int quorum;

  /** A committee member: a name for the record and the key only that member uses. */
  public record Member(String name, EcSigner key) {
    public Member {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(key, "key");
    }
  }

  public IssuanceCommittee(List<Member> members, int quorum) {
    this.members = List.copyOf(members);
    if (quorum < 1 || quorum > this.members.size()
        || this.members.size() > IssuanceOrder.MAX_SIGNATURES) {
      throw new IllegalArgumentException("need 1 <= quorum <= members <= "
          + IssuanceOrder.MAX_SIGNATURES + "; got " + quorum + " of " + this.members.size());
    }
    this.quorum = quorum;
  }

  /** n members with fresh software keys, named "member 1" to "member n". */
  public static IssuanceCommittee generate(int size, int quorum, SecureRandom random) {
    List<EcSigner> keys = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      KeyPair pair = P256.generate(random);
      keys.add(Ecdsa.softwareSigner((ECPrivateKey) pair.getPrivate(),
          (ECPublicKey) pair.getPublic(), random));
    }
    return of(keys, quorum);
  }

  /**
   * The committee of the members with these existing keys, named "member 1" to "member n" in this
   * order: the order of the public keys the issuer's MonEbox holds.
   */
  public static IssuanceCommittee of(List<EcSigner> memberKeys, int quorum) {
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < memberKeys.size(); i++) {
      members.add(new Member("member " + (i + 1), memberKeys.get(i)));
    }
    return new IssuanceCommittee(members, quorum);
  }

  public int size() {
    return members.size();
  }

  public int quorum() {
    return quorum;
  }

  public List<Member> members() {
    return members;
  }

  /** The members' public keys, by member index: what the issuer's MonEbox checks against. */
  public List<byte[]> publicKeys() {
    List<byte[]> keys = new ArrayList<>(members.size());
    for (Member m : members) {
      keys.add(m.key().publicKey());
    }
    return keys;
  }

  /** What is installed in the issuer's MonEbox at its personalisation. */
  public Personalisation.Committee forPersonalisation() {
    return new Personalisation.Committee(publicKeys(), quorum);
  }

  /**
   * The order signed by each approving member (by index, 0-based).
   *
   * @throws ArtcashException {@link Reason#QUORUM_NOT_MET} when fewer than the quorum approve
   */
  public IssuanceOrder approve(IssuanceOrder order, Collection<Integer> approvingMembers)
      throws ArtcashException {
    TreeSet<Integer> approving = new TreeSet<>(approvingMembers);
    for (int index : approving) {
      if (index < 0 || index >= members.size()) {
        throw new IllegalArgumentException("there is no committee member " + index
            + "; members are numbered 0 to " + (members.size() - 1));
      }
    }
    if (approving.size() < quorum) {
      throw new ArtcashException(Reason.QUORUM_NOT_MET, approving.size() + " of "
          + members.size() + " committee members approved issuance order " + order.sequence()
          + "; " + quorum + " must sign before the issuer's MonEbox executes it");
    }
    IssuanceOrder signed = order;
    for (int index : approving) {
      signed = signed.signedBy(index, members.get(index).key());
    }
    return signed;
  }

  /** How many distinct members' signatures on {@code order} verify. */
  public int validSignatures(IssuanceOrder order) {
    return order.validSignatures(publicKeys());
  }
}
