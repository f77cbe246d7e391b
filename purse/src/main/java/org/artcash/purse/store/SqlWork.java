package org.artcash.purse.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.artcash.core.ArtcashException;

/**
 * Work done with one connection inside one transaction ({@link PurseStore#inTransaction}). It
 * must not commit, roll back or close the connection itself.
 */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException, ArtcashException;
}
