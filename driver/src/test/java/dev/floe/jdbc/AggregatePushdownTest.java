package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Aggregates computed inside the Floe scan ({@code FloeAggregate}) give exactly the answers of
 * Calcite's own aggregate over the same rows: every query runs on a connection with pushdown and on
 * one without, over one store, and the rows must be equal (floating-point sums included, since both
 * add in row order). The data has every numeric and temporal type, NULLs in every column, several
 * segments, deleted rows, and a column added later (NULL in old versions).
 */
class AggregatePushdownTest {
  private static final String[] GROUPS = {"", "s", "flag", "dt", "d", "amt", "ti", "ts", "s, flag", "flag, i, s"};
  private static final String AGGS = "COUNT(*), COUNT(i), COUNT(s), MAX(ti), MIN(si), SUM(i), SUM(b), SUM(d),"
      + " MIN(ti), MAX(si), MIN(i), MAX(i), MIN(b), MAX(b), MIN(r), MAX(r), MIN(d), MAX(d), MIN(dt), MAX(dt),"
      + " MIN(tm), MAX(tm), MIN(ts), MAX(ts), AVG(d), AVG(b)";
  private static final String[] WHERES = {"", "WHERE id < 0", "WHERE (s = 'k3' OR d > 0.5) AND b IS NOT NULL",
      "WHERE UPPER(s) = 'K1'"};

  @Test
  void pushedAggregatesEqualCalcitesOwn() throws SQLException {
    String url = TestUrls.file();
    try (Connection on = DriverManager.getConnection(url);
        Connection off = DriverManager.getConnection(url + "?pushdown=false")) {
      load(on);
      int pushed = 0;
      for (String g : GROUPS) {
        for (String w : WHERES) {
          String sql = "SELECT " + (g.isEmpty() ? "" : g + ", ") + AGGS + " FROM t " + w
              + (g.isEmpty() ? "" : " GROUP BY " + g + " ORDER BY " + g.replace(",", " NULLS FIRST,")
              + " NULLS FIRST");
          assertEquals(JdbcRows.of(off, sql), JdbcRows.of(on, sql), sql);
          if (explain(on, sql).contains("FloeAggregate")) {
            pushed++;
          }
        }
      }
      assertFalse(explain(off, "SELECT s, " + AGGS + " FROM t GROUP BY s").contains("FloeAggregate"));
      // every query but the residual-filter ones (UPPER) runs in the scan
      assertEquals(GROUPS.length * (WHERES.length - 1), pushed);
    }
  }

  /**
   * COUNT, MIN and MAX without GROUP BY take each segment the filter selects in full from its stats
   * ({@code BatchAggregator.addFromStats}) and read the others: the answers must equal Calcite's,
   * for every integer and temporal type, with NULLs, deleted rows, filters that select segments in
   * full, cut them or select none, a column added later (missing in old segments), and inside a
   * transaction whose own rows and deletes are not committed yet.
   */
  @Test
  void countMinMaxFromStatsEqualCalcitesOwn() throws SQLException {
    String url = TestUrls.fresh("file");
    String[] aggs = {"COUNT(*)", "COUNT(i), MIN(i), MAX(i)", "MIN(ti), MAX(ti), MIN(si), MAX(si), COUNT(si)",
        "MIN(b), MAX(b), COUNT(b)", "MIN(dt), MAX(dt), MIN(tm), MAX(tm), MIN(ts), MAX(ts)", "MIN(id), MAX(id), COUNT(ts)",
        "MIN(d), MAX(r), COUNT(*)", "MAX(ts), MIN(i), COUNT(s)"};
    String[] wheres = {"", "WHERE id >= 300", "WHERE id >= 250", "WHERE id < 600 AND id >= 0",
        "WHERE id BETWEEN 300 AND 899", "WHERE id >= 900 OR id < 10", "WHERE ts IS NOT NULL", "WHERE id IN (5, 400)",
        "WHERE id > 5000", "WHERE b IS NULL", "WHERE id <> 7"};
    try (Connection on = DriverManager.getConnection(url);
        Connection off = DriverManager.getConnection(url + "?pushdown=false")) {
      load(on);
      for (String a : aggs) {
        for (String w : wheres) {
          String sql = "SELECT " + a + " FROM t " + w;
          assertEquals(JdbcRows.of(off, sql), JdbcRows.of(on, sql), sql);
        }
      }
      try (Statement s = on.createStatement()) {
        s.executeUpdate("ALTER TABLE t ADD COLUMN extra BIGINT");
        s.executeUpdate("INSERT INTO t (id, extra, ts) VALUES (5000, 7, TIMESTAMP '2030-01-01 00:00:00.123456'),"
            + " (5001, -3, TIMESTAMP '1990-01-01 00:00:00.000999'), (5002, NULL, NULL)");
      }
      for (String w : new String[] {"", "WHERE id >= 5000", "WHERE id >= 300"}) {
        String sql = "SELECT MIN(extra), MAX(extra), COUNT(extra), COUNT(*), MIN(ts), MAX(ts) FROM t " + w;
        assertEquals(JdbcRows.of(off, sql), JdbcRows.of(on, sql), sql);
      }
      // in a transaction: its own new rows and deletes count; a residual filter (ABS) keeps the
      // aggregate out of the scan, so both queries see the same rows, one by stats, one by rows
      on.setAutoCommit(false);
      try (Statement s = on.createStatement()) {
        s.executeUpdate("INSERT INTO t (id, b, ts) VALUES (6000, 9000000000000000000, TIMESTAMP '2040-01-01 00:00:00'),"
            + " (6001, -9000000000000000000, NULL)");
        s.executeUpdate("DELETE FROM t WHERE id BETWEEN 300 AND 320");
        for (String w : new String[] {"", "id >= 300", "id >= 5000"}) {
          String pushed = "SELECT MIN(b), MAX(b), COUNT(*), COUNT(b), MIN(ts), MAX(ts), MIN(id) FROM t"
              + (w.isEmpty() ? "" : " WHERE " + w);
          String residual = "SELECT MIN(b), MAX(b), COUNT(*), COUNT(b), MIN(ts), MAX(ts), MIN(id) FROM t WHERE "
              + (w.isEmpty() ? "ABS(id) >= 0" : "ABS(id) >= " + w.substring(w.indexOf(">=") + 2).trim());
          assertTrue(explain(on, pushed).contains("FloeAggregate"), pushed);
          assertFalse(explain(on, residual).contains("FloeAggregate"), residual);
          assertEquals(JdbcRows.of(on, residual), JdbcRows.of(on, pushed), pushed);
        }
      } finally {
        on.rollback();
        on.setAutoCommit(true);
      }
    }
  }

  /**
   * SUM of a BIGINT column without NULLs is added from the packed words of whole batches
   * ({@code SegmentBatch.sumAll}); it must equal Calcite's sum, and overflow (22003) exactly when
   * Calcite's does: both signs in one batch, sums that pass the 64-bit range in one batch, and sums
   * that only pass it across batches.
   */
  @ParameterizedTest
  @ValueSource(strings = {"mem", "file"})
  void packedSumsEqualCalcitesOwnAndOverflowAlike(String kind) throws SQLException {
    String url = TestUrls.fresh(kind);
    try (Connection on = DriverManager.getConnection(url);
        Connection off = DriverManager.getConnection(url + "?pushdown=false")) {
      try (Statement s = on.createStatement()) {
        s.executeUpdate("CREATE TABLE p (id BIGINT, small BIGINT, neg BIGINT, mixed BIGINT, big BIGINT)");
      }
      Random rnd = new Random(3);
      try (PreparedStatement ps = on.prepareStatement("INSERT INTO p VALUES (?, ?, ?, ?, ?)")) {
        for (int i = 0; i < 20_000; i++) {
          ps.setLong(1, i);
          ps.setLong(2, 1 + rnd.nextInt(1000));
          ps.setLong(3, -5_000_000_000L - rnd.nextInt(70_000));
          ps.setLong(4, rnd.nextInt(2001) - 1000);
          ps.setLong(5, (1L << 50) + rnd.nextInt(1 << 16)); // 20,000 of them pass 2^63 after ~8,192
          ps.addBatch();
        }
        ps.executeBatch();
      }
      for (String sql : List.of("SELECT SUM(small), COUNT(*) FROM p", "SELECT SUM(neg), SUM(mixed) FROM p",
          "SELECT SUM(small) FROM p WHERE id >= 100", "SELECT SUM(big) FROM p WHERE id < 8000")) {
        assertEquals(JdbcRows.of(off, sql), JdbcRows.of(on, sql), sql);
      }
      for (Connection c : List.of(on, off)) {
        SQLException e = assertThrows(SQLException.class, () -> JdbcRows.of(c, "SELECT SUM(big) FROM p"));
        assertEquals("22003", e.getSQLState(), e.getMessage());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "file"})
  void oldVersionsAggregateTheColumnsTheyLackAsNull(String kind) throws SQLException {
    String url = TestUrls.fresh(kind);
    try (Connection on = DriverManager.getConnection(url);
        Connection off = DriverManager.getConnection(url + "?pushdown=false")) {
      load(on);
      long before = version(on);
      try (Statement s = on.createStatement()) {
        s.executeUpdate("ALTER TABLE t ADD COLUMN extra BIGINT");
        s.executeUpdate("INSERT INTO t (id, s, extra) VALUES (5000, 'k1', 7), (5001, 'k2', NULL), (5002, 'k1', 9)");
      }
      for (String at : List.of("TABLE(floe.at_version('t', " + before + "))", "t")) {
        for (String sql : List.of(
            "SELECT COUNT(*), COUNT(extra), SUM(extra), MIN(extra), MAX(extra) FROM " + at,
            "SELECT extra, COUNT(*), SUM(i) FROM " + at + " GROUP BY extra ORDER BY extra NULLS FIRST",
            "SELECT s, SUM(extra), MAX(extra) FROM " + at + " WHERE id > 100 GROUP BY s ORDER BY s NULLS FIRST")) {
          assertEquals(JdbcRows.of(off, sql), JdbcRows.of(on, sql), sql);
          assertTrue(explain(on, sql).contains("FloeAggregate"), sql);
        }
      }
      assertEquals(List.of("3|2|16|7|9"),
          JdbcRows.of(on, "SELECT COUNT(*), COUNT(extra), SUM(extra), MIN(extra), MAX(extra) FROM t WHERE id >= 5000"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "file"})
  void aTransactionAggregatesItsOwnUncommittedRows(String kind) throws SQLException {
    String url = TestUrls.fresh(kind);
    try (Connection on = DriverManager.getConnection(url)) {
      try (Statement s = on.createStatement()) {
        s.executeUpdate("CREATE TABLE t (k VARCHAR, v BIGINT)");
        s.executeUpdate("INSERT INTO t VALUES ('a', 1), ('b', 2)");
      }
      on.setAutoCommit(false);
      try (Statement s = on.createStatement()) {
        s.executeUpdate("INSERT INTO t VALUES ('a', 10), ('c', 5)");
        s.executeUpdate("DELETE FROM t WHERE k = 'b'");
        String sql = "SELECT k, COUNT(*), SUM(v) FROM t GROUP BY k ORDER BY k";
        assertTrue(explain(on, sql).contains("FloeAggregate"));
        assertEquals(List.of("a|2|11", "c|1|5"), JdbcRows.of(on, sql));
        assertEquals(List.of("3"), JdbcRows.of(on, "SELECT COUNT(*) FROM t"), "uncommitted rows are counted");
        on.rollback();
        assertEquals(List.of("2"), JdbcRows.of(on, "SELECT COUNT(*) FROM t"));
        assertEquals(List.of("a|1|1", "b|1|2"), JdbcRows.of(on, sql));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "file"})
  void anIntegerSumOutOfRangeIs22003AndLosesNothing(String kind) throws SQLException {
    String url = TestUrls.fresh(kind);
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE big (g VARCHAR, v BIGINT, n INTEGER)");
      s.executeUpdate("INSERT INTO big VALUES ('x', 9223372036854775000, 2147483000), ('x', 1000, 1000),"
          + " ('y', 1, 1)");
      SQLException e = assertThrows(SQLException.class, () -> JdbcRows.of(c, "SELECT g, SUM(v) FROM big GROUP BY g"));
      assertEquals("22003", e.getSQLState(), e.getMessage());
      assertTrue(e instanceof SQLDataException, e.getClass().getName());
      assertEquals(List.of("2147484001"), JdbcRows.of(c, "SELECT SUM(n) FROM big"),
          "SUM of INTEGER is a BIGINT (FloeTypeSystem), so it leaves INTEGER's range without error");
      assertEquals(List.of("x|2147484000", "y|1"),
          JdbcRows.of(c, "SELECT g, SUM(CAST(n AS BIGINT)) FROM big GROUP BY g ORDER BY g"));
      assertEquals(List.of("3"), JdbcRows.of(c, "SELECT COUNT(*) FROM big"));
    }
  }

  /**
   * A SUM leaving BIGINT is 22003 wherever it is computed: in the scan, and in Calcite's own
   * aggregate and window (pushdown off, SUM over a join or an expression, window SUM, AVG's sum).
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aBigintSumOutOfRangeIs22003WithAndWithoutPushdown(boolean pushdown) throws SQLException {
    String url = TestUrls.fresh("mem");
    try (Connection c = DriverManager.getConnection(url + (pushdown ? "" : "?pushdown=false"));
        Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE big (g VARCHAR, v BIGINT)");
      s.executeUpdate("CREATE TABLE dim (g VARCHAR, name VARCHAR)");
      s.executeUpdate("INSERT INTO big VALUES ('x', 9223372036854775000), ('x', 1000), ('y', -9223372036854775000),"
          + " ('y', -1000)");
      s.executeUpdate("INSERT INTO dim VALUES ('x', 'ex'), ('y', 'why')");
      for (String sql : List.of(
          "SELECT SUM(v) FROM big WHERE g = 'x'",
          "SELECT g, SUM(v) FROM big GROUP BY g",
          "SELECT SUM(v * 1) FROM big WHERE g = 'x'",
          "SELECT d.name, SUM(b.v) FROM big b JOIN dim d ON b.g = d.g GROUP BY d.name",
          "SELECT g, SUM(v) OVER (PARTITION BY g) FROM big",
          "SELECT g, SUM(v) OVER (ORDER BY v DESC ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM big WHERE g = 'x'",
          "SELECT g, AVG(v) FROM big GROUP BY g",
          "SELECT SUM(v) FROM big WHERE g = 'y'")) {
        SQLException e = assertThrows(SQLException.class, () -> JdbcRows.of(c, sql), sql);
        assertEquals("22003", e.getSQLState(), sql + ": " + e.getMessage());
      }
      assertEquals(List.of("x|9223372036854776000", "y|-9223372036854776000"),
          JdbcRows.of(c, "SELECT g, SUM(CAST(v AS DECIMAL(30, 0))) FROM big GROUP BY g ORDER BY g"));
      assertEquals(List.of("x|1000", "y|-1000"),
          JdbcRows.of(c, "SELECT g, SUM(v) FROM big WHERE v > -10000 AND v < 10000 GROUP BY g ORDER BY g"));
      assertEquals(List.of("-1000", "1000"),
          JdbcRows.of(c, "SELECT SUM(v) OVER (PARTITION BY g) FROM big WHERE ABS(v) < 10000 ORDER BY 1"));
    }
  }

  private static long version(Connection c) throws SQLException {
    List<String> v = JdbcRows.of(c, "SELECT MAX(version) FROM floe_system.versions WHERE table_name = 't'");
    return Long.parseLong(v.get(0));
  }

  private static String explain(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      StringBuilder b = new StringBuilder();
      while (rs.next()) {
        b.append(rs.getString(1));
      }
      return b.toString();
    }
  }

  /** 1,200 seeded rows in 4 commits (so several segments), then a delete (a rewritten segment). */
  private static void load(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (id INTEGER NOT NULL, ti TINYINT, si SMALLINT, i INTEGER, b BIGINT, r REAL,"
          + " d DOUBLE, amt DECIMAL(10,2), s VARCHAR, flag BOOLEAN, dt DATE, tm TIME, ts TIMESTAMP)");
    }
    Random random = new Random(42);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int id = 0; id < 1200; id++) {
        ps.setInt(1, id);
        setOrNull(ps, 2, random, Types.TINYINT, (byte) (random.nextInt(200) - 100));
        setOrNull(ps, 3, random, Types.SMALLINT, (short) (random.nextInt(60000) - 30000));
        setOrNull(ps, 4, random, Types.INTEGER, random.nextInt(2_000_000) - 1_000_000);
        setOrNull(ps, 5, random, Types.BIGINT, random.nextLong() >> 16);
        setOrNull(ps, 6, random, Types.REAL, (float) random.nextGaussian());
        setOrNull(ps, 7, random, Types.DOUBLE, random.nextInt(10) == 0 ? -0.0 : random.nextDouble() * 3 - 1);
        setOrNull(ps, 8, random, Types.DECIMAL, java.math.BigDecimal.valueOf(random.nextInt(400), 2));
        setOrNull(ps, 9, random, Types.VARCHAR, "k" + random.nextInt(6));
        setOrNull(ps, 10, random, Types.BOOLEAN, random.nextBoolean());
        setOrNull(ps, 11, random, Types.DATE, Date.valueOf(java.time.LocalDate.of(2020, 1, 1).plusDays(random.nextInt(30))));
        setOrNull(ps, 12, random, Types.TIME, Time.valueOf(java.time.LocalTime.of(random.nextInt(24), random.nextInt(60))));
        setOrNull(ps, 13, random, Types.TIMESTAMP, Timestamp.valueOf(
            java.time.LocalDateTime.of(2021, 3, 1, 0, 0).plusSeconds(random.nextInt(40) * 3600L)));
        ps.addBatch();
        if (id % 300 == 299) {
          ps.executeBatch();
        }
      }
    }
    try (Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM t WHERE id BETWEEN 100 AND 160");
    }
  }

  private static void setOrNull(PreparedStatement ps, int i, Random random, int type, Object value)
      throws SQLException {
    if (random.nextInt(8) == 0) {
      ps.setNull(i, type);
    } else if (value instanceof Date v) {
      ps.setDate(i, v);
    } else if (value instanceof Time v) {
      ps.setTime(i, v);
    } else if (value instanceof Timestamp v) {
      ps.setTimestamp(i, v);
    } else {
      ps.setObject(i, value, type);
    }
  }
}
