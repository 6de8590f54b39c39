package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A value longer than its VARCHAR(n) or CHAR(n) column fails with 22001 on every write path
 * (INSERT VALUES, INSERT ... SELECT, UPDATE with a constant and with a computed value, JDBC
 * batches on the direct path and on Calcite's), writes nothing, and leaves the connection usable;
 * trailing spaces past n are cut (PostgreSQL), an explicit CAST truncates, ALTER TABLE ADD COLUMN
 * keeps a length, and a length survives reopening the table.
 */
class VarcharLengthTest {
  private static final String TABLE = "CREATE TABLE t (id INTEGER NOT NULL, v VARCHAR(5), c CHAR(3), u VARCHAR)";
  private static final List<String> BEFORE = List.of("1|abc|x|a long unbounded text");

  private static void fails22001(Executable write) {
    SQLException e = assertThrows(SQLException.class, write);
    assertEquals("22001", e.getSQLState(), e.toString());
  }

  private static List<String> rows(Connection c) throws SQLException {
    return JdbcRows.of(c, "SELECT id, v, c, u FROM t ORDER BY id");
  }

  private static Connection setUp(String url) throws SQLException {
    Connection c = TestUrls.connect(url);
    try (Statement s = c.createStatement()) {
      s.executeUpdate(TABLE);
      s.executeUpdate("INSERT INTO t VALUES (1, 'abc', 'x', 'a long unbounded text')");
    }
    return c;
  }

  @ParameterizedTest
  @MethodSource("dev.floe.jdbc.TestUrls#all")
  void everyStatementThatWritesTooLongAValueFailsAndWritesNothing(String url) throws SQLException {
    try (Connection c = setUp(url); Statement s = c.createStatement()) {
      fails22001(() -> s.executeUpdate("INSERT INTO t VALUES (2, 'abcdef', 'x', 'y')"));
      fails22001(() -> s.executeUpdate("INSERT INTO t VALUES (2, 'ok', 'abcd', 'y')"));
      fails22001(() -> s.executeUpdate("INSERT INTO t VALUES (2, 'ok', 'x', 'y'), (3, '" + "x".repeat(1 << 20) + "', 'x', 'y')"));
      fails22001(() -> s.executeUpdate("INSERT INTO t SELECT id + 10, u, c, u FROM t"));
      fails22001(() -> s.executeUpdate("UPDATE t SET v = 'toolong' WHERE id = 1"));
      fails22001(() -> s.executeUpdate("UPDATE t SET v = v || 'xyz' WHERE id = 1"));
      fails22001(() -> s.executeUpdate("UPDATE t SET v = u"));
      try (PreparedStatement ps = c.prepareStatement("UPDATE t SET v = ? WHERE id = ?")) {
        ps.setString(1, "abcdef");
        ps.setInt(2, 1);
        fails22001(ps::executeUpdate);
      }
      assertEquals(BEFORE, rows(c), "nothing was written");
      // the connection still works, and values that fit are written
      assertEquals(1, s.executeUpdate("INSERT INTO t VALUES (2, 'abcde', 'xyz', 'y')"));
      assertEquals(1, s.executeUpdate("UPDATE t SET v = 'fit' WHERE id = 1"));
      assertEquals(List.of("1|fit|x|a long unbounded text", "2|abcde|xyz|y"), rows(c));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.floe.jdbc.TestUrls#all")
  void batchesOnTheDirectPathAndOnCalcitesFailAndWriteNothing(String url) throws SQLException {
    try (Connection c = setUp(url)) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?)")) {
        for (int k = 2; k < 5; k++) { // the direct path: every value as its column's type
          ps.setInt(1, k);
          ps.setString(2, k == 4 ? "abcdef" : "ok" + k);
          ps.setString(3, "x");
          ps.setString(4, "y");
          ps.addBatch();
        }
        fails22001(ps::executeBatch);
        ps.clearBatch();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, UPPER(CAST(? AS VARCHAR)), ?, ?)")) {
        ps.setInt(1, 5); // Calcite's path: an expression around a parameter
        ps.setString(2, "abcdef");
        ps.setString(3, "x");
        ps.setString(4, "y");
        ps.addBatch();
        fails22001(ps::executeBatch);
        ps.clearBatch();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (id, v) VALUES (?, ?)")) {
        ps.setInt(1, 6);
        ps.setString(2, "toolong");
        fails22001(ps::executeUpdate);
      }
      assertEquals(BEFORE, rows(c), "nothing was written");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?)")) {
        ps.setInt(1, 2);
        ps.setString(2, "abcde");
        ps.setString(3, "x");
        ps.setString(4, "y");
        ps.addBatch();
        assertEquals(1, ps.executeBatch().length);
      }
      assertEquals(List.of("2"), JdbcRows.of(c, "SELECT COUNT(*) FROM t"));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.floe.jdbc.TestUrls#all")
  void spacesPastTheLengthAreCutAndCastsTruncateAndTheLengthIsKept(String url) throws SQLException {
    try (Connection c = setUp(url); Statement s = c.createStatement()) {
      assertEquals(1, s.executeUpdate("INSERT INTO t VALUES (2, 'abcde   ', 'x', 'y')"));
      assertEquals(List.of("5"), JdbcRows.of(c, "SELECT CHAR_LENGTH(v) FROM t WHERE id = 2"));
      assertEquals(List.of("abc"), JdbcRows.of(c, "SELECT CAST('abcdef' AS VARCHAR(3))"));
      // multi-byte characters count as one each
      assertEquals(1, s.executeUpdate("INSERT INTO t VALUES (3, 'ÅÄÖ€😀', 'x', 'y')"));
      fails22001(() -> s.executeUpdate("INSERT INTO t VALUES (4, 'ÅÄÖ€😀😀', 'x', 'y')"));
      // ALTER TABLE ADD COLUMN keeps the length
      s.executeUpdate("ALTER TABLE t ADD COLUMN w VARCHAR(2)");
      fails22001(() -> s.executeUpdate("UPDATE t SET w = 'abc' WHERE id = 1"));
      assertEquals(1, s.executeUpdate("UPDATE t SET w = 'ab' WHERE id = 1"));
      // CREATE TABLE AS has no declared length
      s.executeUpdate("CREATE TABLE copy AS SELECT u AS v FROM t");
      assertEquals(1, s.executeUpdate("INSERT INTO copy VALUES ('" + "x".repeat(100) + "')"));
    }
    try (Connection again = TestUrls.connect(url); Statement s = again.createStatement()) {
      fails22001(() -> s.executeUpdate("INSERT INTO t VALUES (5, 'abcdef', 'x', 'y')"));
    }
  }
}
