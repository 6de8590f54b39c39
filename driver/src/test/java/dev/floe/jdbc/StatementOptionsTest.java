package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * JDBC options Floe has nothing to do for (generated keys, scrollable and updatable result sets,
 * nativeSQL) are accepted as JDBC allows, and reading a closed or exhausted result set is 24000.
 */
class StatementOptionsTest {

  @Test
  void generatedKeysAreAskedForAndThereAreNone() throws SQLException {
    try (Connection c = TestUrls.connect(TestUrls.mem()); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE k (id BIGINT, v VARCHAR)");
      assertEquals(1, s.executeUpdate("INSERT INTO k VALUES (1, 'a')", Statement.RETURN_GENERATED_KEYS));
      assertEquals(1, s.executeUpdate("INSERT INTO k VALUES (2, 'b')", new String[] {"id"}));
      assertEquals(1L, s.executeLargeUpdate("INSERT INTO k VALUES (3, 'c')", new int[] {1}));
      assertFalse(s.execute("INSERT INTO k VALUES (4, 'd')", Statement.NO_GENERATED_KEYS));
      assertEquals(1, s.getUpdateCount());
      try (ResultSet keys = s.getGeneratedKeys()) {
        assertFalse(keys.next(), "no column is generated");
      }
      // as Spring's JdbcTemplate.update(creator, keyHolder) does
      try (PreparedStatement p = c.prepareStatement("INSERT INTO k VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
        p.setLong(1, 5);
        p.setString(2, "e");
        assertEquals(1, p.executeUpdate());
        try (ResultSet keys = p.getGeneratedKeys()) {
          assertFalse(keys.next());
        }
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO k VALUES (?, ?)", new String[] {"id"})) {
        p.setLong(1, 6);
        p.setString(2, "f");
        assertEquals(1, p.executeUpdate());
      }
      assertEquals(List.of("1", "2", "3", "4", "5", "6"), JdbcRows.of(c, "SELECT id FROM k ORDER BY id"));
      assertFalse(c.getMetaData().supportsGetGeneratedKeys());
    }
  }

  @Test
  void scrollableAndUpdatableResultSetsBecomeForwardOnlyAndReadOnly() throws SQLException {
    try (Connection c = TestUrls.connect(TestUrls.mem());
        Statement s = c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_UPDATABLE);
        PreparedStatement p = c.prepareStatement("SELECT CAST(? AS INTEGER) AS x", ResultSet.TYPE_SCROLL_SENSITIVE,
            ResultSet.CONCUR_READ_ONLY, ResultSet.HOLD_CURSORS_OVER_COMMIT)) {
      java.sql.SQLWarning w = c.getWarnings();
      assertTrue(w != null && w.getMessage().contains("forward-only") && w.getNextWarning() != null,
          "each downgrade is warned on the connection: " + w);
      c.clearWarnings();
      assertEquals(null, c.getWarnings());
      assertEquals(ResultSet.TYPE_FORWARD_ONLY, s.getResultSetType());
      assertEquals(ResultSet.CONCUR_READ_ONLY, s.getResultSetConcurrency());
      assertEquals(ResultSet.TYPE_FORWARD_ONLY, p.getResultSetType());
      try (ResultSet rs = s.executeQuery("SELECT * FROM (VALUES (1), (2)) AS t (x)")) {
        assertEquals(ResultSet.TYPE_FORWARD_ONLY, rs.getType());
        assertTrue(rs.next());
        assertTrue(rs.next());
        assertFalse(rs.next());
      }
      p.setInt(1, 7);
      assertEquals(List.of("7"), JdbcRows.of(p.executeQuery()));
      DatabaseMetaData md = c.getMetaData();
      assertTrue(md.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY));
      assertFalse(md.supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE));
      assertTrue(md.supportsResultSetConcurrency(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY));
      assertFalse(md.supportsResultSetConcurrency(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE));
      assertEquals("SELECT 1", c.nativeSQL("SELECT 1"));
    }
  }

  @Test
  void readingAClosedOrExhaustedResultSetIs24000() throws SQLException {
    try (Connection c = TestUrls.connect(TestUrls.mem()); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT 1 AS x");
      assertTrue(rs.next());
      assertFalse(rs.next());
      SQLException past = assertThrows(SQLException.class, () -> rs.getInt(1));
      assertEquals("24000", past.getSQLState(), past.getMessage());
      assertTrue(past.getMessage().contains("no current row"), past.getMessage());
      rs.close();
      SQLException closed = assertThrows(SQLException.class, rs::next);
      assertEquals("24000", closed.getSQLState(), closed.getMessage());
      assertEquals(List.of("2"), JdbcRows.of(c, "SELECT 2"), "the connection works on");
    }
  }
}
