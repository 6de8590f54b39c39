package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A JDBC API used wrongly gets the SQLState and subclass pgjdbc would give and a message that says
 * what to do, never XX000; and afterwards the connection works and no row was written.
 */
class JdbcMisuseTest {
  private Connection c;

  @BeforeEach
  void table() throws SQLException {
    c = DriverManager.getConnection(TestUrls.mem());
    try (Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (a INT, b VARCHAR, c DOUBLE)");
      s.executeUpdate("INSERT INTO t VALUES (1, 'abc', 2.0)");
    }
  }

  private static SQLException fails(String state, Executable call) {
    SQLException e = assertThrows(SQLException.class, call);
    assertEquals(state, e.getSQLState(), e.getMessage());
    assertFalse(e.getMessage().contains("Exception"), "a message for people: " + e.getMessage());
    return e;
  }

  @Test
  void parametersLeftUnsetOrOutOfRange() throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT * FROM t WHERE a = ?")) {
      fails("07001", p::executeQuery);
      assertInstanceOf(SQLDataException.class, fails("22023", () -> p.setInt(2, 1)));
      fails("22023", () -> p.setInt(0, 1));
    }
    try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
      p.setInt(1, 5);
      p.setDouble(3, 1.5);
      fails("07001", p::executeUpdate);
      SQLException batch = fails("07001", p::addBatch);
      assertTrue(batch.getMessage().contains("parameter 2"), batch.getMessage());
      p.setNull(2, java.sql.Types.VARCHAR);
      p.addBatch(); // now every parameter has a value, NULL included
      p.clearParameters();
      p.setInt(1, 6);
      fails("07001", p::addBatch); // cleared values are unset again
      assertEquals(1, p.executeBatch().length);
    }
    assertEquals(List.of("1|abc", "5|null"), JdbcRows.of(c, "SELECT a, b FROM t ORDER BY a"),
        "only the complete row was written");
    try (PreparedStatement p = c.prepareStatement("UPDATE t SET b = ? WHERE a = ?")) { // Avatica's own batches
      p.setInt(2, 1);
      fails("07001", p::addBatch);
      p.setString(1, "z");
      p.addBatch();
      assertEquals(1, p.executeBatch().length);
    }
    assertEquals(List.of("1|z", "5|null"), JdbcRows.of(c, "SELECT a, b FROM t ORDER BY a"));
  }

  @Test
  void columnsOutOfRangeUnknownOrReadAsTheWrongType() throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT a, b FROM t")) {
      assertTrue(rs.next());
      fails("22023", () -> rs.getInt(3));
      fails("22023", () -> rs.getInt(0));
      assertInstanceOf(SQLSyntaxErrorException.class, fails("42703", () -> rs.getInt("nosuch")));
      assertInstanceOf(SQLDataException.class, fails("22018", () -> rs.getInt(2)));
      fails("22018", () -> rs.getDate("b"));
      assertEquals("abc", rs.getString(2), "the result set is still readable");
    }
  }

  @Test
  void closedStatementsAndConnections() throws SQLException {
    Statement s = c.createStatement();
    s.close();
    assertInstanceOf(SQLNonTransientConnectionException.class, fails("08003", () -> s.executeQuery("SELECT 1")));
    PreparedStatement p = c.prepareStatement("SELECT 1");
    p.close();
    fails("08003", p::executeQuery);
    Connection d = DriverManager.getConnection(TestUrls.mem());
    d.close();
    fails("08003", d::createStatement);
    fails("08003", () -> d.prepareStatement("SELECT 1"));
    fails("08003", d::commit);
  }

  @Test
  void commitAndRollbackWithAutocommitOnAreRefused() throws SQLException {
    fails("25P01", c::commit);
    fails("25P01", c::rollback);
    try (Statement s = c.createStatement()) {
      s.execute("COMMIT"); // the SQL statement outside a transaction is a no-op, as in PostgreSQL
      c.setAutoCommit(false);
      s.executeUpdate("INSERT INTO t VALUES (2, 'x', 1.0)");
      c.rollback();
      c.commit();
    }
    assertEquals(List.of("1"), JdbcRows.of(c, "SELECT COUNT(*) FROM t"));
  }

  @Test
  void statementsCalciteCannotHandleAreClearErrors() throws SQLException {
    try (Statement s = c.createStatement()) {
      SQLException wide = fails("42601", () -> s.execute("INSERT INTO t VALUES (1, 'x', 2.0, 99)"));
      assertTrue(wide.getMessage().contains("more expressions than target columns"), wide.getMessage());
      SQLException pct = fails("0A000", () -> s.executeQuery( // Calcite's validator cannot type this one
          "SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY a) FILTER (WHERE a > 0) FROM t"));
      assertInstanceOf(SQLFeatureNotSupportedException.class, pct);
      assertFalse(pct.getMessage().contains("Root:"), "no planner dump: " + pct.getMessage());
    }
    assertEquals(List.of("1"), JdbcRows.of(c, "SELECT COUNT(*) FROM t"));
  }
}
