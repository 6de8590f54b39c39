package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** INSERT and SELECT through the driver: every type, NULLs, parameters, pushed filters. */
@org.junit.jupiter.params.ParameterizedClass
@org.junit.jupiter.params.provider.MethodSource("dev.floe.jdbc.TestUrls#kinds")
class DmlTest {
  private final String url;

  /** A fresh, empty store per test on backend {@code kind} ({@link TestUrls#kinds}). */
  DmlTest(String kind) {
    this.url = TestUrls.fresh(kind);
  }
  private Connection c;

  @BeforeEach
  void open() throws SQLException {
    c = TestUrls.connect(url);
  }

  @AfterEach
  void close() throws SQLException {
    c.close();
  }

  private long count(String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  @Test
  void everyTypeRoundTripsWithNulls() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE all_types (b BOOLEAN, ti TINYINT, si SMALLINT, i INTEGER, bi BIGINT,"
          + " r REAL, d DOUBLE, dc DECIMAL(38,4), v VARCHAR, vb VARBINARY, dt DATE, tm TIME,"
          + " ts TIMESTAMP, tz TIMESTAMP WITH LOCAL TIME ZONE)");
      assertEquals(2, s.executeUpdate("INSERT INTO all_types VALUES"
          + " (TRUE, -128, 32767, -2147483648, 9223372036854775807, CAST(1.5 AS REAL), -0.25,"
          + " 1234567890123456789012345678901234.5678, 'héllo ✓', X'00ff', DATE '1969-12-31',"
          + " TIME '23:59:59', TIMESTAMP '1900-01-01 00:00:00.123', TIMESTAMP '2026-11-23 12:00:00'),"
          + " (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)"));
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM all_types ORDER BY b NULLS LAST")) {
      assertTrue(rs.next());
      assertTrue(rs.getBoolean("b"));
      assertEquals(-128, rs.getByte("ti"));
      assertEquals(32767, rs.getShort("si"));
      assertEquals(Integer.MIN_VALUE, rs.getInt("i"));
      assertEquals(Long.MAX_VALUE, rs.getLong("bi"));
      assertEquals(1.5f, rs.getFloat("r"));
      assertEquals(-0.25, rs.getDouble("d"));
      assertEquals(new BigDecimal("1234567890123456789012345678901234.5678"), rs.getBigDecimal("dc"));
      assertEquals("héllo ✓", rs.getString("v"));
      assertArrayEquals(new byte[] {0, (byte) 0xff}, rs.getBytes("vb"));
      assertEquals(Date.valueOf("1969-12-31"), rs.getDate("dt"));
      assertEquals(Time.valueOf("23:59:59"), rs.getTime("tm"));
      assertEquals(Timestamp.valueOf("1900-01-01 00:00:00.123"), rs.getTimestamp("ts"));
      assertTrue(rs.next());
      for (int i = 1; i <= 14; i++) {
        assertNull(rs.getObject(i), "column " + i);
      }
      assertFalse(rs.next());
    }
  }

  @Test
  void batchesParametersAndPushedFiltersGiveCorrectAnswers() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (id BIGINT NOT NULL, sym VARCHAR, px DECIMAL(12,2))");
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
      for (int i = 0; i < 1000; i++) {
        ps.setLong(1, i);
        ps.setString(2, i % 10 == 0 ? null : "s" + (i % 3));
        ps.setBigDecimal(3, new BigDecimal(i).movePointLeft(2));
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      assertEquals(1000, counts.length);
      assertTrue(java.util.Arrays.stream(counts).allMatch(n -> n == 1));
    }

    assertEquals(1000, count("SELECT COUNT(*) FROM t"));
    assertEquals(300, count("SELECT COUNT(*) FROM t WHERE sym = 's1'"));
    assertEquals(100, count("SELECT COUNT(*) FROM t WHERE sym IS NULL"));
    assertEquals(10, count("SELECT COUNT(*) FROM t WHERE id BETWEEN 10 AND 19"));
    assertEquals(90, count("SELECT COUNT(*) FROM t WHERE px < 1.00 AND sym IS NOT NULL"));
    assertEquals(600, count("SELECT COUNT(*) FROM t WHERE sym LIKE 's%' AND NOT (sym = 's0')"));
    try (PreparedStatement ps = c.prepareStatement("SELECT SUM(id) FROM t WHERE id >= ? AND sym = ?")) {
      ps.setLong(1, 990);
      ps.setString(2, "s0");
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(990 + 993 + 996 + 999 - 990, rs.getLong(1), "990 is NULL-symbol (i % 10 == 0)");
      }
    }
  }

  @Test
  void insertSelectAndNotNullViolation() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE a (x INTEGER NOT NULL, y VARCHAR)");
      s.executeUpdate("CREATE TABLE b (x INTEGER NOT NULL, y VARCHAR)");
      s.executeUpdate("INSERT INTO a VALUES (1, 'one'), (2, 'two'), (3, NULL)");
      assertEquals(2, s.executeUpdate("INSERT INTO b SELECT x * 10, y FROM a WHERE x < 3"));
      assertEquals(2, count("SELECT COUNT(*) FROM b WHERE x IN (10, 20)"));
      SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO a VALUES (NULL, 'x')"));
      assertEquals("23502", e.getSQLState(), e.getMessage());
      assertEquals(3, count("SELECT COUNT(*) FROM a"), "the failed insert changed nothing");
    }
  }

  @Test
  void deleteAndUpdateRewriteOnlyMatchingRows() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE acct (id BIGINT NOT NULL, owner VARCHAR, balance DECIMAL(12,2))");
      s.executeUpdate("INSERT INTO acct VALUES (1, 'ann', 10.00), (2, 'bob', 20.00), (3, 'cy', 30.00),"
          + " (4, 'di', NULL)");
      assertEquals(1, s.executeUpdate("DELETE FROM acct WHERE id = 2"));
      assertEquals(0, s.executeUpdate("DELETE FROM acct WHERE id = 99"));
      assertEquals(2, s.executeUpdate("UPDATE acct SET balance = 0, owner = 'closed' WHERE id >= 3"));
      assertEquals(3, count("SELECT COUNT(*) FROM acct"));
      assertEquals(2, count("SELECT COUNT(*) FROM acct WHERE owner = 'closed' AND balance = 0"));
      assertEquals(1, count("SELECT COUNT(*) FROM acct WHERE owner = 'ann' AND balance = 10"));
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE acct SET owner = ? WHERE id = ?")) {
      ps.setString(1, "anne");
      ps.setLong(2, 1);
      assertEquals(1, ps.executeUpdate());
    }
    assertEquals(1, count("SELECT COUNT(*) FROM acct WHERE owner = 'anne'"));
    try (Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE acct SET owner = NULL, id = NULL"));
      assertEquals("23502", e.getSQLState(), e.getMessage());
      assertEquals(3, s.executeUpdate("DELETE FROM acct"));
      assertEquals(0, count("SELECT COUNT(*) FROM acct"));
    }
  }
}
