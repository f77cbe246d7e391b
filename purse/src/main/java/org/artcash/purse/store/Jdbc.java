package org.artcash.purse.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.artcash.core.codec.Bytes;

/** Small JDBC helpers shared by the tables; portable between H2 and PostgreSQL. */
final class Jdbc {
  /** SQLSTATE of a unique (or primary key) violation: the same on H2 and PostgreSQL. */
  static final String UNIQUE_VIOLATION = "23505";

  private Jdbc() {}

  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /**
   * Binds parameters by Java type: {@link Bytes} and {@code byte[]} as bytes, {@link Instant} as
   * epoch seconds, {@link Long}, {@link Integer}, {@link String}; an empty {@link Optional} of a
   * {@link Long} or {@link Instant} is SQL NULL (the only nullable parameters this package has).
   */
  static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      int index = i + 1;
      Object p = params[i];
      if (p instanceof Optional<?> o) {
        if (o.isEmpty()) {
          ps.setNull(index, Types.BIGINT);
          continue;
        }
        p = o.get();
      }
      switch (p) {
        case Bytes b -> ps.setBytes(index, b.toArray());
        case byte[] b -> ps.setBytes(index, b);
        case Instant t -> ps.setLong(index, t.getEpochSecond());
        case Long l -> ps.setLong(index, l);
        case Integer n -> ps.setInt(index, n);
        case String s -> ps.setString(index, s);
        case null -> throw new IllegalArgumentException("SQL parameter " + index + " is null");
        default -> throw new IllegalArgumentException(
            "SQL parameter " + index + " has unsupported type " + p.getClass().getName());
      }
    }
  }

  static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    }
  }

  /**
   * Runs an INSERT under a savepoint and reports whether it inserted: false when it violated a
   * unique constraint. The transaction stays usable, also on PostgreSQL (where a failed statement
   * otherwise aborts the whole transaction).
   */
  static boolean insertUnlessDuplicate(Connection c, String sql, Object... params)
      throws SQLException {
    Savepoint savepoint = c.setSavepoint();
    try {
      update(c, sql, params);
      c.releaseSavepoint(savepoint);
      return true;
    } catch (SQLException e) {
      if (!isUniqueViolation(e)) {
        throw e;
      }
      c.rollback(savepoint);
      return false;
    }
  }

  static boolean isUniqueViolation(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  static <T> Optional<T> queryOne(Connection c, String sql, Row<T> row, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        T first = row.map(rs);
        if (rs.next()) {
          throw new IllegalStateException("more than one row for: " + sql);
        }
        return Optional.ofNullable(first);
      }
    }
  }

  static <T> List<T> queryList(Connection c, String sql, Row<T> row, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(row.map(rs));
        }
        return List.copyOf(out);
      }
    }
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return Instant.ofEpochSecond(rs.getLong(column));
  }

  static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
    long s = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(s));
  }

  static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }

  static Bytes bytes(ResultSet rs, String column) throws SQLException {
    return Bytes.copyOf(rs.getBytes(column));
  }

  /** Stored objects were valid when written; one that no longer decodes means a damaged database. */
  static StoreException corrupt(String what, Exception cause) {
    return new StoreException("the e-purse database holds " + what
        + " that does not decode; the database is damaged or was altered: " + cause.getMessage(),
        cause);
  }
}
