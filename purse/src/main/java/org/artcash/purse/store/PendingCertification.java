package org.artcash.purse.store;

import java.time.Instant;
import org.artcash.core.credential.CertificationRequest;

/** A payment-key certification request sealed by the MonEbox and not yet answered. */
public record PendingCertification(CertificationRequest request, Instant createdAt) {}
