/**
 * The issuer (de Jong 2024, sec. 3 and sec. 6): its core components and the system agents that
 * provide e-purses with credentials, one package per component of figs. 7, 8, 9 and 14.
 *
 * <ul>
 *   <li>{@code ca}: root of trust and certificate authority; revocation lists.
 *   <li>{@code device}: MonEbox management, the register of devices and their status.
 *   <li>{@code pseudonym}: user pseudonyms and the sealed identity register.
 *   <li>{@code provisioning}: the e-purse provisioning station's personalisation of a MonEbox.
 *   <li>{@code certification}: payment-key certification (blind signatures).
 *   <li>{@code factory}: the ART factory and the issuer's ART policy.
 *   <li>{@code inspection}: e-cash inspection of returned ARTs.
 *   <li>{@code issuance}: the issuance committee and the issuer's MonEbox; the supply ledger.
 *   <li>{@code keys}: where private keys live: in memory, or in passphrase-encrypted files for a
 *       development or pilot issuer; an HSM is a separate step.
 *   <li>{@code store}: persistence.
 * </ul>
 *
 * {@link org.artcash.issuer.IssuerSystem} wires them, opening the same issuer again from its
 * database and key vault.
 */
package org.artcash.issuer;
