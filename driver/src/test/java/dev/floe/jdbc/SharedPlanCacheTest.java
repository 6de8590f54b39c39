package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.jdbc.FloeMetaImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plans are shared by every connection of the JVM over the same store, the way a pool of
 * connections prepares the same text per call (Spring's JdbcTemplate): the second connection's
 * {@code prepareStatement} reuses the first one's plan, runs it on its own store, transaction and
 * permissions, and plans afresh once the table's schema changed.
 */
class SharedPlanCacheTest {

  private static long hits(Connection c) throws SQLException {
    return FloeMetaImpl.of(c.unwrap(AvaticaConnection.class)).planCacheHits();
  }

  private static List<String> query(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      return JdbcRows.of(ps.executeQuery());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "file", "s3"})
  void prepareStatementPerCallOnAPoolPlansOnce(String kind) throws SQLException {
    String url = TestUrls.fresh(kind);
    String q = "SELECT id, name FROM t WHERE id BETWEEN ? AND ? ORDER BY id";
    try (Connection a = TestUrls.connect(url); Statement s = a.createStatement()) {
      s.executeUpdate("CREATE TABLE t (id BIGINT, name VARCHAR)");
      s.executeUpdate("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')");
      assertEquals(List.of("2|b", "3|c"), query(a, q, 2, 3));
      long before = hits(a);
      assertEquals(List.of("1|a"), query(a, q, 0, 1), "the second prepare on the same connection");
      assertEquals(before + 1, hits(a), "reused the plan");
    }
    // a connection opened after the first was closed: the plan holds no connection
    try (Connection b = TestUrls.connect(url); Statement s = b.createStatement()) {
      long before = hits(b);
      assertEquals(List.of("3|c", "4|d"), query(b, q, 3, 9));
      assertEquals(before + 1, hits(b), "another connection reused the plan");
      s.executeUpdate("INSERT INTO t VALUES (5, 'e')");
      assertEquals(List.of("4|d", "5|e"), query(b, q, 4, 5), "rows committed since are read");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "file"})
  void aReusedPlanRunsInTheReusingConnectionsTransaction(String kind) throws SQLException {
    String url = TestUrls.fresh(kind);
    String q = "SELECT count(*) FROM t WHERE id >= ?";
    try (Connection a = TestUrls.connect(url); Connection b = TestUrls.connect(url);
        Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      sa.executeUpdate("CREATE TABLE t (id BIGINT)");
      sa.executeUpdate("INSERT INTO t VALUES (1), (2)");
      assertEquals(List.of("2"), query(a, q, 0));
      b.setAutoCommit(false);
      sb.executeUpdate("INSERT INTO t VALUES (3)");
      long before = hits(b);
      assertEquals(List.of("3"), query(b, q, 0), "b's plan reads b's uncommitted row");
      assertEquals(before + 1, hits(b));
      assertEquals(List.of("2"), query(a, q, 0), "a does not see it");
      b.rollback();
      assertEquals(List.of("2"), query(b, q, 0));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "file"})
  void anotherConnectionsAddColumnOrRecreatePlansAfresh(String kind) throws SQLException {
    String url = TestUrls.fresh(kind);
    String q = "SELECT * FROM t WHERE id > ? ORDER BY id";
    try (Connection a = TestUrls.connect(url); Connection b = TestUrls.connect(url);
        Statement sb = b.createStatement()) {
      sb.executeUpdate("CREATE TABLE t (id BIGINT, name VARCHAR)");
      sb.executeUpdate("INSERT INTO t VALUES (1, 'x')");
      assertEquals(List.of("1|x"), query(a, q, 0));
      long before = hits(a);
      sb.executeUpdate("ALTER TABLE t ADD COLUMN qty INTEGER");
      sb.executeUpdate("INSERT INTO t VALUES (2, 'y', 7)");
      assertEquals(List.of("1|x|null", "2|y|7"), query(a, q, 0), "the new column is seen");
      assertEquals(before, hits(a), "planned afresh");
      assertEquals(List.of("2|y|7"), query(b, q, 1), "and the new plan is shared");
      sb.executeUpdate("DROP TABLE t");
      SQLException e = assertThrows(SQLException.class, () -> query(a, q, 0));
      assertEquals("42P01", e.getSQLState(), e.getMessage());
      sb.executeUpdate("CREATE TABLE t (id BIGINT, price DOUBLE)");
      sb.executeUpdate("INSERT INTO t VALUES (9, 1.5)");
      assertEquals(List.of("9|1.5"), query(a, q, 0), "a table created again under the name");
    }
  }

  @Test
  void aSnapshotConnectionNeverTakesTheLatestConnectionsPlan() throws SQLException {
    String url = TestUrls.fresh("mem");
    String q = "SELECT count(*) FROM t WHERE id > ?";
    try (Connection a = TestUrls.connect(url); Statement s = a.createStatement()) {
      s.executeUpdate("CREATE TABLE t (id BIGINT)");
      s.executeUpdate("INSERT INTO t VALUES (1), (2)");
      JdbcRows.of(a, "SELECT * FROM TABLE(floe.create_snapshot('before'))");
      s.executeUpdate("INSERT INTO t VALUES (3)");
      assertEquals(List.of("3"), query(a, q, 0));
      try (Connection snap = TestUrls.connect(url + "?snapshot=before")) {
        assertEquals(List.of("2"), query(snap, q, 0), "the snapshot's rows");
        assertEquals(List.of("2"), query(snap, q, 0));
      }
      assertEquals(List.of("3"), query(a, q, 0));
    }
  }

  @Test
  void manyThreadsPreparingTheSameTextAllGetRightAnswers() throws Exception {
    String url = TestUrls.fresh("mem");
    try (Connection a = TestUrls.connect(url); Statement s = a.createStatement()) {
      s.executeUpdate("CREATE TABLE t (id BIGINT, v BIGINT)");
      StringBuilder values = new StringBuilder();
      for (int i = 0; i < 100; i++) {
        values.append(i == 0 ? "" : ",").append("(").append(i).append(",").append(i * 10).append(")");
      }
      s.executeUpdate("INSERT INTO t VALUES " + values);
    }
    String q = "SELECT v FROM t WHERE id = ?";
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 4; t++) {
      int seed = t;
      threads.add(new Thread(() -> {
        try (Connection c = TestUrls.connect(url)) {
          for (int i = 0; i < 50; i++) {
            int id = (i * 7 + seed * 13) % 100;
            assertEquals(List.of(String.valueOf(id * 10)), query(c, q, id));
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(List.of(), failures);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "file"})
  void plainStatementsDifferingOnlyInComparedLiteralsShareAPlanAndAnswerAsWritten(String kind) throws SQLException {
    String url = TestUrls.fresh(kind);
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (id INTEGER, code VARCHAR(4), price DECIMAL(6,2), x DOUBLE, d DATE, ts TIMESTAMP)");
      s.executeUpdate("INSERT INTO t VALUES (1, 'ab', 1.50, 0.5, DATE '2026-01-01', TIMESTAMP '2026-01-01 10:00:00'),"
          + " (2, 'abcd', 2.25, 1.5, DATE '2026-01-02', TIMESTAMP '2026-01-01 10:00:01.5'),"
          + " (3, 'b', 3.00, -2.0, DATE '2026-01-03', TIMESTAMP '2026-01-01 10:00:02')");
      String q = "SELECT id FROM t WHERE id > %s ORDER BY id";
      assertEquals(List.of("2", "3"), JdbcRows.of(c, String.format(q, "1")));
      long before = hits(c);
      assertEquals(List.of("3"), JdbcRows.of(c, String.format(q, "2")));
      assertEquals(List.of("1", "2", "3"), JdbcRows.of(c, String.format(q, "0")));
      assertEquals(before + 2, hits(c), "new literals reused the plan");
      assertEquals(List.of("3"), JdbcRows.of(c, String.format(q, "2.5")), "2.5 is not an INTEGER: planned as written");
      assertEquals(List.of("1", "2", "3"), JdbcRows.of(c, String.format(q, "-1")));
      assertEquals(List.of(), JdbcRows.of(c, String.format(q, "3000000000")), "beyond INTEGER: as written");

      String codes = "SELECT id FROM t WHERE code = %s ORDER BY id";
      assertEquals(List.of("2"), JdbcRows.of(c, String.format(codes, "'abcd'")));
      assertEquals(List.of("3"), JdbcRows.of(c, String.format(codes, "'b'")));
      assertEquals(List.of(), JdbcRows.of(c, String.format(codes, "'abcde'")), "longer than VARCHAR(4): never equal");
      assertEquals(List.of(), JdbcRows.of(c, String.format(codes, "'abcd '")));

      String prices = "SELECT id FROM t WHERE price >= %s ORDER BY id";
      assertEquals(List.of("2", "3"), JdbcRows.of(c, String.format(prices, "2.25")));
      assertEquals(List.of("3"), JdbcRows.of(c, String.format(prices, "2.251")), "three places: as written");
      assertEquals(List.of("1", "2", "3"), JdbcRows.of(c, String.format(prices, "1")));

      String doubles = "SELECT id FROM t WHERE x BETWEEN %s AND %s ORDER BY id";
      assertEquals(List.of("1", "2"), JdbcRows.of(c, String.format(doubles, "0", "1.5")));
      assertEquals(List.of("3"), JdbcRows.of(c, String.format(doubles, "-2.5E0", "0.25")));

      String times = "SELECT id FROM t WHERE ts >= %s AND d < %s OR id = %s ORDER BY id";
      assertEquals(List.of("2"), JdbcRows.of(c, String.format(times,
          "TIMESTAMP '2026-01-01 10:00:01.5'", "DATE '2026-01-03'", "99")));
      assertEquals(List.of("1", "2"), JdbcRows.of(c, String.format(times,
          "TIMESTAMP '2026-01-01 10:00:00'", "DATE '2026-01-03'", "99")));
      assertEquals(List.of("2", "3"), JdbcRows.of(c, String.format(times,
          "TIMESTAMP '2026-01-01 10:00:01.000001'", "DATE '2027-01-01'", "99")), "finer than TIMESTAMP(3): as written");
      assertEquals(List.of("1"), JdbcRows.of(c, String.format(times,
          "TIMESTAMP '2027-01-01 00:00:00'", "DATE '2026-01-03'", "1")));

      assertEquals(List.of("1|2.5"), JdbcRows.of(c, "SELECT id, 2.5 FROM t WHERE id = 1"), "select-list literals stay");
      assertEquals(List.of("1|7"), JdbcRows.of(c, "SELECT id, 7 FROM t WHERE id = 1"));
    }
  }

  /**
   * A query whose generated code fails when first initialized (a constant overflow is hoisted into
   * a static field) fails the same way every time: its plan is not kept poisoned in the cache.
   */
  @Test
  void aPlanWhoseCodeFailsToInitializeIsNotReused() throws SQLException {
    try (Connection c = TestUrls.connect(TestUrls.fresh("mem")); Statement s = c.createStatement()) {
      for (int i = 0; i < 3; i++) {
        SQLException e = assertThrows(SQLException.class, () -> JdbcRows.of(c, "SELECT 2147483647 + 1"));
        assertEquals("22003", e.getSQLState(), "run " + i + ": " + e.getMessage());
      }
      assertEquals(List.of("2"), JdbcRows.of(c, "SELECT 1 + 1"), "the connection stays usable");
    }
  }

  /**
   * A statement the parser reads rewritten ({@code ::} casts become CAST first) has literal
   * positions that do not fall on the text as written: its literals are never cut out at them.
   */
  @Test
  void literalsOfARewrittenTextAreLeftAlone() throws SQLException {
    try (Connection c = TestUrls.connect(TestUrls.fresh("mem")); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (id BIGINT, code VARCHAR)");
      s.executeUpdate("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
      for (int i = 0; i < 2; i++) {
        assertEquals(List.of("2"), JdbcRows.of(c, "SELECT id::INTEGER AS a FROM t WHERE id > 1 AND id < 3"));
        assertEquals(List.of("3"), JdbcRows.of(c, "SELECT id::VARCHAR FROM t WHERE code = 'c' AND id >= 2::BIGINT"));
        assertEquals(List.of("1|a"), JdbcRows.of(c, "SELECT id, code FROM t WHERE id::INTEGER::BIGINT = 1 OR code = 'zz'"));
      }
    }
  }
}
