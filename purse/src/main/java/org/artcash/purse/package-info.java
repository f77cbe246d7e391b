/**
 * The e-purse's offline digital payment integration software (de Jong 2024, sec. 4.1, fig. 11),
 * one class per functional component:
 *
 * <ul>
 *   <li>conductor: {@link org.artcash.purse.EPurse}, the facade the host's user interface calls,
 *       with {@code MonEboxBinding} (binding and approval cryptograms);
 *   <li>receive payment (payee): {@code ReceivePayment}, requests with the owner's ARTs and
 *       acceptance of transfer tokens in software, with the root of trust only;
 *   <li>control payment (payer): {@code ControlPayment}, pre-flight, approval stored as a payment
 *       intent before the MonEbox sees it, idempotent payment, and {@code Redemption} when the
 *       balance is short;
 *   <li>credential manager: {@code CredentialManager}, revocation lists, payment keys and the ART
 *       cycle with the factory, to the targets in {@link org.artcash.purse.PursePolicy}.
 * </ul>
 *
 * <p>State lives in {@link org.artcash.purse.store.PurseStore}. Every "now" comes from the
 * injected {@link java.time.Clock}, in whole seconds. The owner's authorisation of a payment (PIN,
 * biometrics) belongs to the host's user interface: call {@code pay} only after it.
 */
package org.artcash.purse;
