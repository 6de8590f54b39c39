package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * A single-row autocommit INSERT, prepared once and executed per row as applications do, lists the
 * table's log once (its head, which the commit starts from) and the catalog once; every store
 * request is a round trip the statement waits for. It listed the log three times before.
 */
class InsertRequestsTest {
  @Test
  void aSingleRowInsertReadsTheHeadOnce() throws SQLException {
    CountingStore counting = new CountingStore(MemoryStore.open("ins-" + UUID.randomUUID()));
    try (Connection c = FloeDriver.connect(counting); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (id BIGINT, name VARCHAR)");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
        p.setLong(1, 0);
        p.setString(2, "warm");
        p.executeUpdate();
        CountingStore.Counts before = counting.counts();
        int inserts = 5;
        for (int i = 1; i <= inserts; i++) {
          p.setLong(1, i);
          p.setString(2, "row " + i);
          assertEquals(1, p.executeUpdate());
        }
        CountingStore.Counts after = counting.counts();
        assertEquals(2L * inserts, after.requests(StoreOp.LIST) - before.requests(StoreOp.LIST),
            "per INSERT: one listing of the catalog, one of the log");
        assertEquals(6L * inserts, after.totalRequests() - before.totalRequests(),
            "per INSERT: 2 listings, segment, manifest, log record, head hint");
      }
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(id) FROM t")) {
        rs.next();
        assertEquals(6, rs.getLong(1));
        assertEquals(15, rs.getLong(2));
      }
    }
  }
}
