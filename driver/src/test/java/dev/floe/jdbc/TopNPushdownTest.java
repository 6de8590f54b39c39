package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ORDER BY ... LIMIT} over a Floe scan hints the scan to drop rows that cannot make the cut
 * ({@code FloeTopNRule}, {@code TopNFilter}); the answers must be exactly those of the plan without
 * pushdown, over several segments of several batches each, ascending and descending, with OFFSET,
 * ties on the first key broken by a second, NULL keys first and last, sub-millisecond timestamps
 * (ties for Calcite, which compares milliseconds), a filter, and data in random order.
 */
class TopNPushdownTest {
  private static final List<String> QUERIES = List.of(
      "SELECT id, g FROM t ORDER BY id LIMIT 10",
      "SELECT id, g FROM t ORDER BY id DESC LIMIT 10 OFFSET 5",
      "SELECT * FROM t ORDER BY g, id LIMIT 50",
      "SELECT id, g FROM t ORDER BY g DESC NULLS FIRST, id LIMIT 20",
      "SELECT id, g FROM t ORDER BY g NULLS FIRST, id DESC LIMIT 20",
      "SELECT id, g FROM t ORDER BY g DESC NULLS LAST, id LIMIT 700",
      "SELECT id, ts FROM t ORDER BY ts, id DESC LIMIT 30",
      "SELECT id, ts FROM t ORDER BY ts DESC, id DESC LIMIT 7",
      "SELECT id, d FROM t ORDER BY d, id LIMIT 25",
      "SELECT id, s FROM t WHERE g > 3 ORDER BY id DESC LIMIT 15",
      "SELECT id FROM t WHERE s = 'k2' ORDER BY ts DESC, id LIMIT 12",
      "SELECT id FROM t ORDER BY id LIMIT 0",
      "SELECT id, ts FROM t ORDER BY id LIMIT 100000");

  @ParameterizedTest
  @ValueSource(strings = {"mem", "file"})
  void answersEqualThePlanWithoutPushdown(String kind) throws SQLException {
    String url = TestUrls.fresh(kind);
    try (Connection on = DriverManager.getConnection(url);
        Connection off = DriverManager.getConnection(url + "?pushdown=false")) {
      load(on);
      for (String sql : QUERIES) {
        assertEquals(JdbcRows.of(off, sql), JdbcRows.of(on, sql), sql);
      }
      String plan = explain(on, QUERIES.get(0));
      assertTrue(plan.contains("topN=[$0 keep 10]"), plan);
      assertTrue(explain(on, QUERIES.get(1)).contains("topN=[$0 DESC keep 15]"), explain(on, QUERIES.get(1)));
      assertFalse(explain(off, QUERIES.get(0)).contains("topN"));
      assertFalse(explain(on, "SELECT id FROM t ORDER BY s LIMIT 5").contains("topN"), "VARCHAR keys are not hinted");
    }
  }

  /**
   * Time-ordered data in 6 segments: the scan reads the best segment first and skips those that
   * cannot make the cut (TableScan.prioritize); the answers stay those of the plain plan, NULL keys
   * (in one segment) included.
   */
  @ParameterizedTest
  @ValueSource(strings = {"mem", "file"})
  void orderedDataGivesTheSameAnswers(String kind) throws SQLException {
    String url = TestUrls.fresh(kind);
    try (Connection on = DriverManager.getConnection(url);
        Connection off = DriverManager.getConnection(url + "?pushdown=false")) {
      try (Statement s = on.createStatement()) {
        s.executeUpdate("CREATE TABLE o (id BIGINT, ts TIMESTAMP, v INTEGER)");
      }
      try (PreparedStatement ps = on.prepareStatement("INSERT INTO o (id, ts, v) VALUES (?, ?, ?)")) {
        for (int i = 0; i < 30_000; i++) {
          ps.setLong(1, i);
          if (i >= 10_000 && i < 10_003) {
            ps.setNull(2, Types.TIMESTAMP);
          } else {
            ps.setTimestamp(2, new Timestamp(1_767_225_600_000L + i * 10L));
          }
          ps.setInt(3, i % 7);
          ps.addBatch();
          if (i % 5_000 == 4_999) {
            ps.executeBatch();
          }
        }
      }
      for (String sql : List.of("SELECT id FROM o ORDER BY id DESC LIMIT 5",
          "SELECT id FROM o ORDER BY id LIMIT 5 OFFSET 3",
          "SELECT id, ts FROM o WHERE v = 3 ORDER BY ts DESC LIMIT 20",
          "SELECT id, ts FROM o ORDER BY ts DESC NULLS FIRST, id LIMIT 5",
          "SELECT id, ts FROM o ORDER BY ts NULLS LAST, id LIMIT 5",
          "SELECT id, ts FROM o WHERE id < 10005 ORDER BY ts DESC, id LIMIT 4")) {
        assertEquals(JdbcRows.of(off, sql), JdbcRows.of(on, sql), sql);
      }
    }
  }

  /** 30,000 rows in 3 inserts (so 3+ segments of 4 batches), ids shuffled, keys with ties and NULLs. */
  private static void load(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (id BIGINT, g INTEGER, ts TIMESTAMP, d DATE, s VARCHAR(8))");
    }
    Random rnd = new Random(7);
    int n = 30_000;
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int x = ids[i];
      ids[i] = ids[j];
      ids[j] = x;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (id, g, ts, d, s) VALUES (?, ?, ?, ?, ?)")) {
      for (int i = 0; i < n; i++) {
        ps.setLong(1, ids[i]);
        if (rnd.nextInt(10) == 0) {
          ps.setNull(2, Types.INTEGER);
        } else {
          ps.setInt(2, rnd.nextInt(8));
        }
        Timestamp ts = new Timestamp(1_767_225_600_000L + rnd.nextInt(5_000));
        ts.setNanos(ts.getNanos() + rnd.nextInt(1000) * 1000); // microseconds under the same millisecond
        if (rnd.nextInt(20) == 0) {
          ps.setNull(3, Types.TIMESTAMP);
        } else {
          ps.setTimestamp(3, ts);
        }
        ps.setDate(4, Date.valueOf(java.time.LocalDate.of(2026, 1, 1).plusDays(rnd.nextInt(40))));
        ps.setString(5, "k" + rnd.nextInt(4));
        ps.addBatch();
        if (i % 10_000 == 9_999) {
          ps.executeBatch();
        }
      }
    }
  }

  private static String explain(Connection c, String sql) throws SQLException {
    StringBuilder sb = new StringBuilder();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      while (rs.next()) {
        sb.append(rs.getString(1)).append('\n');
      }
    }
    return sb.toString();
  }
}
