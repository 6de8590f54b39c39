package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.io.CountingStore;
import dev.floe.storage.io.StoreOp;
import dev.floe.storage.io.memory.MemoryStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a cold client asks the store for its first statement, and that the shortcut behind it (a
 * statement's run reuses the table versions its planning read in the same call) never makes a
 * later run stale.
 */
class ColdReadTest {
  private final MemoryStore memory = MemoryStore.open("cold-read-" + UUID.randomUUID());

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  private void createTable(int rows) throws SQLException {
    try (Connection c = FloeDriver.connect(memory); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id BIGINT, name VARCHAR)");
      for (int i = 0; i < rows; i++) {
        s.executeUpdate("INSERT INTO t VALUES (" + i + ", 'n" + i + "')");
      }
    }
  }

  /**
   * A cold client's first statement lists the catalog and the views (together), reads the table's
   * hint (which carries the head's record) and lists its log: once, for planning and running.
   */
  @Test
  void aColdStatementResolvesItsTableOnceWithFourRequests() throws SQLException {
    createTable(3);
    CountingStore counting = new CountingStore(memory);
    try (Connection c = FloeDriver.connect(counting); Statement s = c.createStatement()) {
      counting.reset();
      assertEquals(3, count(s, "SELECT COUNT(*) FROM t"));
      CountingStore.Counts io = counting.counts();
      assertEquals(3, io.requests(StoreOp.LIST), "catalog/, views/ and the log: " + io);
      assertEquals(1, io.requests(StoreOp.GET), "the hint, whose copy of the record stands in for it: " + io);
      assertEquals(4, io.totalRequests(), io.toString());
      // the same query again takes the cached plan: its check lists the table's catalog ops and
      // its log after the version seen last (no hint read), and the run reuses what it read
      counting.reset();
      assertEquals(3, count(s, "SELECT COUNT(*) FROM t"));
      io = counting.counts();
      assertEquals(2, io.requests(StoreOp.LIST), io.toString());
      assertEquals(2, io.totalRequests(), "the cached plan's check, then nothing more: " + io);
    }
  }

  /** A plain statement's second run, through its cached plan, sees a row committed in between. */
  @Test
  void aCachedPlanRunsOnTheVersionLatestAtItsCall() throws SQLException {
    createTable(1);
    try (Connection reader = FloeDriver.connect(memory); Statement r = reader.createStatement();
        Connection writer = FloeDriver.connect(memory); Statement w = writer.createStatement()) {
      assertEquals(1, count(r, "SELECT COUNT(*) FROM t WHERE id >= 0"));
      w.executeUpdate("INSERT INTO t VALUES (7, 'x')");
      assertEquals(2, count(r, "SELECT COUNT(*) FROM t WHERE id >= 0"));
      assertEquals(2, count(r, "SELECT COUNT(*) FROM t"));
    }
  }

  /**
   * A prepared statement runs outside the call that planned it, so it reads the store again: a
   * row committed after the prepare (and after another statement of the same thread ran) is seen.
   */
  @Test
  void aPreparedStatementRunLaterSeesCommitsMadeAfterItWasPrepared() throws SQLException {
    createTable(1);
    try (Connection reader = FloeDriver.connect(memory); Statement r = reader.createStatement();
        PreparedStatement p = reader.prepareStatement("SELECT COUNT(*), MAX(id) FROM t WHERE id >= ?");
        Connection writer = FloeDriver.connect(memory); Statement w = writer.createStatement()) {
      assertEquals(1, count(r, "SELECT COUNT(*) FROM t"));
      w.executeUpdate("INSERT INTO t VALUES (7, 'x')");
      p.setLong(1, 0);
      try (ResultSet rs = p.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(2, rs.getLong(1));
        assertEquals(7, rs.getLong(2));
      }
      w.executeUpdate("INSERT INTO t VALUES (9, 'y')");
      try (ResultSet rs = p.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(3, rs.getLong(1));
        assertEquals(9, rs.getLong(2));
      }
    }
  }

  /** A self-join in one statement reads one version of the table on both sides. */
  @Test
  void bothSidesOfASelfJoinReadTheSameVersion() throws SQLException {
    createTable(4);
    try (Connection c = FloeDriver.connect(memory); Statement s = c.createStatement()) {
      assertEquals(4, count(s, "SELECT COUNT(*) FROM t a JOIN t b ON a.id = b.id"));
    }
  }
}
