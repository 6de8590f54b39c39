package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statement.cancel() from another thread and setQueryTimeout stop a long scan, join, aggregation
 * and INSERT ... SELECT with 57014 (SQLTimeoutException for a timeout, SQLTransientException for a
 * cancel) soon after the cancel or the deadline, commit nothing, and leave the connection and the
 * statement usable. The queries are long by cross joins of a 2,000-row table, not by data; each
 * would run for minutes (or hours) if not stopped. Latencies are printed; the bound asserted (1 s)
 * is generous for a loaded machine, the target is 100 ms.
 */
class CancelTest {
  private static final int ROWS = 2_000;
  /** The bound asserted on the delay from the cancel or the deadline to the exception. */
  private static final long BOUND_MS = 1_000;

  /** The queries, by kind; each streams or computes for far longer than the tests wait. */
  private static final String SCAN = "SELECT a.id, b.id, c.v FROM n a CROSS JOIN n b CROSS JOIN n c";
  /** Nested-loop joins (no equality to hash on) that never find a row: all the time is the join's. */
  private static final String JOIN = "SELECT a.id, b.id, c.id FROM n a JOIN n b ON a.id < b.id"
      + " JOIN n c ON b.id + c.id < a.g - 5000";
  private static final String AGGREGATE = "SELECT a.g, COUNT(*), SUM(b.v * c.v) FROM n a, n b, n c GROUP BY a.g";
  private static final String INSERT_SELECT = "INSERT INTO dst SELECT a.id, b.id FROM n a, n b, n c"
      + " WHERE MOD(a.id + b.id + c.id, 50000) = 0";
  private static final String UPDATE = "UPDATE n SET v = v + 1 WHERE id IN (SELECT a.id FROM n a, n b, n c"
      + " WHERE MOD(a.id + b.id + c.id, 50000) = 0)";
  /** Run on a plain statement: CREATE TABLE AS runs its query on a statement of its own. */
  private static final String CTAS = "CREATE TABLE made AS SELECT a.id, b.id AS b FROM n a, n b, n c"
      + " WHERE MOD(a.id + b.id + c.id, 50000) = 0";

  private static Connection connection;
  private static final ExecutorService WORKER = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "cancel-test-worker");
    t.setDaemon(true); // a statement that is never stopped must not keep the test JVM alive
    return t;
  });

  @BeforeAll
  static void data() throws SQLException {
    connection = TestUrls.connect(TestUrls.mem());
    try (Statement s = connection.createStatement()) {
      s.executeUpdate("CREATE TABLE n (id BIGINT NOT NULL, g INT NOT NULL, v DOUBLE NOT NULL)");
      s.executeUpdate("CREATE TABLE dst (x BIGINT, y BIGINT)");
    }
    try (PreparedStatement p = connection.prepareStatement("INSERT INTO n VALUES (?, ?, ?)")) {
      for (int i = 0; i < ROWS; i++) {
        p.setLong(1, i);
        p.setInt(2, i % 10);
        p.setDouble(3, i * 0.5);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  /** What a stopped statement threw, and how long after the cancel or the deadline. */
  private record Stopped(SQLException error, long latencyMillis) {}

  /** A statement's execution that runs long (and that the cancel stops). */
  private interface Work {
    void run() throws SQLException;
  }

  /** Reads every row of {@code rs}, then closes it. */
  private static void readAll(ResultSet rs) throws SQLException {
    try (rs) {
      while (rs.next()) {
        rs.getLong(1);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scan", "join", "aggregate", "insert", "update", "ctas"})
  void cancelStopsTheStatementSoonAndLeavesTheConnectionUsable(String kind) throws Exception {
    try (Statement p = statement(kind)) { // planned before the clock starts
      long versions = versions();
      Stopped stopped = cancelWhileRunning(p, work(kind, p));
      System.out.printf("cancel of a long %s: 57014 %d ms after cancel()%n", kind, stopped.latencyMillis());
      assertEquals("57014", stopped.error().getSQLState(), stopped.error().getMessage());
      assertInstanceOf(SQLTransientException.class, stopped.error());
      assertTrue(!(stopped.error() instanceof SQLTimeoutException), "a cancel is not a timeout");
      assertTrue(stopped.latencyMillis() < BOUND_MS, kind + ": " + stopped.latencyMillis() + " ms");
      assertNothingCommittedAndUsable(versions);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scan", "join", "aggregate", "insert", "ctas"})
  void queryTimeoutStopsTheStatementSoonAfterTheDeadline(String kind) throws Exception {
    try (Statement p = statement(kind)) {
      long versions = versions();
      p.setQueryTimeout(1);
      long start = System.nanoTime();
      Future<Long[]> run = WORKER.submit(() -> failure(work(kind, p)));
      Stopped stopped = stoppedBy(run, start + TimeUnit.SECONDS.toNanos(1));
      System.out.printf("timeout of a long %s: 57014 %d ms after the deadline%n", kind, stopped.latencyMillis());
      assertEquals("57014", stopped.error().getSQLState(), stopped.error().getMessage());
      assertInstanceOf(SQLTimeoutException.class, stopped.error());
      assertTrue(stopped.latencyMillis() < BOUND_MS, kind + ": " + stopped.latencyMillis() + " ms");
      assertNothingCommittedAndUsable(versions);
    }
  }

  @Test
  void theSameStatementRunsAgainAfterItsCancelAndItsTimeout() throws Exception {
    try (Statement s = connection.createStatement()) {
      assertEquals("57014", cancelWhileRunning(s, () -> readAll(s.executeQuery(SCAN))).error().getSQLState());
      assertEquals(List.of(String.valueOf(ROWS)), JdbcRows.of(s.executeQuery("SELECT COUNT(*) FROM n")));
      s.setQueryTimeout(1);
      SQLException timedOut = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> JdbcRows.of(s.executeQuery(AGGREGATE)));
      assertInstanceOf(SQLTimeoutException.class, timedOut);
      assertEquals(List.of(String.valueOf(ROWS)), JdbcRows.of(s.executeQuery("SELECT COUNT(*) FROM n")));
    }
  }

  @Test
  void aTimeoutCoversOnlyItsOwnExecutionAndAQuickStatementIsNotStopped() throws Exception {
    try (Statement s = connection.createStatement()) {
      s.setQueryTimeout(1);
      assertEquals(List.of(String.valueOf(ROWS)), JdbcRows.of(s.executeQuery("SELECT COUNT(*) FROM n")));
      s.executeUpdate("INSERT INTO dst VALUES (-1, -1)");
      Thread.sleep(1_300); // past the first execution's deadline: disarmed, it stops nothing later
      assertEquals(List.of("1"), JdbcRows.of(s.executeQuery("SELECT COUNT(*) FROM dst WHERE x = -1")));
      s.executeUpdate("DELETE FROM dst WHERE x = -1");
      s.cancel(); // nothing running: the next execution is not affected
      assertEquals(List.of("0"), JdbcRows.of(s.executeQuery("SELECT COUNT(*) FROM dst")));
    }
  }

  /** A prepared statement of {@code kind}'s SQL, or a plain statement for CREATE TABLE AS. */
  private static Statement statement(String kind) throws SQLException {
    return kind.equals("ctas") ? connection.createStatement() : connection.prepareStatement(sql(kind));
  }

  private static String sql(String kind) {
    return switch (kind) {
      case "update" -> UPDATE;
      case "ctas" -> CTAS;
      case "scan" -> SCAN;
      case "join" -> JOIN;
      case "aggregate" -> AGGREGATE;
      case "insert" -> INSERT_SELECT;
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private static Work work(String kind, Statement s) {
    return switch (kind) {
      case "ctas" -> () -> s.executeUpdate(CTAS);
      case "insert", "update" -> ((PreparedStatement) s)::executeUpdate;
      default -> () -> readAll(((PreparedStatement) s).executeQuery());
    };
  }

  /** Runs {@code work} on another thread, cancels it 300 ms later, and returns what it threw. */
  private static Stopped cancelWhileRunning(Statement p, Work work) throws Exception {
    Future<Long[]> run = WORKER.submit(() -> failure(work));
    Thread.sleep(300);
    long cancelled = System.nanoTime();
    p.cancel();
    return stoppedBy(run, cancelled);
  }

  /** Runs {@code work}; returns the nanoTime it failed at and the index of its exception. */
  private static Long[] failure(Work work) {
    try {
      work.run();
      return new Long[] {System.nanoTime(), -1L};
    } catch (SQLException e) {
      long at = System.nanoTime();
      ERRORS.set(e);
      return new Long[] {at, 0L};
    }
  }

  private static final java.util.concurrent.atomic.AtomicReference<SQLException> ERRORS =
      new java.util.concurrent.atomic.AtomicReference<>();

  private static Stopped stoppedBy(Future<Long[]> run, long since) throws Exception {
    Long[] r = run.get(20, TimeUnit.SECONDS); // never stopped: fails here, the statement left running
    assertEquals(0L, r[1], "the statement ran to its end instead of being stopped");
    SQLException e = ERRORS.getAndSet(null);
    assertNotNull(e);
    return new Stopped(e, TimeUnit.NANOSECONDS.toMillis(r[0] - since));
  }

  /** The stopped statement wrote nothing (no version of any table, no table); the connection runs the next one. */
  private static void assertNothingCommittedAndUsable(long versions) throws SQLException {
    assertEquals(versions, versions(), "a stopped statement commits nothing");
    assertEquals(List.of("0"), JdbcRows.of(connection, "SELECT COUNT(*) FROM dst"));
    assertEquals(List.of("0"), JdbcRows.of(connection, "SELECT COUNT(*) FROM floe_system.tables WHERE table_name = 'made'"));
    assertEquals(List.of(String.valueOf(ROWS * 0.5 * (ROWS - 1) / 2)),
        JdbcRows.of(connection, "SELECT SUM(v) FROM n"), "no row of n updated");
    assertEquals(List.of(String.valueOf(ROWS)), JdbcRows.of(connection, "SELECT COUNT(*) FROM n"));
  }

  /** Versions of every table. */
  private static long versions() throws SQLException {
    return Long.parseLong(JdbcRows.of(connection, "SELECT COUNT(*) FROM floe_system.versions").get(0));
  }
}
