package org.artcash.issuer.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.artcash.core.codec.Bytes;

/** Small JDBC helpers shared by the repositories; portable between H2 and PostgreSQL. */
final class Jdbc {
  /** Longest identifier (device id, pseudonym, hash, key id) accepted, in bytes. */
  static final int MAX_ID_LENGTH = 64;

  /** SQLSTATE of a unique (or primary key) violation: the same on H2 and PostgreSQL. */
  static final String UNIQUE_VIOLATION = "23505";

  private Jdbc() {}

  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /**
   * Binds parameters by Java type: {@link Bytes} and {@code byte[]} as bytes, {@link Instant} as
   * epoch seconds, {@link Long}, {@link Integer}, {@link Boolean}, {@link String}; an {@link
   * Optional} of one of
   * those, empty meaning SQL NULL (typed as bytes: the only nullable parameter this package has).
   */
  static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      int index = i + 1;
      Object p = params[i];
      if (p instanceof Optional<?> o) {
        if (o.isEmpty()) {
          ps.setNull(index, Types.VARBINARY);
          continue;
        }
        p = o.get();
      }
      switch (p) {
        case Bytes b -> ps.setBytes(index, b.toArray());
        case byte[] b -> ps.setBytes(index, b);
        case Instant t -> ps.setLong(index, seconds(t));
        case Long l -> ps.setLong(index, l);
        case Integer n -> ps.setInt(index, n);
        case Boolean b -> ps.setBoolean(index, b);
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
   * unique constraint. Afterwards the transaction is still usable, also on PostgreSQL (where a
   * failed statement otherwise aborts the whole transaction). When a concurrent transaction has
   * inserted the same key but not committed yet, both databases wait for it to finish first.
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
        return Optional.ofNullable(first); // a SQL NULL (SUM of no rows) maps to empty
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

  static long seconds(Instant at) {
    return at.getEpochSecond();
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return Instant.ofEpochSecond(rs.getLong(column));
  }

  /** A nullable BIGINT column of epoch seconds. */
  static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
    long s = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(s));
  }

  static Bytes bytes(ResultSet rs, String column) throws SQLException {
    return Bytes.copyOf(rs.getBytes(column));
  }

  static Optional<Bytes> optionalBytes(ResultSet rs, String column) throws SQLException {
    byte[] b = rs.getBytes(column);
    return b == null ? Optional.empty() : Optional.of(Bytes.copyOf(b));
  }

  static Bytes id(Bytes id, String what) {
    Objects.requireNonNull(id, what);
    if (id.length() < 1 || id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          what + " must be 1 to " + MAX_ID_LENGTH + " bytes, not " + id.length());
    }
    return id;
  }

  static byte[] blob(byte[] value, String what) {
    Objects.requireNonNull(value, what);
    return value.clone();
  }

  static String text(String value, int maxLength, String what) {
    Objects.requireNonNull(value, what);
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(
          what + " is " + value.length() + " characters; at most " + maxLength + " are stored");
    }
    return value;
  }

  static Instant time(Instant at, String what) {
    return Objects.requireNonNull(at, what);
  }
}
