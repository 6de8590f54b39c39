package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plan pushes columns and predicates into the Floe scan, and EXPLAIN shows them. */
class PushdownPlanTest {
  private Connection c;

  @BeforeEach
  void open() throws SQLException {
    c = DriverManager.getConnection("jdbc:floe:mem:plan-" + UUID.randomUUID());
    try (Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE trades (ts TIMESTAMP, sym VARCHAR, px DECIMAL(12,2), qty BIGINT,"
          + " venue VARCHAR, flag BOOLEAN)");
    }
  }

  @AfterEach
  void close() throws SQLException {
    c.close();
  }

  private String explain(String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      StringBuilder b = new StringBuilder();
      while (rs.next()) {
        b.append(rs.getString(1));
      }
      return b.toString();
    }
  }

  @Test
  void onlyTheUsedColumnsAreScanned() throws SQLException {
    String plan = explain("SELECT sym, qty FROM trades");
    assertTrue(plan.contains("FloeTableScan") && plan.contains("columns=[[sym, qty]]"), plan);
    plan = explain("SELECT SUM(qty) FROM trades");
    assertTrue(plan.contains("columns=[[qty]]"), plan);
    plan = explain("SELECT venue, MAX(px) FROM trades GROUP BY venue");
    assertTrue(plan.contains("columns=[[px, venue]]"), plan);
    plan = explain("SELECT COUNT(*) FROM trades");
    assertTrue(plan.contains("columns=[[flag]]"), "COUNT(*) reads the narrowest column: " + plan);
    plan = explain("SELECT COUNT(*) FROM trades WHERE sym = 'A'");
    assertTrue(plan.contains("columns=[[sym]]"), "COUNT(*) reads the column it filters on: " + plan);
  }

  @Test
  void aPushedFilterDoesNotWidenTheScan() throws SQLException {
    String plan = explain("SELECT ts FROM trades WHERE qty > 100 AND sym = 'A'");
    assertTrue(plan.contains("columns=[[ts]]") && plan.contains("filter="),
        "the reader evaluates qty and sym by id without producing them: " + plan);
    plan = explain("SELECT ts FROM trades WHERE qty > 100 AND UPPER(venue) = 'X'");
    assertTrue(plan.contains("columns=[[ts, venue]]"), "the residual's column stays: " + plan);
  }

  @Test
  void aggregatesRunInTheScanWhenTheyCan() throws SQLException {
    String plan = explain("SELECT venue, COUNT(*), SUM(qty), MIN(ts), MAX(qty) FROM trades WHERE sym = 'A'"
        + " GROUP BY venue");
    assertTrue(plan.contains("FloeAggregate") && plan.contains("filter="), plan);
    assertTrue(plan.indexOf("FloeToEnumerableConverter") < plan.indexOf("FloeAggregate"), plan);
    // DECIMAL sums stay with Calcite; COUNT(DISTINCT) counts, in Calcite, the groups the scan made
    assertFalse(explain("SELECT SUM(px) FROM trades").contains("FloeAggregate"));
    plan = explain("SELECT COUNT(DISTINCT sym) FROM trades");
    assertTrue(plan.contains("EnumerableAggregate") && plan.contains("FloeAggregate(group=[{0}])"), plan);
  }

  @Test
  void joinsHashInsteadOfSortingTheirInputs() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE venues (venue VARCHAR, country VARCHAR)");
      // sizes the planner knows from the tables' manifests: a fact table far larger than its dimension
      s.executeUpdate("INSERT INTO trades (sym, qty, venue) SELECT 'A', g, 'v' || CAST(MOD(g, 3) AS VARCHAR)"
          + " FROM generate_series(1, 2000) AS s(g)");
      s.executeUpdate("INSERT INTO venues VALUES ('v0', 'x'), ('v1', 'y'), ('v2', 'z')");
    }
    String plan = explain("SELECT v.country, SUM(t.qty) FROM trades t JOIN venues v ON t.venue = v.venue"
        + " GROUP BY v.country");
    assertTrue(plan.contains("EnumerableHashJoin") && !plan.contains("EnumerableSort"), plan);
    assertTrue(plan.indexOf("FloeAggregate") > plan.indexOf("EnumerableHashJoin"),
        "the fact table is grouped by venue in its scan, below the join: " + plan);
  }

  /**
   * The planner knows each table's row count (from its manifest list): of four joined tables, the
   * three small ones are joined first and the large one last, at the top of the plan. With Calcite's
   * default of 100 rows a table, the large one was joined first, in FROM order.
   */
  @Test
  void joinsAreOrderedByTheTablesSizes() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE big (k INT, v INT)");
      s.executeUpdate("INSERT INTO big SELECT MOD(g, 3), g FROM generate_series(1, 2000) AS s(g)");
      for (String small : List.of("s1", "s2", "s3")) {
        s.executeUpdate("CREATE TABLE " + small + " (k INT)");
        s.executeUpdate("INSERT INTO " + small + " VALUES (0), (1), (2)");
      }
    }
    String plan = explain("SELECT COUNT(*) FROM big, s1, s2, s3 WHERE big.k = s1.k AND s1.k = s2.k AND s2.k = s3.k");
    int big = depth(plan, "big");
    for (String small : List.of("s1", "s2", "s3")) {
      assertTrue(big < depth(plan, small), "the 2,000-row table joins last, above " + small + ": " + plan);
    }
  }

  /** How deep in the plan's text {@code table}'s scan is (its indentation). */
  private static int depth(String plan, String table) {
    for (String line : plan.split("\n")) {
      if (line.contains("FloeTableScan(table=[[floe, " + table + "]]")) {
        return line.indexOf("FloeTableScan");
      }
    }
    throw new AssertionError(table + " is not scanned: " + plan);
  }

  @Test
  void supportedPredicatesArePushedAndTheRestStays() throws SQLException {
    String plan = explain("SELECT px FROM trades WHERE sym = 'AAPL' AND qty > 100"
        + " AND ts >= TIMESTAMP '2026-01-01 00:00:00' AND UPPER(venue) = 'X'");
    assertTrue(plan.contains("filter="), plan);
    assertTrue(plan.contains("\"lit\":\"AAPL\"") && plan.contains("\"cmp\":\"GT\""), plan);
    assertTrue(plan.contains("1767225600000000"), "timestamp in microseconds: " + plan);
    assertTrue(plan.contains("UPPER") && plan.indexOf("UPPER") < plan.indexOf("FloeTableScan"),
        "the residual stays above the scan: " + plan);
  }

  @Test
  void inBetweenLikeNullsAndOrArePushed() throws SQLException {
    String plan = explain("SELECT px FROM trades WHERE sym IN ('A', 'B') AND qty BETWEEN 1 AND 5"
        + " AND venue LIKE 'NY%' AND flag IS NOT NULL AND (px < 10 OR px > 20) AND NOT (qty = 3)");
    assertFalse(plan.contains("SEARCH") || plan.contains("LIKE") || plan.contains("IS NOT NULL"),
        "nothing is left above the scan: " + plan);
    assertTrue(plan.contains("\"prefix\"") && plan.contains("\"notNull\"") && plan.contains("\"or\""), plan);
  }

  @Test
  void parametersArePushedAndQueriesRunOnAnEmptyTable() throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT px FROM trades WHERE sym = ? AND qty < ?")) {
      ps.setString(1, "A");
      ps.setLong(2, 10);
      try (ResultSet rs = ps.executeQuery()) {
        assertFalse(rs.next());
      }
    }
    String plan = explain("SELECT px FROM trades WHERE sym = ?");
    assertTrue(plan.contains("\"param\":0"), plan);
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM trades")) {
      assertTrue(rs.next());
      assertEquals(0, rs.getLong(1));
    }
  }

  @Test
  void pushdownCanBeSwitchedOff() throws SQLException {
    String url = c.getMetaData().getURL() + "?pushdown=false";
    try (Connection off = DriverManager.getConnection(url);
        Statement s = off.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR SELECT px FROM trades WHERE sym = 'A'")) {
      assertTrue(rs.next());
      String plan = rs.getString(1);
      assertTrue(plan.contains("columns=[[ts, sym, px, qty, venue, flag]]") && !plan.contains("filter="), plan);
    }
  }

  /** A one-column scan under a Sort (sqllogictest select1: SELECT e FROM t1 ORDER BY 1) gave Object[]. */
  @Test
  void aOneColumnScanUnderSortOrLimitGivesValues() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO trades (sym, qty) VALUES ('B', 2), ('A', 1), ('C', 3)");
    }
    assertTrue(explain("SELECT qty FROM trades ORDER BY 1").matches("(?s)EnumerableSort.*FloeToEnumerableConverter.*"));
    assertEquals(java.util.List.of("1", "2", "3"), JdbcRows.of(c, "SELECT qty FROM trades ORDER BY 1"));
    assertEquals(java.util.List.of("C", "B"), JdbcRows.of(c, "SELECT sym FROM trades ORDER BY sym DESC LIMIT 2"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT qty FROM trades ORDER BY qty")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getInt(1));
    }
    assertEquals(java.util.List.of("A|1"), JdbcRows.of(c, "SELECT sym, qty FROM trades ORDER BY 2 LIMIT 1"));
  }
}
