package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Column DEFAULTs filled in by INSERT, and PRIMARY KEYs recorded, reported and enforced. */
class DefaultsAndKeysTest {
  private static List<String> rows(Connection c, String sql) throws SQLException {
    return JdbcRows.of(c, sql);
  }

  @ParameterizedTest
  @MethodSource("dev.floe.jdbc.TestUrls#all")
  void defaultsFillOmittedColumnsAndSurviveReconnect(String url) throws SQLException {
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE ev (id BIGINT NOT NULL, kind VARCHAR DEFAULT 'info', n INTEGER DEFAULT 1 + 2,"
          + " price DECIMAL(8,2) DEFAULT 9.5, created TIMESTAMP DEFAULT CURRENT_TIMESTAMP, note VARCHAR)");
      s.executeUpdate("INSERT INTO ev (id) VALUES (1)");
      s.executeUpdate("INSERT INTO ev (id, kind, n) VALUES (2, 'warn', NULL)");
      s.executeUpdate("INSERT INTO ev VALUES (3, DEFAULT, 7, DEFAULT, TIMESTAMP '2020-01-01 00:00:00', 'x')");
    }
    try (Connection c = TestUrls.connect(url)) {
      assertEquals(List.of("1|info|3|9.50|null", "2|warn|null|9.50|null", "3|info|7|9.50|x"),
          rows(c, "SELECT id, kind, n, price, note FROM ev ORDER BY id"));
      assertEquals(List.of("1", "2"), rows(c, "SELECT id FROM ev WHERE created > TIMESTAMP '2025-01-01 00:00:00' ORDER BY id"),
          "CURRENT_TIMESTAMP is evaluated at INSERT");
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO ev (id) SELECT id + 10 FROM ev WHERE id < 3");
      }
      assertEquals(List.of("11|info", "12|info"), rows(c, "SELECT id, kind FROM ev WHERE id > 10 ORDER BY id"));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.floe.jdbc.TestUrls#all")
  void badDefaultsFailAtCreate(String url) throws SQLException {
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      for (String sql : List.of("CREATE TABLE b1 (a INTEGER DEFAULT 'x' || 'y')", "CREATE TABLE b2 (a INTEGER, b INTEGER DEFAULT a)")) {
        SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(sql), sql);
        assertTrue(e.getSQLState().startsWith("42"), sql + ": " + e.getSQLState() + " " + e.getMessage());
      }
      SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("CREATE TABLE g (a INTEGER, b INTEGER GENERATED ALWAYS AS (a + 1))"));
      assertEquals("0A000", e.getSQLState(), e.getMessage());
      s.executeUpdate("CREATE TABLE a (x INTEGER)");
      e = assertThrows(SQLException.class, () -> s.executeUpdate("ALTER TABLE a ADD COLUMN y INTEGER DEFAULT 5"));
      assertEquals("0A000", e.getSQLState(), e.getMessage());
      try (ResultSet rs = c.getMetaData().getTables(null, null, "b%", null)) {
        assertFalse(rs.next(), "no table was created");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dev.floe.jdbc.TestUrls#all")
  void primaryKeysAreRecordedReportedAndEnforced(String url) throws SQLException {
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE o (region VARCHAR, id BIGINT, v VARCHAR, PRIMARY KEY (region, id))");
      s.executeUpdate("CREATE TABLE plain (a INTEGER)");
      DatabaseMetaData md = c.getMetaData();
      List<String> keys = new ArrayList<>();
      try (ResultSet rs = md.getPrimaryKeys(null, "floe", "o")) {
        while (rs.next()) {
          keys.add(rs.getString("TABLE_CAT") + "." + rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME")
              + "." + rs.getString("COLUMN_NAME") + "#" + rs.getShort("KEY_SEQ") + " " + rs.getString("PK_NAME"));
        }
      }
      assertEquals(List.of("floe.floe.o.region#1 o_pkey", "floe.floe.o.id#2 o_pkey"), keys);
      try (ResultSet rs = md.getPrimaryKeys(null, null, "plain")) {
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getColumns(null, "floe", "o", "id")) {
        assertTrue(rs.next());
        assertEquals(DatabaseMetaData.columnNoNulls, rs.getInt("NULLABLE"), "a key column is NOT NULL");
      }
      SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO o VALUES ('eu', NULL, 'x')"));
      assertEquals("23502", e.getSQLState(), e.getMessage());
      s.executeUpdate("INSERT INTO o VALUES ('eu', 1, 'x')");
      e = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO o VALUES ('eu', 1, 'y')"));
      assertEquals("23505", e.getSQLState(), e.getMessage());
      assertTrue(e instanceof java.sql.SQLIntegrityConstraintViolationException, e.getClass().toString());
      s.executeUpdate("INSERT INTO o VALUES ('us', 1, 'y')");
      assertEquals(List.of("2"), rows(c, "SELECT COUNT(*) FROM o"), "the duplicate changed nothing");
      e = assertThrows(SQLException.class, () -> s.executeUpdate("CREATE TABLE bad (a INTEGER, PRIMARY KEY (nosuch))"));
      assertEquals("42703", e.getSQLState(), e.getMessage());
    }
  }
}
