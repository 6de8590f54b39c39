package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Views are stored in the root: every connection sees them, and JDBC metadata lists them as VIEW. */
@org.junit.jupiter.params.ParameterizedClass
@org.junit.jupiter.params.provider.MethodSource("dev.floe.jdbc.TestUrls#kinds")
class ViewTest {
  private final String url;

  ViewTest(String kind) {
    this.url = TestUrls.fresh(kind);
  }

  private static List<String> tables(Connection c, String... types) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getTables(null, "floe", "%", types.length == 0 ? null : types)) {
      while (rs.next()) {
        out.add(rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
      }
    }
    return out;
  }

  private static String state(Statement s, String sql) {
    return assertThrows(SQLException.class, () -> s.execute(sql), sql).getSQLState();
  }

  @Test
  void aViewIsSeenByOtherConnectionsUntilDropped() throws SQLException {
    try (Connection a = TestUrls.connect(url); Statement s = a.createStatement()) {
      s.executeUpdate("CREATE TABLE t (id INTEGER NOT NULL, s VARCHAR)");
      s.executeUpdate("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
      assertEquals(0, s.executeUpdate("CREATE VIEW big AS SELECT id * 10 AS d, s FROM t WHERE id > 1"));
    }
    try (Connection b = TestUrls.connect(url); Statement s = b.createStatement()) {
      assertEquals(List.of("20|b", "30|c"), JdbcRows.of(b, "SELECT * FROM big ORDER BY d"));
      assertEquals(List.of("t:TABLE", "big:VIEW"), tables(b), "ordered by type, then name, as JDBC asks");
      assertEquals(List.of("big:VIEW"), tables(b, "VIEW"));
      s.executeUpdate("INSERT INTO t VALUES (4, 'd')");
      assertEquals(List.of("20", "30", "40"), JdbcRows.of(b, "SELECT d FROM big ORDER BY d"), "a view reads the latest rows");
      assertEquals("42P07", state(s, "CREATE VIEW big AS SELECT 1 AS x"));
      s.executeUpdate("CREATE OR REPLACE VIEW big (n, label) AS SELECT id, s FROM t WHERE id = 1");
    }
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      assertEquals(List.of("1|a"), JdbcRows.of(c, "SELECT n, label FROM big"), "the replaced definition, its column names");
      s.executeUpdate("DROP VIEW big");
      assertEquals(List.of("t:TABLE"), tables(c));
      assertEquals("42P01", state(s, "SELECT * FROM big"));
      assertEquals("42P01", state(s, "DROP VIEW big"));
      s.executeUpdate("DROP VIEW IF EXISTS big");
    }
  }

  @Test
  void viewsAndTablesShareNamesAndABadQueryIsRefused() throws SQLException {
    try (Connection a = TestUrls.connect(url); Statement s = a.createStatement()) {
      s.executeUpdate("CREATE TABLE t (id INTEGER)");
      assertEquals("42P07", state(s, "CREATE VIEW t AS SELECT 1 AS x"));
      s.executeUpdate("CREATE VIEW v AS SELECT id FROM t");
      assertEquals("42P07", state(s, "CREATE TABLE v (x INTEGER)"));
      assertEquals("42P07", state(s, "CREATE TABLE v AS SELECT id FROM t"));
      assertEquals("42P01", state(s, "CREATE VIEW w AS SELECT * FROM nosuch"));
      assertEquals("42703", state(s, "CREATE VIEW w AS SELECT nosuch FROM t"));
      assertEquals(List.of("t:TABLE", "v:VIEW"), tables(a), "no failed statement left anything behind");
      for (String write : List.of("INSERT INTO v VALUES (5)", "UPDATE v SET id = 1", "DELETE FROM v WHERE id > 0")) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(write), write);
        assertEquals("0A000", e.getSQLState(), write + ": " + e.getMessage());
        assertTrue(e.getMessage().startsWith("'v' is a view, and views are read-only"), e.getMessage());
      }
      SQLException prepared = assertThrows(SQLException.class, () -> a.prepareStatement("INSERT INTO v VALUES (?)"));
      assertEquals("0A000", prepared.getSQLState(), prepared.getMessage());
      s.executeUpdate("DROP TABLE t");
      assertEquals("42P01", state(s, "SELECT * FROM v"), "a view over a dropped table fails when read");
      s.executeUpdate("DROP VIEW v");
      assertEquals(List.of(), tables(a));
    }
  }
}
