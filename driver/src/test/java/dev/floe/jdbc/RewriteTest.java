package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DELETE and UPDATE with WHERE clauses and SET values only Calcite can evaluate (expressions,
 * functions, subqueries), and DELETE/UPDATE inside transactions, on every backend.
 */
class RewriteTest {
  private static List<String> rows(Connection c, String sql) throws SQLException {
    return JdbcRows.of(c, sql);
  }

  private static void seed(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE acct (id BIGINT NOT NULL, owner VARCHAR, balance DECIMAL(12,2))");
      s.executeUpdate("INSERT INTO acct VALUES (1, 'ann', 10.00), (2, 'bob', 20.00), (3, 'cy', 30.00), (4, 'dan', NULL)");
      s.executeUpdate("INSERT INTO acct VALUES (5, 'eve', 50.00), (6, 'fin', 60.00)");
      s.executeUpdate("CREATE TABLE closed (id BIGINT)");
      s.executeUpdate("INSERT INTO closed VALUES (2), (6), (99)");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.floe.jdbc.TestUrls#all")
  void computedValuesFunctionsAndSubqueries(String url) throws SQLException {
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      seed(c);
      assertEquals(3, s.executeUpdate("UPDATE acct SET balance = balance * 2 + 1 WHERE owner LIKE '%n%'"));
      assertEquals(List.of("1|ann|21.00", "4|dan|null", "6|fin|121.00"),
          rows(c, "SELECT * FROM acct WHERE owner LIKE '%n%' ORDER BY id"));
      assertEquals(2, s.executeUpdate("DELETE FROM acct WHERE id IN (SELECT id FROM closed)"));
      assertEquals(1, s.executeUpdate("DELETE FROM acct WHERE MOD(id, 4) = 3"));
      assertEquals(3, s.executeUpdate("UPDATE acct SET owner = UPPER(owner) || '-' || CAST(id AS VARCHAR)"));
      assertEquals(List.of("1|ANN-1|21.00", "4|DAN-4|null", "5|EVE-5|50.00"), rows(c, "SELECT * FROM acct ORDER BY id"));
      assertEquals(1, s.executeUpdate("UPDATE acct SET balance = (SELECT COUNT(*) FROM closed) WHERE balance IS NULL"));
      assertEquals(List.of("4|3.00"), rows(c, "SELECT id, balance FROM acct WHERE id = 4"));
      assertEquals(0, s.executeUpdate("DELETE FROM acct WHERE CHAR_LENGTH(owner) > 100"));
      try (PreparedStatement ps = c.prepareStatement("UPDATE acct SET balance = balance + ? WHERE id * 1 = ?")) {
        ps.setBigDecimal(1, new java.math.BigDecimal("0.50"));
        ps.setLong(2, 5);
        assertEquals(1, ps.executeUpdate());
      }
      assertEquals(List.of("5|50.50"), rows(c, "SELECT id, balance FROM acct WHERE id = 5"));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.floe.jdbc.TestUrls#all")
  void equalRowsChangeTogetherAndErrorsChangeNothing(String url) throws SQLException {
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE d (k INTEGER NOT NULL, v VARCHAR)");
      s.executeUpdate("INSERT INTO d VALUES (1, 'x'), (1, 'x'), (2, 'y')");
      s.executeUpdate("INSERT INTO d VALUES (1, 'x')");
      assertEquals(3, s.executeUpdate("UPDATE d SET v = v || v WHERE k + 0 = 1"), "each stored row counts once");
      assertEquals(List.of("1|xx", "1|xx", "1|xx", "2|y"), rows(c, "SELECT * FROM d ORDER BY k"));
      SQLException e = assertThrows(SQLException.class,
          () -> s.executeUpdate("UPDATE d SET k = CASE WHEN k = 2 THEN NULL ELSE k END"));
      assertEquals("23502", e.getSQLState(), e.getMessage());
      e = assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE d SET k = k / (k - 1)"));
      assertEquals("22012", e.getSQLState(), e.getMessage());
      assertEquals(List.of("1|xx", "1|xx", "1|xx", "2|y"), rows(c, "SELECT * FROM d ORDER BY k"), "nothing changed");
      assertEquals(4, s.executeUpdate("DELETE FROM d WHERE UPPER(v) <> 'Z'"));
      assertEquals(List.of(), rows(c, "SELECT * FROM d"));
      assertTrue(rows(c, "EXPLAIN PLAN FOR DELETE FROM d WHERE UPPER(v) = 'Z'").get(0).contains("FloeRowRewrite"));
      assertFalse(rows(c, "EXPLAIN PLAN FOR DELETE FROM d WHERE v = 'Z'").get(0).contains("FloeRowRewrite"),
          "a pushable WHERE keeps the streaming rewrite");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.floe.jdbc.TestUrls#all")
  void deletesAndUpdatesWaitForCommit(String url) throws SQLException {
    try (Connection w = TestUrls.connect(url)) {
      seed(w);
      try (Connection r = TestUrls.connect(url)) {
        w.setAutoCommit(false);
        try (Statement s = w.createStatement()) {
          assertEquals(2, s.executeUpdate("INSERT INTO acct VALUES (7, 'gus', 70.00), (8, 'hal', 80.00)"));
          assertEquals(2, s.executeUpdate("DELETE FROM acct WHERE id IN (1, 7)"), "also deletes its own new row");
          assertEquals(2, s.executeUpdate("UPDATE acct SET balance = 0 WHERE id >= 6"));
          assertEquals(1, s.executeUpdate("UPDATE acct SET owner = owner || '!' WHERE id = 8"));
        }
        List<String> mine = List.of("2|bob|20.00", "3|cy|30.00", "4|dan|null", "5|eve|50.00", "6|fin|0.00", "8|hal!|0.00");
        assertEquals(mine, rows(w, "SELECT * FROM acct ORDER BY id"), "the writer reads its own changes");
        List<String> before = List.of("1|ann|10.00", "2|bob|20.00", "3|cy|30.00", "4|dan|null", "5|eve|50.00", "6|fin|60.00");
        assertEquals(before, rows(r, "SELECT * FROM acct ORDER BY id"), "others do not");
        w.rollback();
        assertEquals(before, rows(w, "SELECT * FROM acct ORDER BY id"), "rollback undoes deletes and updates");
        try (Statement s = w.createStatement()) {
          s.executeUpdate("DELETE FROM acct WHERE balance > 25");
          s.executeUpdate("INSERT INTO acct VALUES (9, 'ivy', 9.00)");
        }
        assertEquals(before, rows(r, "SELECT * FROM acct ORDER BY id"));
        w.commit();
        assertEquals(List.of("1|ann|10.00", "2|bob|20.00", "4|dan|null", "9|ivy|9.00"),
            rows(r, "SELECT * FROM acct ORDER BY id"), "commit publishes them together");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dev.floe.jdbc.TestUrls#all")
  void firstCommitterWins(String url) throws SQLException {
    try (Connection a = TestUrls.connect(url)) {
      seed(a);
      try (Connection b = TestUrls.connect(url)) {
        a.setAutoCommit(false);
        b.setAutoCommit(false);
        try (Statement s = a.createStatement()) {
          s.executeUpdate("UPDATE acct SET owner = 'A' WHERE id = 1");
        }
        try (Statement s = b.createStatement()) {
          s.executeUpdate("UPDATE acct SET owner = 'B' WHERE id = 1");
          s.executeUpdate("INSERT INTO closed VALUES (100)");
        }
        a.commit();
        SQLException e = assertThrows(SQLException.class, b::commit);
        assertEquals("40001", e.getSQLState(), e.getMessage());
        assertInstanceOf(SQLTransactionRollbackException.class, e);
        assertEquals(List.of("1|A"), rows(b, "SELECT id, owner FROM acct WHERE id = 1"));
        assertFalse(b.getAutoCommit(), "the connection stays usable in its mode");
        try (Statement s = b.createStatement()) {
          s.executeUpdate("UPDATE acct SET owner = 'B2' WHERE id = 1");
        }
        b.commit();
        assertEquals(List.of("1|B2"), rows(a, "SELECT id, owner FROM acct WHERE id = 1"));
      }
    }
  }
}
