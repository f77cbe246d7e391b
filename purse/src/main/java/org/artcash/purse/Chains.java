package org.artcash.purse;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.artcash.core.pki.Certificate;

/** Joins certificate chains for a message: in order, without repeats, within its limit. */
final class Chains {
  /** The most chain certificates a payment request or a transfer token carries. */
  static final int MESSAGE = 4;
  /** The most an ART log carries ({@code Art}). */
  static final int LOG = 64;

  private Chains() {}

  @SafeVarargs
  static List<Certificate> join(int limit, List<Certificate>... chains) {
    Set<Certificate> joined = new LinkedHashSet<>();
    for (List<Certificate> chain : chains) {
      joined.addAll(chain);
    }
    return joined.stream().limit(limit).toList();
  }
}
