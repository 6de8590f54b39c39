package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.io.CountingStore;
import dev.floe.storage.io.StoreOp;
import dev.floe.storage.io.memory.MemoryStore;
import dev.floe.storage.segment.ChunkCache;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TRUNCATE TABLE, and DELETEs whose filter selects whole segments: those segments are dropped
 * from the table without being read.
 */
class TruncateTest {

  @ParameterizedTest
  @MethodSource("dev.floe.jdbc.TestUrls#all")
  void truncateDeletesEveryRowInOneCommitAndKeepsTheTableAndItsHistory(String url) throws SQLException {
    try (Connection c = TestUrls.connect(url); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE tr (id BIGINT NOT NULL, v VARCHAR, PRIMARY KEY (id))");
      s.executeUpdate("INSERT INTO tr VALUES (1, 'a'), (2, 'b')");
      s.executeUpdate("INSERT INTO tr VALUES (3, 'c')");
      s.executeUpdate("TRUNCATE TABLE tr");
      assertEquals(List.of("0"), JdbcRows.of(c, "SELECT COUNT(*) FROM tr"));
      assertEquals(List.of("3|DELETE|3"), JdbcRows.of(c, "SELECT version, operation, rows_removed FROM floe_system.versions"
          + " WHERE table_name = 'tr' AND version = 3"), "one commit");
      assertEquals(List.of("1|a", "2|b", "3|c"), JdbcRows.of(c, "SELECT * FROM TABLE(floe.at_version('tr', 2)) ORDER BY id"),
          "the version before keeps its rows");
      s.executeUpdate("INSERT INTO tr VALUES (4, 'd')");
      assertEquals(List.of("4|d"), JdbcRows.of(c, "SELECT * FROM tr"), "the table and its columns remain");
      s.executeUpdate("TRUNCATE TABLE tr RESTART IDENTITY");
      s.executeUpdate("TRUNCATE TABLE tr"); // an empty table: nothing to commit
      assertEquals(List.of("0"), JdbcRows.of(c, "SELECT COUNT(*) FROM tr"));

      SQLException missing = assertThrows(SQLException.class, () -> s.executeUpdate("TRUNCATE TABLE nosuch"));
      assertEquals("42P01", missing.getSQLState(), missing.getMessage());
      s.executeUpdate("CREATE VIEW trv AS SELECT id FROM tr");
      SQLException view = assertThrows(SQLException.class, () -> s.executeUpdate("TRUNCATE TABLE trv"));
      assertEquals("42P01", view.getSQLState(), "a view is not a table: " + view.getMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("dev.floe.jdbc.TestUrls#all")
  void truncateCommitsAtOnceLikeOtherDdl(String url) throws SQLException {
    try (Connection c = TestUrls.connect(url); Connection other = TestUrls.connect(url);
        Statement s = c.createStatement(); Statement o = other.createStatement()) {
      s.executeUpdate("CREATE TABLE tx (id BIGINT)");
      s.executeUpdate("INSERT INTO tx VALUES (1), (2)");
      c.setAutoCommit(false);
      s.executeUpdate("INSERT INTO tx VALUES (3)");
      o.executeUpdate("TRUNCATE TABLE tx");
      c.commit(); // inserts never conflict: they land after the truncate
      assertEquals(List.of("3"), JdbcRows.of(other, "SELECT id FROM tx"));
      s.executeUpdate("DELETE FROM tx WHERE id = 3");
      o.executeUpdate("INSERT INTO tx VALUES (4)");
      o.executeUpdate("TRUNCATE TABLE tx");
      SQLException lost = assertThrows(SQLException.class, c::commit);
      assertEquals("40001", lost.getSQLState(), "the truncate replaced the segment the delete rewrote: " + lost.getMessage());
      c.setAutoCommit(true);
      assertEquals(List.of("0"), JdbcRows.of(c, "SELECT COUNT(*) FROM tx"));
    }
  }

  @Test
  void deletesOfWholeSegmentsReadNoneOfThem() throws SQLException {
    MemoryStore memory = MemoryStore.open("truncate-io-" + UUID.randomUUID());
    try (Connection w = FloeDriver.connect(memory); Statement s = w.createStatement()) {
      s.executeUpdate("CREATE TABLE seg (id BIGINT NOT NULL, pad VARCHAR)");
      for (int seg = 0; seg < 5; seg++) { // one segment per INSERT: ids seg*1000 to seg*1000+999
        StringBuilder sql = new StringBuilder("INSERT INTO seg VALUES ");
        for (int i = 0; i < 1000; i++) {
          long id = seg * 1000L + i;
          sql.append(i == 0 ? "" : ", ").append('(').append(id).append(", 'row ").append(id).append("')");
        }
        s.executeUpdate(sql.toString());
      }
    }
    CountingStore counting = new CountingStore(memory);
    try (Connection c = FloeDriver.connect(counting); Statement s = c.createStatement()) {
      ChunkCache.shared().clear(); // count what a client without cached chunks fetches
      counting.reset();
      assertEquals(3500, s.executeUpdate("DELETE FROM seg WHERE id >= 1500"));
      assertEquals(1, counting.counts().requests(StoreOp.GET_RANGE),
          counting.counts() + ": only the segment the filter cuts is read; the three it selects in full are dropped unread");
      assertEquals(List.of("1500|0|1499"), JdbcRows.of(c, "SELECT COUNT(*), MIN(id), MAX(id) FROM seg"));
      assertEquals(List.of("row 1499"), JdbcRows.of(c, "SELECT pad FROM seg WHERE id = 1499"));
      ChunkCache.shared().clear();
      counting.reset();
      s.executeUpdate("TRUNCATE TABLE seg");
      assertEquals(0, counting.counts().requests(StoreOp.GET_RANGE), "TRUNCATE reads no segment");
      assertEquals(List.of("0"), JdbcRows.of(c, "SELECT COUNT(*) FROM seg"));
      assertTrue(counting.counts().requests(StoreOp.PUT_IF_ABSENT) >= 1, "it committed");
    }
  }
}
