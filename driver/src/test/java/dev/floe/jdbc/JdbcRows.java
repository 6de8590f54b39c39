package dev.floe.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A query's rows as strings ({@code getString} of each column, joined by '|'), for assertions. */
final class JdbcRows {
  private JdbcRows() {}

  static List<String> of(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return of(rs);
    }
  }

  /** Every row of {@code rs}, columns joined by {@code |} ({@code getString}, NULL as "null"). */
  static List<String> of(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      StringBuilder b = new StringBuilder();
      for (int i = 1; i <= n; i++) {
        b.append(i > 1 ? "|" : "").append(rs.getString(i));
      }
      out.add(b.toString());
    }
    return out;
  }
}
