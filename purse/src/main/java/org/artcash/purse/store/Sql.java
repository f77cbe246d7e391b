package org.artcash.purse.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.artcash.core.codec.Bytes;

/**
 * Parameter binding and row reading for the optional components' tables (budget jars, payment
 * schedule, points of sale), the same on H2 and PostgreSQL.
 */
public final class Sql {
  private Sql() {}

  @FunctionalInterface
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  public static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    }
  }

  public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(row.map(rs));
        }
        return out;
      }
    }
  }

  public static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... params)
      throws SQLException {
    List<T> rows = list(c, sql, row, params);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  public static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(v));
  }

  private static void bind(PreparedStatement ps, Object... params) throws SQLException {
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
        case Boolean b -> ps.setInt(index, b ? 1 : 0);
        case String s -> ps.setString(index, s);
        case null -> throw new IllegalArgumentException("SQL parameter " + index + " is null");
        default -> throw new IllegalArgumentException(
            "SQL parameter " + index + " has unsupported type " + p.getClass().getName());
      }
    }
  }
}
