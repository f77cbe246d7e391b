package org.artcash.issuer.store;

import java.sql.SQLException;

/**
 * The issuer database failed: unreachable, a migration that does not apply, a disk that is full.
 * Not a protocol outcome (those are {@link org.artcash.core.ArtcashException}), and not something
 * the caller can fix by changing the request, so it is unchecked.
 */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  static StoreException of(SQLException e) {
    return new StoreException("issuer database error (SQLSTATE " + e.getSQLState() + "): "
        + e.getMessage(), e);
  }
}
