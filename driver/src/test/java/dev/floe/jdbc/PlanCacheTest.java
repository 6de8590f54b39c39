package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.jdbc.FloeMetaImpl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A plain Statement's query run again reuses its plan, and never a stale one: rows committed since
 * are read, and a schema changed by another connection (ADD COLUMN, DROP and CREATE again, DROP)
 * makes it plan afresh.
 */
class PlanCacheTest {

  private static long hits(Connection c) throws SQLException {
    return FloeMetaImpl.of(c.unwrap(AvaticaConnection.class)).planCacheHits();
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "file"})
  void aRepeatedQueryReusesItsPlanUntilTheSchemaChanges(String kind) throws SQLException {
    String url = TestUrls.fresh(kind);
    try (Connection a = DriverManager.getConnection(url); Connection b = DriverManager.getConnection(url);
        Statement sb = b.createStatement()) {
      sb.executeUpdate("CREATE TABLE t (id BIGINT, name VARCHAR)");
      sb.executeUpdate("INSERT INTO t VALUES (1, 'x')");
      String q = "SELECT * FROM t ORDER BY id";
      assertEquals(List.of("1|x"), JdbcRows.of(a, q));
      long before = hits(a);
      sb.executeUpdate("INSERT INTO t VALUES (2, 'y')");
      assertEquals(List.of("1|x", "2|y"), JdbcRows.of(a, q), "rows committed since are read");
      assertEquals(before + 1, hits(a), "the second run reused the plan");

      sb.executeUpdate("ALTER TABLE t ADD COLUMN qty INTEGER");
      sb.executeUpdate("INSERT INTO t VALUES (3, 'z', 7)");
      assertEquals(List.of("1|x|null", "2|y|null", "3|z|7"), JdbcRows.of(a, q), "a new column is seen");
      assertEquals(before + 1, hits(a), "the changed schema planned afresh");

      sb.executeUpdate("DROP TABLE t");
      sb.executeUpdate("CREATE TABLE t (id BIGINT, price DOUBLE)");
      sb.executeUpdate("INSERT INTO t VALUES (9, 1.5)");
      assertEquals(List.of("9|1.5"), JdbcRows.of(a, q), "a table created again under the name is read as it is now");

      sb.executeUpdate("DROP TABLE t");
      SQLException e = assertThrows(SQLException.class, () -> JdbcRows.of(a, q));
      assertEquals("42P01", e.getSQLState(), e.getMessage());
      assertEquals(List.of("1"), JdbcRows.of(a, "SELECT 1"), "the connection stays usable");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "file"})
  void aViewReplacedByAnotherConnectionIsPlannedAfresh(String kind) throws SQLException {
    String url = TestUrls.fresh(kind);
    try (Connection a = DriverManager.getConnection(url); Connection b = DriverManager.getConnection(url);
        Statement sb = b.createStatement()) {
      sb.executeUpdate("CREATE TABLE t (id BIGINT, name VARCHAR)");
      sb.executeUpdate("INSERT INTO t VALUES (1, 'x'), (2, 'y')");
      sb.executeUpdate("CREATE VIEW v AS SELECT id FROM t WHERE id > 1");
      String q = "SELECT * FROM v";
      assertEquals(List.of("2"), JdbcRows.of(a, q));
      long before = hits(a);
      assertEquals(List.of("2"), JdbcRows.of(a, q));
      assertEquals(before + 1, hits(a), "the second run reused the plan");
      sb.executeUpdate("CREATE OR REPLACE VIEW v AS SELECT name, id FROM t");
      assertEquals(java.util.Set.of("x|1", "y|2"), new java.util.HashSet<>(JdbcRows.of(a, q)),
          "the replaced view's columns and rows");
      sb.executeUpdate("DROP VIEW v");
      sb.executeUpdate("CREATE TABLE v (z INTEGER)");
      assertEquals(List.of(), JdbcRows.of(a, q), "a table that took the view's name is read");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem"})
  void theCurrentSchemaIsPartOfThePlan(String kind) throws SQLException {
    String url = TestUrls.fresh(kind);
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE tables (x INTEGER)");
      s.executeUpdate("INSERT INTO tables VALUES (7)");
      assertEquals(List.of("7"), JdbcRows.of(c, "SELECT * FROM tables"));
      c.setSchema("floe_system");
      assertEquals(List.of("tables"), JdbcRows.of(c, "SELECT table_name FROM tables"),
          "the same text names floe_system.tables now");
      List<String> all = JdbcRows.of(c, "SELECT * FROM tables");
      assertEquals(1, all.size());
      assertTrue(all.get(0).startsWith("tables|"), all.toString());
      c.setSchema("floe");
      assertEquals(List.of("7"), JdbcRows.of(c, "SELECT * FROM tables"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem"})
  void maxRowsIsPartOfThePlan(String kind) throws SQLException {
    String url = TestUrls.fresh(kind);
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (id BIGINT)");
      s.executeUpdate("INSERT INTO t VALUES (1), (2), (3)");
      assertEquals(3, JdbcRows.of(c, "SELECT id FROM t").size());
      try (Statement limited = c.createStatement()) {
        limited.setMaxRows(2);
        assertEquals(2, JdbcRows.of(limited.executeQuery("SELECT id FROM t")).size());
      }
      assertEquals(3, JdbcRows.of(c, "SELECT id FROM t").size());
    }
  }
}
