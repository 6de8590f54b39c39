package dev.floe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import dev.floe.storage.io.CountingStore;
import dev.floe.storage.io.StoreOp;
import dev.floe.storage.io.memory.MemoryStore;
import dev.floe.storage.segment.ChunkCache;
import dev.floe.storage.segment.ArrowTypes;
import dev.floe.storage.segment.SegmentFooter;
import dev.floe.storage.table.FloeOptions;
import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.SegmentEntry;
import dev.floe.storage.table.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pushdown is real: measured with the counting store under a SQL connection, a one-column query
 * fetches only that column's bytes, and a 0.1 % time-range query over time-ordered data fetches
 * at most two segments.
 */
class PushdownIoTest {
  private static final int SEGMENTS = 5;
  private static final int ROWS = 100_000;
  private static final long T0 = 1_767_225_600_000_000L; // 2026-01-01, microseconds
  private static MemoryStore memory;
  private static List<SegmentEntry> segments;

  @BeforeAll
  static void load() {
    memory = MemoryStore.open("pushdown-io-" + UUID.randomUUID());
    List<Column> cols = new ArrayList<>();
    cols.add(new Column(0, "id", ColumnType.of(ColumnType.Kind.BIGINT), false));
    cols.add(new Column(1, "ts", ColumnType.of(ColumnType.Kind.TIMESTAMP), false));
    for (int i = 2; i < 10; i++) {
      cols.add(new Column(i, "c" + i, ColumnType.of(ColumnType.Kind.DOUBLE), true));
    }
    Schema schema = new Schema(cols);
    java.util.Random random = new java.util.Random(42);
    try (FloeStore fs = FloeStore.open(memory, FloeOptions.defaults());
        BufferAllocator a = new RootAllocator()) {
      Table t = fs.create("wide", schema);
      for (int s = 0; s < SEGMENTS; s++) {
        try (VectorSchemaRoot root = ArrowTypes.createRoot(schema, a)) {
          root.allocateNew();
          for (int r = 0; r < ROWS; r++) {
            long id = (long) s * ROWS + r;
            ((BigIntVector) root.getVector(0)).setSafe(r, id);
            ((TimeStampMicroVector) root.getVector(1)).setSafe(r, T0 + id * 1_000_000L); // one row a second
            for (int c = 2; c < 10; c++) {
              // random doubles do not compress: the columns' bytes are real
              ((Float8Vector) root.getVector(c)).setSafe(r, c == 5 ? id * 0.5 : random.nextDouble());
            }
          }
          root.setRowCount(ROWS);
          t.append(root);
        }
      }
      segments = t.latest().segments();
    }
  }

  private static long bytesOf(int columnId) {
    return segments.stream().mapToLong(e -> SegmentFooter.fromBytes(e.footer()).columnBytes(columnId)).sum();
  }

  private static Object one(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getObject(1);
    }
  }

  @BeforeEach
  void coldChunks() {
    ChunkCache.shared().clear(); // these tests count what a cold reader fetches
  }

  @Test
  void aOneColumnQueryFetchesOnlyThatColumn() throws SQLException {
    assertEquals(SEGMENTS, segments.size());
    CountingStore counting = new CountingStore(memory);
    try (Connection c = FloeDriver.connect(counting)) {
      counting.reset();
      Object sum = one(c, "SELECT SUM(c5) FROM wide");
      // c5 (id / 2) compresses well; the query must not touch the eight incompressible columns
      long n = (long) SEGMENTS * ROWS;
      assertEquals(0.5 * (n - 1) * n / 2, ((Number) sum).doubleValue(), 1e-3);
      CountingStore.Counts io = counting.counts();
      long column = bytesOf(5);
      long total = segments.stream().mapToLong(SegmentEntry::sizeBytes).sum();
      assertTrue(io.bytesRead() <= column + 256 * 1024,
          "read " + io.bytesRead() + " bytes; column c5 holds " + column + " of " + total);
      assertTrue(total > 20 * io.bytesRead(), "read " + io.bytesRead() + " of " + total);
      assertEquals(SEGMENTS, io.requests(StoreOp.GET_RANGE), "one ranged GET per segment");
    }
  }

  @Test
  void countStarOfAWholeTableReadsNoSegmentNorManifest() throws SQLException {
    CountingStore counting = new CountingStore(memory);
    try (Connection c = FloeDriver.connect(counting)) {
      counting.reset();
      assertEquals((long) SEGMENTS * ROWS, ((Number) one(c, "SELECT COUNT(*) FROM wide")).longValue());
      CountingStore.Counts io = counting.counts();
      assertEquals(0, io.requests(StoreOp.GET_RANGE), "the row count is in the commit record: " + io);
      assertTrue(io.bytesRead() < 64 * 1024, "read " + io.bytesRead() + " bytes");
      counting.reset();
      assertEquals(500L, ((Number) one(c, "SELECT COUNT(*) FROM wide WHERE id < 500")).longValue());
      assertEquals(1, counting.counts().requests(StoreOp.GET_RANGE), "with a filter, the rows are counted");
    }
  }

  /**
   * COUNT, MIN and MAX of integer and time columns, without GROUP BY, take every segment the filter
   * selects in full from its stats: only segments the filter cuts are fetched.
   */
  @Test
  void countMinAndMaxReadOnlySegmentsTheFilterCuts() throws SQLException {
    CountingStore counting = new CountingStore(memory);
    long n = (long) SEGMENTS * ROWS;
    try (Connection c = FloeDriver.connect(counting); Statement s = c.createStatement()) {
      counting.reset();
      try (ResultSet rs = s.executeQuery("SELECT MIN(ts), MAX(ts), COUNT(ts), MIN(id), MAX(id) FROM wide")) {
        assertTrue(rs.next());
        assertEquals(T0 / 1000, rs.getTimestamp(1).getTime());
        assertEquals((T0 + (n - 1) * 1_000_000L) / 1000, rs.getTimestamp(2).getTime());
        assertEquals(n, rs.getLong(3));
        assertEquals(0, rs.getLong(4));
        assertEquals(n - 1, rs.getLong(5));
      }
      assertEquals(0, counting.counts().requests(StoreOp.GET_RANGE), "every segment from its stats");
      counting.reset();
      // segment 1 is cut by the filter (read), segments 2 to 4 are selected in full (stats), 0 pruned
      long from = ROWS + ROWS / 2;
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(id), MAX(ts) FROM wide WHERE id >= " + from)) {
        assertTrue(rs.next());
        assertEquals(n - from, rs.getLong(1));
        assertEquals(from, rs.getLong(2));
        assertEquals((T0 + (n - 1) * 1_000_000L) / 1000, rs.getTimestamp(3).getTime());
      }
      assertEquals(1, counting.counts().requests(StoreOp.GET_RANGE), "only the segment the filter cuts");
      counting.reset();
      // a double's bounds are not used (signed zeros and NaN): every segment is read
      assertEquals(0.0, ((Number) one(c, "SELECT MIN(c5) FROM wide")).doubleValue());
      assertEquals(SEGMENTS, counting.counts().requests(StoreOp.GET_RANGE));
    }
  }

  @Test
  void aNarrowTimeRangeFetchesAtMostTwoSegments() throws SQLException {
    CountingStore counting = new CountingStore(memory);
    try (Connection c = FloeDriver.connect(counting)) {
      counting.reset();
      long from = 199_800; // 0.1 % of 500,000 rows, straddling the boundary of segments 2 and 3
      Object count = one(c, "SELECT COUNT(*) FROM wide WHERE ts >= TIMESTAMP '2026-01-01 00:00:00' + INTERVAL '"
          + from + "' SECOND AND ts < TIMESTAMP '2026-01-01 00:00:00' + INTERVAL '" + (from + 500) + "' SECOND");
      assertEquals(500L, ((Number) count).longValue());
      CountingStore.Counts io = counting.counts();
      assertTrue(io.requests(StoreOp.GET_RANGE) <= 2, "segments fetched: " + io.requests(StoreOp.GET_RANGE));
      assertTrue(io.bytesRead() <= 2 * bytesOf(1) / SEGMENTS + 64 * 1024, "bytes read: " + io.bytesRead());
    }
  }
  @Test
  void limitMaxRowsAndCloseStopFetching() throws SQLException {
    CountingStore counting = new CountingStore(memory);
    try (Connection c = FloeDriver.connect(counting)) {
      counting.reset();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM wide LIMIT 10")) {
        int n = 0;
        while (rs.next()) {
          n++;
        }
        assertEquals(10, n);
      }
      assertTrue(counting.counts().requests(StoreOp.GET_RANGE) <= 2,
          "LIMIT 10 fetched " + counting.counts().requests(StoreOp.GET_RANGE) + " of " + SEGMENTS + " segments");
      counting.reset();
      try (Statement s = c.createStatement()) {
        s.setMaxRows(5);
        try (ResultSet rs = s.executeQuery("SELECT * FROM wide")) {
          int n = 0;
          while (rs.next()) {
            n++;
          }
          assertEquals(5, n);
        }
      }
      assertTrue(counting.counts().requests(StoreOp.GET_RANGE) <= 2,
          "setMaxRows(5) fetched " + counting.counts().requests(StoreOp.GET_RANGE) + " segments");
      counting.reset();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM wide")) {
        assertTrue(rs.next());
      } // closed after one row
      assertTrue(counting.counts().requests(StoreOp.GET_RANGE) <= 2,
          "closing after one row fetched " + counting.counts().requests(StoreOp.GET_RANGE) + " segments");
    }
  }
}
