package org.artcash.purse.store;

import java.sql.SQLException;

/**
 * The e-purse database failed: unreachable, a migration that does not apply, a full disk. Not a
 * protocol outcome (those are {@link org.artcash.core.ArtcashException}) and not something the
 * caller fixes by changing the request, so it is unchecked.
 */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  static StoreException of(SQLException e) {
    return new StoreException("e-purse database error (SQLSTATE " + e.getSQLState() + "): "
        + e.getMessage(), e);
  }
}
