package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schema {@code floe_system} on every backend: exact contents of {@code tables}, {@code versions}
 * and {@code segments} after appends, deletes, updates, ADD COLUMN and DROP; JDBC metadata; and
 * refused writes.
 */
@org.junit.jupiter.params.ParameterizedClass
@org.junit.jupiter.params.provider.MethodSource("dev.floe.jdbc.TestUrls#kinds")
class SystemTablesTest {
  private final String url;
  private Connection c;

  /** A fresh, empty store per test on backend {@code kind} ({@link TestUrls#kinds}). */
  SystemTablesTest(String kind) {
    this.url = TestUrls.fresh(kind);
  }

  @BeforeEach
  void open() throws SQLException {
    c = TestUrls.connect(url);
  }

  @AfterEach
  void close() throws SQLException {
    c.close();
  }

  private List<String> rows(String sql) throws SQLException {
    return JdbcRows.of(c, sql);
  }

  private void update(String... sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String q : sql) {
        s.executeUpdate(q);
      }
    }
  }

  private void seed() throws SQLException {
    update("CREATE TABLE acct (id BIGINT NOT NULL, owner VARCHAR, balance DECIMAL(12,2), PRIMARY KEY (id))",
        "INSERT INTO acct VALUES (1, 'ann', 10.00), (2, 'bob', NULL)",
        "INSERT INTO acct VALUES (3, 'cy', 30.50)",
        "DELETE FROM acct WHERE id = 2",
        "UPDATE acct SET balance = balance + 1 WHERE owner = 'cy'",
        "ALTER TABLE acct ADD COLUMN opened DATE",
        "CREATE TABLE empty_one (x INTEGER)",
        "CREATE TABLE gone (x INTEGER)",
        "INSERT INTO gone VALUES (1)",
        "DROP TABLE gone");
  }

  @Test
  void tablesListsEveryTableAtItsLatestVersion() throws SQLException {
    seed();
    assertEquals(List.of(
        "acct|5|2|4|id BIGINT NOT NULL, owner VARCHAR, balance DECIMAL(12, 2), opened DATE|id|2",
        "empty_one|0|0|1|x INTEGER|null|0"),
        rows("SELECT table_name, version, row_count, column_count, columns, primary_key, segment_count"
            + " FROM floe_system.tables ORDER BY table_name"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT t.created_at, t.committed_at, v0.committed_at, v5.committed_at FROM floe_system.tables t"
            + " JOIN floe_system.versions v0 ON v0.table_name = t.table_name AND v0.version = 0"
            + " JOIN floe_system.versions v5 ON v5.table_name = t.table_name AND v5.version = t.version"
            + " WHERE t.table_name = 'acct'")) {
      assertTrue(rs.next());
      Timestamp created = rs.getTimestamp(1);
      assertEquals(created, rs.getTimestamp(3));
      assertEquals(rs.getTimestamp(2), rs.getTimestamp(4));
      assertFalse(rs.getTimestamp(2).before(created));
      long skew = Math.abs(created.getTime() - System.currentTimeMillis());
      assertTrue(skew < 10 * 60_000, "commit times are wall-clock times in the session's zone: " + created);
    }
  }

  @Test
  void versionsListsEveryCommit() throws SQLException {
    seed();
    assertEquals(List.of(
        "acct|0|CREATE|0|0|0",
        "acct|1|APPEND|2|0|2",
        "acct|2|APPEND|1|0|3",
        "acct|3|DELETE|0|1|2",
        "acct|4|UPDATE|1|1|2",
        "acct|5|ADD_COLUMN|0|0|2",
        "empty_one|0|CREATE|0|0|0"),
        rows("SELECT table_name, version, operation, rows_added, rows_removed, row_count"
            + " FROM floe_system.versions ORDER BY table_name, version"));
    List<Timestamp> times = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT committed_at, writer FROM floe_system.versions WHERE table_name = 'acct' ORDER BY version")) {
      while (rs.next()) {
        times.add(rs.getTimestamp(1));
        assertNotNull(rs.getString(2));
      }
    }
    for (int i = 1; i < times.size(); i++) {
      assertFalse(times.get(i).before(times.get(i - 1)), "commit times never go back: " + times);
    }
    assertEquals(List.of("1"), rows("SELECT COUNT(DISTINCT writer) FROM floe_system.versions"), "one client wrote all");
    assertEquals(List.of("acct|4"), rows("SELECT table_name, MAX(version) FROM floe_system.versions"
        + " WHERE operation IN ('DELETE', 'UPDATE') GROUP BY table_name"));
  }

  @Test
  void segmentsListsTheLatestVersionsSegmentsWithStats() throws SQLException {
    seed();
    update("INSERT INTO acct VALUES (7, 'o''hara', NULL, DATE '2026-03-04')");
    List<String> segs = rows("SELECT table_name, version, row_count, stats FROM floe_system.segments"
        + " ORDER BY table_name, row_count, stats");
    // the seed's DELETE of id 2 marked it in its segment's deletion vector: one row exists there, and
    // the stats, written with the segment, still bound both (they are bounds, never counts)
    assertEquals(List.of(
        "acct|6|1|id: min=1, max=2, nulls=0; owner: min='ann', max='bob', nulls=0; balance: min=10.00, max=10.00,"
            + " nulls=1; opened: nulls=2, distinct=0",
        "acct|6|1|id: min=3, max=3, nulls=0; owner: min='cy', max='cy', nulls=0; balance: min=31.50, max=31.50,"
            + " nulls=0; opened: nulls=1, distinct=0",
        "acct|6|1|id: min=7, max=7, nulls=0; owner: min='o''hara', max='o''hara', nulls=0; balance: nulls=1, distinct=0;"
            + " opened: min=2026-03-04, max=2026-03-04, nulls=0"), segs);
    assertEquals(List.of("3|3|true"), rows("SELECT COUNT(*), SUM(row_count), MIN(bytes) > 0 FROM floe_system.segments"));
    assertEquals(rows("SELECT segment_count FROM floe_system.tables WHERE table_name = 'acct'"),
        rows("SELECT COUNT(*) FROM floe_system.segments WHERE table_name = 'acct'"));
    for (String key : rows("SELECT segment_key FROM floe_system.segments")) {
      assertTrue(key.matches("(segments/|staged/v-?[0-9]+-)[0-9a-f-]{36}\\.seg"), key);
    }
  }

  /**
   * {@code chunk_cache} reports the JVM's decoded-chunk cache: a repeated query takes its chunks
   * from it (hits rise by at least the chunks it reads, misses stay), the bound is the default.
   */
  @Test
  void chunkCacheCountsHitsAndMisses() throws SQLException {
    seed();
    String stats = "SELECT entries, bytes, capacity_bytes, hits, misses, evictions FROM floe_system.chunk_cache";
    String query = "SELECT SUM(id), MAX(owner) FROM acct";
    JdbcRows.of(c, query); // whatever earlier tests left, acct's chunks are in the cache now
    long[] before = longs(stats);
    JdbcRows.of(c, query);
    long[] after = longs(stats);
    assertTrue(after[0] >= 2 && after[1] > 0, "entries and bytes: " + java.util.Arrays.toString(after));
    assertEquals(Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 8), after[2], "the default bound");
    assertTrue(after[1] <= after[2]);
    assertTrue(after[3] - before[3] >= 2, "two columns of at least one segment were hits: "
        + java.util.Arrays.toString(before) + " -> " + java.util.Arrays.toString(after));
    // the JVM's one background planner warm-up may read its own 3-column table meanwhile, once
    assertTrue(after[4] - before[4] <= 3, "no chunk of the repeated query missed: "
        + java.util.Arrays.toString(before) + " -> " + java.util.Arrays.toString(after));
  }

  private long[] longs(String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      long[] out = new long[rs.getMetaData().getColumnCount()];
      for (int i = 0; i < out.length; i++) {
        out[i] = rs.getLong(i + 1);
      }
      assertFalse(rs.next(), "one row");
      return out;
    }
  }

  @Test
  void metadataReportsSystemTables() throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    List<String> schemas = new ArrayList<>();
    try (ResultSet rs = md.getSchemas()) {
      while (rs.next()) {
        schemas.add(rs.getString("TABLE_SCHEM"));
      }
    }
    assertTrue(schemas.contains("floe") && schemas.contains("floe_system"), schemas.toString());
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = md.getTables(null, "floe_system", "%", new String[] {"SYSTEM TABLE"})) {
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME") + "|" + rs.getString("TABLE_TYPE"));
      }
    }
    assertEquals(List.of("chunk_cache|SYSTEM TABLE", "segments|SYSTEM TABLE", "snapshots|SYSTEM TABLE",
        "tables|SYSTEM TABLE", "versions|SYSTEM TABLE"),
        tables.stream().sorted().toList());
    try (ResultSet rs = md.getTables(null, "floe_system", "%", new String[] {"TABLE"})) {
      assertFalse(rs.next(), "system tables are not of type TABLE");
    }
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = md.getColumns(null, "floe_system", "versions", "%")) {
      while (rs.next()) {
        columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME"));
      }
    }
    assertEquals(List.of("table_name VARCHAR", "version BIGINT", "committed_at TIMESTAMP", "operation VARCHAR",
        "rows_added BIGINT", "rows_removed BIGINT", "row_count BIGINT", "writer VARCHAR"), columns);
  }

  @Test
  void systemTablesAreReadOnly() throws SQLException {
    seed();
    for (String sql : List.of(
        "INSERT INTO floe_system.tables (table_name) VALUES ('x')",
        "INSERT INTO floe_system.versions SELECT * FROM floe_system.versions",
        "DELETE FROM floe_system.versions",
        "UPDATE floe_system.segments SET bytes = 0",
        "DELETE FROM floe_system.tables WHERE table_name = 'acct'")) {
      SQLException e = assertThrows(SQLException.class, () -> update(sql), sql);
      assertEquals("0A000", e.getSQLState(), e.getMessage());
      assertInstanceOf(SQLFeatureNotSupportedException.class, e);
      assertTrue(e.getMessage().contains("read-only") && e.getMessage().contains("floe_system."), e.getMessage());
    }
    assertEquals(List.of("2"), rows("SELECT COUNT(*) FROM floe_system.tables"));
    assertEquals(List.of("7"), rows("SELECT COUNT(*) FROM floe_system.versions"));
    SQLException e = assertThrows(SQLException.class,
        () -> rows("SELECT * FROM floe_system.versions FOR SYSTEM_TIME AS OF CURRENT_TIMESTAMP"));
    assertTrue(e.getSQLState().startsWith("42") && e.getMessage().contains("not a temporal table"), e.getMessage());
  }
}
