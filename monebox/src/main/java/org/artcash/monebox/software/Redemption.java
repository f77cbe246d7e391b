package org.artcash.monebox.software;

import java.time.Instant;
import org.artcash.core.codec.Bytes;

/**
 * How much of one of the owner's ARTs has been credited to the balance (de Jong 2024, sec. 2.3,
 * note 9: "a redeemed ART is recorded in the secure persistent memory"). Kept until the ART's
 * redemption window has closed, after which the ART is refused anyway.
 */
record Redemption(Bytes artId, long redeemed, Instant redeemUntil) {}
