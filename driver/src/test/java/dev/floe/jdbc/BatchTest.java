package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.io.CountingStore;
import dev.floe.storage.io.StoreOp;
import dev.floe.storage.io.memory.MemoryStore;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A JDBC batch of INSERTs is one commit: all rows or none. */
class BatchTest {

  private static long count(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aBatchIsOneCommitAndAFailedBatchCommitsNothing() throws SQLException {
    CountingStore counting = new CountingStore(MemoryStore.open("batch-" + UUID.randomUUID()));
    try (Connection c = FloeDriver.connect(counting)) {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("CREATE TABLE t (id BIGINT NOT NULL, name VARCHAR)");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
        for (int i = 0; i < 2_000; i++) {
          ps.setLong(1, i);
          ps.setString(2, "n" + i);
          ps.addBatch();
        }
        counting.reset();
        int[] counts = ps.executeBatch();
        assertEquals(2_000, counts.length);
        assertEquals(1, counting.counts().requests(StoreOp.PUT_IF_ABSENT), "one log record for the batch");
        assertEquals(2_000, count(c));

        for (int i = 0; i < 10; i++) {
          ps.setLong(1, 10_000 + i);
          ps.setString(2, "x");
          ps.addBatch();
        }
        ps.setNull(1, java.sql.Types.BIGINT); // violates NOT NULL: the whole batch fails
        ps.setString(2, "bad");
        ps.addBatch();
        SQLException e = assertThrows(SQLException.class, ps::executeBatch);
        assertTrue(e instanceof BatchUpdateException || "23502".equals(e.getSQLState()), e.toString());
        assertEquals(2_000, count(c), "a failed batch commits nothing");
      }
    }
  }
}
