package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code EXPLAIN ANALYZE} runs the query and answers its plan with the time and the rows it took;
 * a write is refused without being run; a bare {@code EXPLAIN} is {@code EXPLAIN PLAN FOR}.
 */
class ExplainAnalyzeTest {
  private static List<String> lines(ResultSet rs) throws SQLException {
    assertEquals("QUERY PLAN", rs.getMetaData().getColumnLabel(1));
    List<String> lines = new ArrayList<>();
    while (rs.next()) {
      lines.add(rs.getString(1));
    }
    return lines;
  }

  @Test
  void analyzeRunsTheQueryAndCountsItsRows() throws SQLException {
    String url = TestUrls.fresh("file");
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (a INT, b VARCHAR)");
      s.executeUpdate("INSERT INTO t VALUES (1, 'x'), (2, 'y'), (3, 'z')");
      List<String> plan = lines(s.executeQuery("EXPLAIN ANALYZE SELECT a FROM t WHERE a > 1;"));
      assertTrue(plan.stream().anyMatch(l -> l.contains("FloeTableScan")), plan.toString());
      assertTrue(plan.contains("Rows: 2"), plan.toString());
      assertTrue(plan.stream().anyMatch(l -> l.startsWith("Execution Time: ")), plan.toString());
      assertTrue(s.execute("explain analyse SELECT COUNT(*) FROM t"));
      assertTrue(lines(s.getResultSet()).contains("Rows: 1"));

      SQLException write = assertThrows(SQLException.class,
          () -> s.executeQuery("EXPLAIN ANALYZE INSERT INTO t VALUES (4, 'w')"));
      assertEquals("0A000", write.getSQLState());
      assertInstanceOf(SQLFeatureNotSupportedException.class, write);
      assertEquals("0A000", assertThrows(SQLException.class,
          () -> s.executeUpdate("EXPLAIN ANALYZE SELECT a FROM t")).getSQLState());
      assertEquals("42P01", assertThrows(SQLException.class,
          () -> s.executeQuery("EXPLAIN ANALYZE SELECT * FROM missing")).getSQLState());
      assertEquals("22012", assertThrows(SQLException.class,
          () -> s.executeQuery("EXPLAIN ANALYZE SELECT a / 0 FROM t")).getSQLState());
      try (ResultSet count = s.executeQuery("SELECT COUNT(*) FROM t")) {
        count.next();
        assertEquals(3, count.getInt(1), "the refused write ran nothing");
      }

      try (ResultSet bare = s.executeQuery("EXPLAIN SELECT a FROM t WHERE a = 2")) {
        bare.next();
        assertTrue(bare.getString(1).contains("FloeTableScan"), bare.getString(1));
      }
    }
    try (Connection c = DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "readOnly=true");
        Statement s = c.createStatement()) {
      assertTrue(lines(s.executeQuery("EXPLAIN ANALYZE SELECT * FROM t")).contains("Rows: 3"));
      assertEquals("0A000", assertThrows(SQLException.class,
          () -> s.executeQuery("EXPLAIN ANALYZE INSERT INTO t VALUES (5, 'v')")).getSQLState());
      assertEquals("25006", assertThrows(SQLException.class,
          () -> s.executeQuery("EXPLAIN ANALYZE SELECT * FROM TABLE(floe.vacuum('t'))")).getSQLState(),
          "what the query does is checked as for any query");
    }
  }
}
