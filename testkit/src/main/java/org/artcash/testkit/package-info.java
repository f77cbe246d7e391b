/**
 * What tests of every MonEbox and e-purse need (de Jong 2024, sec. 3, 4 and 6): a self-contained
 * {@code TestIssuer} with a settable clock, a {@code TestHost} that binds and approves, the
 * issuer's MonEbox as {@code TestMint}, and {@code MonEboxContract}, the suite every MonEbox
 * implementation extends.
 */
package org.artcash.testkit;
