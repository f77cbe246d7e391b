package org.artcash.core;

import java.util.Objects;

/**
 * The one checked exception for protocol failures: bad input, a rule of the protocol broken, a
 * credential that does not verify. Each carries a {@link Reason} and a message a person can act on.
 * Programmer errors are {@link IllegalArgumentException} or {@link IllegalStateException} instead.
 */
public final class ArtcashException extends Exception {
  private final Reason reason;

  public ArtcashException(Reason reason, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public ArtcashException(Reason reason, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }

  /** "[REASON] message": what the CLI prints; never a stack trace. */
  public String describe() {
    return "[" + reason + "] " + getMessage();
  }
}
