package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Unaliased result columns are named as PostgreSQL names them (count, sum, ?column?), not EXPR$0. */
class ColumnLabelsTest {
  private static Connection c;

  @BeforeAll
  static void data() throws SQLException {
    c = DriverManager.getConnection(TestUrls.mem());
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (x INTEGER, g VARCHAR)");
      s.execute("INSERT INTO t VALUES (1, 'a'), (2, 'a'), (3, 'b')");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    c.close();
  }

  private static List<String> labels(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      assertEquals(md.getColumnLabel(i), md.getColumnName(i), "label and name of column " + i);
      names.add(md.getColumnLabel(i));
    }
    return names;
  }

  private static List<String> labels(String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return labels(rs);
    }
  }

  @Test
  void aggregatesAndFunctionsAreNamedByTheirFunctionOtherExpressionsQuestionColumn() throws SQLException {
    assertEquals(List.of("count", "sum", "avg", "max", "min", "?column?", "x", "case", "upper", "n", "g"),
        labels("SELECT COUNT(*), SUM(x), AVG(x), MAX(x), MIN(g), x + 1, CAST(x AS BIGINT),"
            + " CASE WHEN x > 1 THEN 'y' END, UPPER(g), COUNT(*) AS n, g FROM t GROUP BY x, g"));
    assertEquals(List.of("count", "count"), labels("SELECT COUNT(*), COUNT(x) FROM t"), "duplicate names are legal");
    assertEquals(List.of("?column?"), labels("SELECT 1 UNION ALL SELECT 2 ORDER BY 1"));
    assertEquals(List.of("sum"), labels("WITH w AS (SELECT x FROM t) SELECT SUM(x) FROM w"));
    assertEquals(List.of("row_number"), labels("SELECT ROW_NUMBER() OVER (ORDER BY x) FROM t"));
  }

  @Test
  void namesHoldForKeptPlansAndParameters() throws SQLException {
    for (int i = 0; i < 3; i++) { // the second and third runs reuse the kept plan
      assertEquals(List.of("?column?", "max"), labels("SELECT x * " + (i + 2) + ", MAX(g) FROM t WHERE x > " + i + " GROUP BY x"));
    }
    try (PreparedStatement p = c.prepareStatement("SELECT SUM(x) + ?, COUNT(*) FROM t")) {
      p.setInt(1, 1);
      try (ResultSet rs = p.executeQuery()) {
        assertEquals(List.of("?column?", "count"), labels(rs));
      }
    }
  }
}
