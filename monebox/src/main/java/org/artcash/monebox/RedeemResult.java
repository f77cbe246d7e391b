package org.artcash.monebox;

import org.artcash.core.codec.Bytes;
import org.artcash.core.money.Amount;

/**
 * The outcome of a redemption: what was credited now (zero when it was already redeemed), the
 * ART's total redeemed so far, and the new balance.
 */
public record RedeemResult(Bytes artId, Amount credited, Amount totalRedeemed, Amount balance) {}
