package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.params.ParameterizedClass
@org.junit.jupiter.params.provider.MethodSource("dev.floe.jdbc.TestUrls#kinds")
class DdlTest {
  private final String url;

  /** A fresh, empty store per test on backend {@code kind} ({@link TestUrls#kinds}). */
  DdlTest(String kind) {
    this.url = TestUrls.fresh(kind);
  }

  private static List<String> tables(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getTables(null, "floe", "%", null)) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    return names;
  }

  @Test
  void createAndDropAreSeenByEveryConnection() throws SQLException {
    try (Connection a = TestUrls.connect(url); Connection b = TestUrls.connect(url)) {
      assertEquals(List.of(), tables(b));
      try (Statement s = a.createStatement()) {
        assertEquals(0, s.executeUpdate("CREATE TABLE Trades (ID BIGINT NOT NULL, \"Sym\" VARCHAR(8), px DECIMAL(12,2))"));
      }
      assertEquals(List.of("trades"), tables(b), "unquoted names fold to lower case");
      DatabaseMetaData md = b.getMetaData();
      try (ResultSet rs = md.getCatalogs()) {
        assertTrue(rs.next());
        assertEquals("floe", rs.getString("TABLE_CAT"));
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getSchemas()) {
        assertTrue(rs.next());
        assertEquals("floe", rs.getString("TABLE_SCHEM"));
        assertEquals("floe", rs.getString("TABLE_CATALOG"));
        assertTrue(rs.next());
        assertEquals("floe_system", rs.getString("TABLE_SCHEM"), "the system tables' schema");
        assertTrue(rs.next());
        assertEquals("information_schema", rs.getString("TABLE_SCHEM"), "the standard's views of the catalog");
        assertFalse(rs.next(), "no internal schema of Calcite's is listed");
      }
      try (ResultSet rs = md.getTables(null, null, "trades", null)) {
        assertTrue(rs.next());
        assertEquals("floe", rs.getString("TABLE_CAT"), "catalog consistent with getCatalogs");
        assertEquals("TABLE", rs.getString("TABLE_TYPE"));
      }
      try (ResultSet rs = md.getTables("other", null, "%", null)) {
        assertFalse(rs.next(), "another catalog holds nothing");
      }
      try (ResultSet rs = md.getColumns(null, "floe", "trades", "%")) {
        assertTrue(rs.next());
        assertEquals("floe", rs.getString("TABLE_CAT"));
        assertEquals("id", rs.getString("COLUMN_NAME"));
        assertEquals(Types.BIGINT, rs.getInt("DATA_TYPE"));
        assertEquals("BIGINT", rs.getString("TYPE_NAME"));
        assertEquals(19, rs.getInt("COLUMN_SIZE"));
        assertEquals(DatabaseMetaData.columnNoNulls, rs.getInt("NULLABLE"));
        assertTrue(rs.next());
        assertEquals("Sym", rs.getString("COLUMN_NAME"), "quoted names keep their case");
        assertEquals(Types.VARCHAR, rs.getInt("DATA_TYPE"));
        assertTrue(rs.next());
        assertEquals(Types.DECIMAL, rs.getInt("DATA_TYPE"));
        assertEquals("DECIMAL", rs.getString("TYPE_NAME"));
        assertEquals(12, rs.getInt("COLUMN_SIZE"));
        assertEquals(2, rs.getInt("DECIMAL_DIGITS"));
        assertFalse(rs.next());
      }
      try (Statement s = b.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM TRADES")) {
        assertTrue(rs.next());
        assertEquals(0, rs.getLong(1));
      }
      try (Statement s = b.createStatement()) {
        s.executeUpdate("DROP TABLE trades");
      }
      assertEquals(List.of(), tables(a));
      SQLException e = assertThrows(SQLException.class, () -> {
        try (Statement s = a.createStatement()) {
          s.executeQuery("SELECT * FROM trades");
        }
      });
      assertEquals("42P01", e.getSQLState());
    }
  }

  @Test
  void duplicatesAndMissingTablesHaveTheirStates() throws SQLException {
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (a INT)");
      SQLException dup = assertThrows(SQLException.class, () -> s.executeUpdate("CREATE TABLE t (b INT)"));
      assertTrue(dup instanceof SQLSyntaxErrorException, dup.getClass().toString());
      assertEquals("42P07", dup.getSQLState(), dup.getMessage());
      s.executeUpdate("CREATE TABLE IF NOT EXISTS t (b INT)");
      SQLException missing = assertThrows(SQLException.class, () -> s.executeUpdate("DROP TABLE nosuch"));
      assertEquals("42P01", missing.getSQLState(), missing.getMessage());
      s.executeUpdate("DROP TABLE IF EXISTS nosuch");
      s.executeUpdate("DROP TABLE t");
      s.executeUpdate("CREATE TABLE t (c VARCHAR)");
      try (ResultSet rs = c.getMetaData().getColumns(null, "floe", "t", "%")) {
        assertTrue(rs.next());
        assertEquals("c", rs.getString("COLUMN_NAME"), "DROP then CREATE never shows the old table");
      }
    }
  }

  @Test
  void unsupportedTypesAndFeaturesAre0A000() throws SQLException {
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      for (String sql : new String[] {"CREATE TABLE x (a INT ARRAY)",
          "CREATE TABLE z AS SELECT ARRAY[1] AS a", "CREATE TABLE w (a INT, CHECK (a > 0))",
          // Calcite's own would live in this connection only, as if stored
          "CREATE SCHEMA s", "DROP SCHEMA s", "CREATE TYPE ty AS (a INT)", "DROP TYPE ty",
          "CREATE MATERIALIZED VIEW mv AS SELECT 1 AS a", "DROP MATERIALIZED VIEW mv", "DROP FUNCTION f"}) {
        SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(sql), sql);
        assertEquals("0A000", e.getSQLState(), sql + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("No list started"), e.getMessage());
      }
      assertEquals(List.of(), tables(c), "nothing was created");
    }
  }

  @Test
  void createTableLikeCopiesColumnsKeyAndOnRequestDefaults() throws SQLException {
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE src (id BIGINT NOT NULL, v VARCHAR DEFAULT 'dflt', d DECIMAL(9,2), PRIMARY KEY (id))");
      s.executeUpdate("ALTER TABLE src ADD COLUMN later DATE");
      s.executeUpdate("INSERT INTO src (id) VALUES (1)");
      s.executeUpdate("CREATE TABLE copy LIKE src");
      s.executeUpdate("CREATE TABLE withdefaults LIKE src INCLUDING DEFAULTS");
      s.executeUpdate("CREATE TABLE IF NOT EXISTS copy LIKE src"); // exists: nothing happens
      assertEquals(List.of("0"), JdbcRows.of(c, "SELECT COUNT(*) FROM copy"), "columns, not rows");
      s.executeUpdate("INSERT INTO copy (id) VALUES (2)");
      s.executeUpdate("INSERT INTO withdefaults (id) VALUES (3)");
      assertEquals(List.of("2|null|null|null"), JdbcRows.of(c, "SELECT * FROM copy"));
      assertEquals(List.of("3|dflt|null|null"), JdbcRows.of(c, "SELECT * FROM withdefaults"));
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getColumns(null, null, "copy", null)) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME") + " " + rs.getInt("DATA_TYPE") + " " + rs.getString("IS_NULLABLE"));
        }
      }
      assertEquals(List.of("id " + Types.BIGINT + " NO", "v " + Types.VARCHAR + " YES", "d " + Types.DECIMAL + " YES",
          "later " + Types.DATE + " YES"), columns);
      try (ResultSet rs = c.getMetaData().getPrimaryKeys(null, null, "copy")) {
        assertTrue(rs.next());
        assertEquals("id", rs.getString("COLUMN_NAME"));
      }
      SQLException dup = assertThrows(SQLException.class, () -> s.executeUpdate("CREATE TABLE copy LIKE src"));
      assertEquals("42P07", dup.getSQLState(), dup.getMessage());
      SQLException missing = assertThrows(SQLException.class, () -> s.executeUpdate("CREATE TABLE c2 LIKE nosuch"));
      assertEquals("42P01", missing.getSQLState(), missing.getMessage());
    }
  }

  @Test
  void alterTableAddColumnKeepsOldRowsAsNull() throws SQLException {
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (a INT)");
      s.executeUpdate("INSERT INTO t VALUES (1), (2)");
      assertEquals(0, s.executeUpdate("ALTER TABLE T ADD COLUMN \"Note\" VARCHAR(20)"));
      s.execute("ALTER TABLE t ADD price DECIMAL(10,2)");
      s.executeUpdate("INSERT INTO t VALUES (3, 'three', 3.50)");
      try (ResultSet rs = s.executeQuery("SELECT a, \"Note\", price FROM t ORDER BY a")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1));
        assertEquals(null, rs.getString(2));
        assertTrue(rs.next());
        assertTrue(rs.next());
        assertEquals("three", rs.getString(2));
        assertEquals(new java.math.BigDecimal("3.50"), rs.getBigDecimal(3));
      }
      SQLException dup = assertThrows(SQLException.class, () -> s.executeUpdate("ALTER TABLE t ADD COLUMN a INT"));
      assertEquals("42701", dup.getSQLState(), dup.getMessage());
      s.executeUpdate("ALTER TABLE t ADD COLUMN IF NOT EXISTS a INT");
      SQLException notNull = assertThrows(SQLException.class,
          () -> s.executeUpdate("ALTER TABLE t ADD COLUMN b INT NOT NULL"));
      assertEquals("23502", notNull.getSQLState(), notNull.getMessage());
      SQLException missing = assertThrows(SQLException.class,
          () -> s.executeUpdate("ALTER TABLE nosuch ADD COLUMN b INT"));
      assertEquals("42P01", missing.getSQLState());
      s.executeUpdate("ALTER TABLE IF EXISTS nosuch ADD COLUMN b INT");
      SQLException badType = assertThrows(SQLException.class,
          () -> s.executeUpdate("ALTER TABLE t ADD COLUMN b WIBBLE"));
      assertEquals("42704", badType.getSQLState(), badType.getMessage());
      SQLException other = assertThrows(SQLException.class, () -> s.executeUpdate("ALTER TABLE t DROP COLUMN a"));
      assertEquals("0A000", other.getSQLState(), other.getMessage());
      try (PreparedStatement ps = c.prepareStatement("ALTER TABLE t ADD COLUMN prepared BIGINT")) {
        assertEquals(0, ps.executeUpdate(), "ALTER TABLE through prepareStatement, as Spring and pools send it");
        assertSame(c, ps.getConnection());
        SQLException again = assertThrows(SQLException.class, ps::executeUpdate);
        assertEquals("42701", again.getSQLState(), again.getMessage());
        SQLException param = assertThrows(SQLException.class, () -> ps.setInt(1, 1));
        assertEquals("0A000", param.getSQLState(), param.getMessage());
      }
      s.executeUpdate("ALTER TABLE t ADD COLUMN extra INT");
      try (ResultSet rs = c.getMetaData().getColumns(null, "floe", "t", "%")) {
        int n = 0;
        while (rs.next()) {
          n++;
        }
        assertEquals(5, n);
      }
    }
  }

  @Test
  void ddlThroughExecuteQueryRunsThenSays02000LikeEveryOtherDdl() throws SQLException {
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      for (String ddl : List.of("CREATE TABLE q (a INT)", "ALTER TABLE q ADD COLUMN b VARCHAR", "DROP TABLE q",
          "CREATE TABLE q (a INT)")) {
        SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(ddl), ddl);
        assertEquals("02000", e.getSQLState(), ddl + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("run statements other than queries with execute or executeUpdate"),
            e.getMessage());
        if (ddl.startsWith("ALTER")) {
          assertEquals(List.of("a", "b"), columns(c, "q"), "the ALTER TABLE ran");
        }
      }
      assertEquals(List.of("q"), tables(c), "each statement took effect");
      SQLException missing = assertThrows(SQLException.class, () -> s.executeQuery("ALTER TABLE nosuch ADD COLUMN x INT"));
      assertEquals("42P01", missing.getSQLState(), "the statement's own error, as for CREATE and DROP");
      try (PreparedStatement ps = c.prepareStatement("ALTER TABLE q ADD COLUMN c BIGINT")) {
        SQLException e = assertThrows(SQLException.class, ps::executeQuery);
        assertEquals("02000", e.getSQLState(), e.getMessage());
      }
      assertEquals(List.of("a", "c"), columns(c, "q"));
    }
  }

  private static List<String> columns(Connection c, String table) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getColumns(null, "floe", table, "%")) {
      while (rs.next()) {
        names.add(rs.getString("COLUMN_NAME"));
      }
    }
    return names;
  }

  @Test
  void createTableAsSelectPublishesTheTableWithItsRows() throws SQLException {
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE src (id BIGINT NOT NULL, sym VARCHAR, px DECIMAL(10,2), ts TIMESTAMP, d DATE)");
      s.executeUpdate("INSERT INTO src VALUES (1, 'A', 1.50, TIMESTAMP '2026-01-02 03:04:05.678', DATE '1969-07-20'),"
          + " (2, 'B', NULL, NULL, NULL), (3, 'A', 3.25, TIMESTAMP '1999-12-31 23:59:59', DATE '2000-01-01')");
      s.executeUpdate("CREATE TABLE a_only AS SELECT id, px, ts, d FROM src WHERE sym = 'A'");
      try (ResultSet rs = s.executeQuery("SELECT id, px, ts, d FROM a_only ORDER BY id")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getLong(1));
        assertEquals(new java.math.BigDecimal("1.50"), rs.getBigDecimal(2));
        assertEquals(java.sql.Timestamp.valueOf("2026-01-02 03:04:05.678"), rs.getTimestamp(3));
        assertEquals(java.sql.Date.valueOf("1969-07-20"), rs.getDate(4));
        assertTrue(rs.next());
        assertEquals(3, rs.getLong(1));
        assertFalse(rs.next());
      }
      try (ResultSet rs = c.getMetaData().getColumns(null, "floe", "a_only", "id")) {
        assertTrue(rs.next());
        assertEquals(Types.BIGINT, rs.getInt("DATA_TYPE"));
        assertEquals(DatabaseMetaData.columnNoNulls, rs.getInt("NULLABLE"), "NOT NULL carried over");
      }
      s.executeUpdate("CREATE TABLE named (k, n) AS SELECT sym, COUNT(*) FROM src GROUP BY sym");
      try (ResultSet rs = s.executeQuery("SELECT n FROM named WHERE k = 'A'")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getLong(1));
      }
      SQLException dup = assertThrows(SQLException.class, () -> s.executeUpdate("CREATE TABLE named AS SELECT 1 AS x"));
      assertEquals("42P07", dup.getSQLState(), dup.getMessage());
      s.executeUpdate("CREATE TABLE IF NOT EXISTS named AS SELECT 1 AS x");
      s.executeUpdate("CREATE TABLE empty_copy AS SELECT * FROM src WHERE id < 0");
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM empty_copy")) {
        assertTrue(rs.next());
        assertEquals(0, rs.getLong(1));
      }
    }
  }
}
