package dev.floe.planner.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import dev.floe.storage.io.memory.MemoryStore;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.segment.ArrowTypes;
import dev.floe.storage.segment.Predicate;
import dev.floe.storage.segment.SegmentReader;
import dev.floe.storage.segment.SegmentScan;
import dev.floe.storage.segment.SegmentWriter;
import dev.floe.storage.segment.WrittenSegment;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** Rows written through {@link ColumnWriter} into a real segment come back through a real scan. */
class BatchRowEnumeratorTest {
  private static final Schema SCHEMA = Schema.of(
      new Column(0, "id", ColumnType.of(ColumnType.Kind.BIGINT), false),
      new Column(1, "sym", ColumnType.of(ColumnType.Kind.VARCHAR), true),
      new Column(2, "px", ColumnType.decimal(12, 2), true),
      new Column(3, "ts", ColumnType.of(ColumnType.Kind.TIMESTAMP), true));

  private static WrittenSegment write(ObjectStore store, BufferAllocator a, int rows) {
    try (VectorSchemaRoot root = ArrowTypes.createRoot(SCHEMA, a)) {
      ColumnWriter[] w = new ColumnWriter[4];
      for (int c = 0; c < 4; c++) {
        root.getFieldVectors().get(c).allocateNew();
        w[c] = ColumnWriter.of(root.getFieldVectors().get(c));
      }
      for (int r = 0; r < rows; r++) {
        w[0].set(r, (long) r);
        w[1].set(r, r % 10 == 0 ? null : "s" + (r % 3));
        w[2].set(r, new BigDecimal(r).movePointLeft(2));
        w[3].set(r, 1_700_000_000_000L + r);
      }
      root.setRowCount(rows);
      return SegmentWriter.write(store, "seg/" + UUID.randomUUID(), SCHEMA, root, 0, rows);
    }
  }

  @Test
  void selectedRowsComeBackAsCalciteValuesAndMemoryIsReleased() {
    ObjectStore store = MemoryStore.open("planner-" + UUID.randomUUID());
    try (BufferAllocator a = new RootAllocator()) {
      WrittenSegment seg = write(store, a, 20_000);
      List<Column> cols = List.of(SCHEMA.column(3), SCHEMA.column(0), SCHEMA.column(1));
      Predicate p = new Predicate.And(List.of(new Predicate.Compare(1, Predicate.Op.EQ, "s1"),
          new Predicate.Compare(0, Predicate.Op.LT, 1000L)));
      SegmentScan scan = SegmentReader.scan(store, seg.key(), seg.footer(), cols, p, a, 4096);
      List<Object[]> rows = new ArrayList<>();
      try (BatchRowEnumerator e = new BatchRowEnumerator(scan, scan)) {
        while (e.moveNext()) {
          rows.add(e.current());
        }
      }
      long expected = java.util.stream.LongStream.range(0, 1000).filter(r -> r % 10 != 0 && r % 3 == 1).count();
      assertEquals(expected, rows.size());
      assertArrayEquals(new Object[] {1_700_000_000_001L, 1L, "s1"}, rows.get(0));
      assertEquals(0, a.getAllocatedMemory());
    }
  }

  @Test
  void closingEarlyStopsAndReleasesEverything() {
    ObjectStore store = MemoryStore.open("planner-" + UUID.randomUUID());
    try (BufferAllocator a = new RootAllocator()) {
      WrittenSegment seg = write(store, a, 50_000);
      SegmentScan scan = SegmentReader.scan(store, seg.key(), seg.footer(), SCHEMA.columns(), Predicate.TRUE, a, 1024);
      BatchRowEnumerator e = new BatchRowEnumerator(scan, scan);
      for (int i = 0; i < 10; i++) {
        assertTrue(e.moveNext());
      }
      assertEquals(new BigDecimal("0.09"), e.current()[2]);
      e.close();
      assertEquals(0, a.getAllocatedMemory());
      assertFalse(scan.hasNext(), "the scan was closed");
    }
  }

  @Test
  void aSetCancelFlagStopsTheRowStreamAndTheInScanAggregationAsTimeoutOrCancel() {
    ObjectStore store = MemoryStore.open("planner-" + UUID.randomUUID());
    try (BufferAllocator a = new RootAllocator()) {
      WrittenSegment seg = write(store, a, 5_000);
      java.util.concurrent.atomic.AtomicBoolean flag = new java.util.concurrent.atomic.AtomicBoolean();
      SegmentScan scan = SegmentReader.scan(store, seg.key(), seg.footer(), SCHEMA.columns(), Predicate.TRUE, a, 1024);
      try (BatchRowEnumerator e = new BatchRowEnumerator(scan, scan, null, flag)) {
        assertTrue(e.moveNext());
        StatementCancel.cancel(flag);
        dev.floe.storage.commit.FloeException stopped =
            org.junit.jupiter.api.Assertions.assertThrows(dev.floe.storage.commit.FloeException.class, e::moveNext);
        assertEquals(dev.floe.storage.commit.ErrorCode.QUERY_CANCELED, stopped.code());
      }
      StatementCancel.reset(flag);
      StatementCancel.timeOut(flag);
      SegmentScan again = SegmentReader.scan(store, seg.key(), seg.footer(), SCHEMA.columns(), Predicate.TRUE, a, 1024);
      BatchAggregator count = new BatchAggregator(new int[] {0}, new int[0],
          List.of(new AggCall(AggCall.Kind.COUNT, -1, "BIGINT")));
      dev.floe.storage.commit.FloeException timedOut = org.junit.jupiter.api.Assertions.assertThrows(
          dev.floe.storage.commit.FloeException.class, () -> count.run(again, again, flag));
      assertEquals(dev.floe.storage.commit.ErrorCode.QUERY_TIMEOUT, timedOut.code());
      assertEquals(0, a.getAllocatedMemory(), "the stopped scans were closed");
    }
  }
}
