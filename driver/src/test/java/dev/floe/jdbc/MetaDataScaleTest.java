package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.io.CountingStore;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.StoreOp;
import dev.floe.storage.io.memory.MemoryStore;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A BI tool's metadata walk costs store requests in proportion to the tables it returns, not to
 * their square: {@code getTables('%')} lists the catalog once whatever the number of tables (it
 * listed it once per table, 82 s at 2,000 tables on a folder), and {@code getColumns('%')} adds one
 * read of each table's latest version.
 */
class MetaDataScaleTest {
  private static final int TABLES = 40;

  @Test
  void getTablesAndGetColumnsListTheCatalogOnce() throws SQLException {
    CountingStore counting = new CountingStore(MemoryStore.open("meta-scale-" + System.nanoTime()));
    try (ObjectStore store = counting; Connection c = FloeDriver.connect(store); Statement s = c.createStatement()) {
      for (int i = 0; i < TABLES; i++) {
        s.executeUpdate("CREATE TABLE t" + i + " (a INT, b VARCHAR)");
      }
      s.executeUpdate("CREATE VIEW v AS SELECT a FROM t0");
      DatabaseMetaData md = c.getMetaData();

      CountingStore.Counts before = counting.counts();
      int tables = 0;
      try (ResultSet rs = md.getTables(null, "floe", "%", null)) {
        while (rs.next()) {
          tables++;
        }
      }
      CountingStore.Counts walk = counting.counts().minus(before);
      assertEquals(TABLES + 1, tables, "every table and the view");
      assertTrue(walk.requests(StoreOp.LIST) <= 6, "LISTs for getTables: " + walk);

      before = counting.counts();
      int columns = 0;
      try (ResultSet rs = md.getColumns(null, "floe", "%", "%")) {
        while (rs.next()) {
          columns++;
        }
      }
      walk = counting.counts().minus(before);
      assertEquals(2 * TABLES + 1, columns);
      assertTrue(walk.requests(StoreOp.LIST) <= TABLES + 12, "LISTs for getColumns: " + walk);
      assertTrue(walk.totalRequests() <= 3L * TABLES + 20, "requests for getColumns: " + walk);

      s.executeUpdate("CREATE TABLE later (x INT)"); // and a table created since is seen by the next call
      try (ResultSet rs = md.getTables(null, "floe", "later", null)) {
        assertTrue(rs.next());
      }
    }
  }
}
