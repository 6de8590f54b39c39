package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.io.CountingStore;
import dev.floe.storage.io.FaultInjectingStore;
import dev.floe.storage.io.StoreException;
import dev.floe.storage.io.StoreOp;
import dev.floe.storage.io.memory.MemoryStore;
import dev.floe.storage.segment.Predicate;
import dev.floe.storage.segment.SegmentBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * Segments fetched and decoded ahead of the reader on other threads: rows still come in segment
 * order, fetches overlap, a failed fetch surfaces at its segment (after the rows before it), and a
 * scan closed early stops fetching.
 */
class ReadAheadTest {
  private static final int SEGMENTS = 8;
  private static final int ROWS = 1000;

  private static MemoryStore eightSegmentStore() {
    return storeOf(SEGMENTS);
  }

  private static MemoryStore storeOf(int segments) {
    MemoryStore memory = MemoryStore.open("read-ahead-" + UUID.randomUUID());
    try (FloeStore f = FloeStore.open(memory, FloeOptions.defaults())) {
      Table t = f.create("t", Rows.SCHEMA);
      for (int s = 0; s < segments; s++) {
        try (VectorSchemaRoot batch = Rows.batch(f.allocator(), (long) s * ROWS, (long) (s + 1) * ROWS)) {
          t.append(batch);
        }
      }
    }
    return memory;
  }

  /** The selected ids in scan order, up to {@code limit}. */
  private static List<Long> ids(TableScan scan, int limit) {
    List<Long> out = new ArrayList<>();
    while (out.size() < limit && scan.hasNext()) {
      try (SegmentBatch b = scan.next()) {
        BigIntVector v = (BigIntVector) b.root().getVector(0);
        int[] sel = b.selection();
        for (int k = 0; k < b.selectedCount() && out.size() < limit; k++) {
          out.add(v.get(sel == null ? k : sel[k]));
        }
      }
    }
    return out;
  }

  @Test
  void rowsComeInSegmentOrderWhileFetchesOverlap() {
    MemoryStore memory = eightSegmentStore();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    FaultInjectingStore slow = new FaultInjectingStore(memory);
    for (int n = 1; n <= SEGMENTS; n++) {
      slow.beforeCall(StoreOp.GET_RANGE, n, k -> {
        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        inFlight.decrementAndGet();
      });
    }
    try (FloeStore f = FloeStore.open(slow, FloeOptions.defaults());
        TableScan scan = f.table("t").latest().scan(List.of("id"), Predicate.TRUE)) {
      List<Long> ids = ids(scan, Integer.MAX_VALUE);
      assertEquals(SEGMENTS * ROWS, ids.size());
      for (int i = 0; i < ids.size(); i++) {
        assertEquals(i, ids.get(i), "row " + i + " out of order");
      }
    }
    assertTrue(most.get() >= Math.min(2, ReadAhead.DEPTH), "at most " + most.get() + " fetch at a time");
  }

  /**
   * Behind a slow store the reader keeps finding its next segment in flight, and the scan puts
   * more requests in flight than there are cores (one per core kept 10M rows on S3 waiting ~60
   * round trips); the order of rows is kept.
   */
  @Test
  void behindASlowStoreTheScanKeepsMoreSegmentsInFlightThanCores() {
    int segments = 48;
    MemoryStore memory = storeOf(segments);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    FaultInjectingStore slow = new FaultInjectingStore(memory);
    for (int n = 1; n <= segments; n++) {
      slow.beforeCall(StoreOp.GET_RANGE, n, k -> {
        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        sleepQuietly(40);
        inFlight.decrementAndGet();
      });
    }
    try (FloeStore f = FloeStore.open(slow, FloeOptions.defaults());
        TableScan scan = f.table("t").latest().scan(List.of("id"), Predicate.TRUE)) {
      List<Long> ids = ids(scan, Integer.MAX_VALUE);
      assertEquals(segments * ROWS, ids.size());
      for (int i = 0; i < ids.size(); i++) {
        assertEquals(i, ids.get(i), "row " + i + " out of order");
      }
    }
    assertTrue(most.get() >= 8 && most.get() > ReadAhead.DEPTH, "at most " + most.get() + " fetches at a time");
  }

  @Test
  void aColdScanFetchesTheManifestsTogether() {
    MemoryStore memory = eightSegmentStore();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    FaultInjectingStore slow = new FaultInjectingStore(memory);
    for (int n = 1; n <= 40; n++) {
      slow.beforeCall(StoreOp.GET, n, k -> {
        if (k.contains("/manifests/")) {
          most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          sleepQuietly(50);
          inFlight.decrementAndGet();
        }
      });
    }
    try (FloeStore f = FloeStore.open(slow, FloeOptions.defaults())) {
      TableVersion v = f.table("t").latest();
      assertEquals(SEGMENTS, v.record().manifests().size(), "one manifest per append");
      try (TableScan scan = v.scan(List.of("id"), Predicate.TRUE)) {
        assertEquals(SEGMENTS * ROWS, ids(scan, Integer.MAX_VALUE).size());
      }
    }
    assertTrue(most.get() >= Math.min(2, ReadAhead.DEPTH), "at most " + most.get() + " manifest fetch at a time");
  }

  @Test
  void aFailedFetchSurfacesAtItsSegmentAfterTheRowsBeforeIt() {
    MemoryStore memory = eightSegmentStore();
    String fourth;
    try (FloeStore f = FloeStore.open(memory, FloeOptions.defaults())) {
      fourth = f.table("t").latest().segments().get(3).key();
    }
    // By key, not "the fourth GET_RANGE": fetches ahead run on several threads, so the fourth
    // request to reach the store may be the third segment's.
    FaultInjectingStore faulty = new FaultInjectingStore(memory);
    for (int n = 1; n <= 4 * SEGMENTS; n++) {
      faulty.beforeCall(StoreOp.GET_RANGE, n, k -> {
        if (k.endsWith(fourth)) {
          throw new StoreException(StoreException.Kind.UNAVAILABLE, k, "injected failure of the fourth segment");
        }
      });
    }
    try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults());
        TableScan scan = f.table("t").latest().scan(List.of("id"), Predicate.TRUE)) {
      List<Long> seen = new ArrayList<>();
      RuntimeException e = assertThrows(RuntimeException.class, () -> {
        while (scan.hasNext()) {
          try (SegmentBatch b = scan.next()) {
            BigIntVector v = (BigIntVector) b.root().getVector(0);
            for (int i = 0; i < b.rowCount(); i++) {
              seen.add(v.get(i));
            }
          }
        }
      });
      assertEquals(3 * ROWS, seen.size(), "the three segments before the failed one were read: " + e);
      for (int i = 0; i < seen.size(); i++) {
        assertEquals(i, seen.get(i), "row " + i);
      }
      assertTrue(String.valueOf(e.getMessage()).toLowerCase().contains("unavailable")
          || e.getClass().getSimpleName().contains("Floe") || e.getClass().getSimpleName().contains("Store"), e.toString());
    }
  }

  @Test
  void aScanClosedInItsFirstSegmentFetchesAtMostTwo() {
    MemoryStore memory = eightSegmentStore();
    FaultInjectingStore counting = new FaultInjectingStore(memory);
    try (FloeStore f = FloeStore.open(counting, FloeOptions.defaults())) {
      TableVersion v = f.table("t").latest();
      int before = counting.calls(StoreOp.GET_RANGE);
      try (TableScan scan = v.scan(List.of("id"), Predicate.TRUE)) {
        assertEquals(List.of(0L, 1L, 2L), ids(scan, 3));
      }
      sleepQuietly(300); // let any fetch still in flight land
      int fetched = counting.calls(StoreOp.GET_RANGE) - before;
      assertTrue(fetched <= 2, fetched + " segments fetched for three rows");
    }
  }

  @Test
  void segmentsTheFilterSelectsInFullAreOfferedToStatsAndNeverFetchedWhenTaken() {
    MemoryStore memory = eightSegmentStore();
    CountingStore counting = new CountingStore(memory);
    Predicate from2500 = new Predicate.Compare(0, Predicate.Op.GE, 2500L); // segment 2 in part, 3 to 7 in full
    try (FloeStore f = FloeStore.open(counting, FloeOptions.defaults())) {
      TableVersion v = f.table("t").latest();
      List<Long> offered = new ArrayList<>();
      long before = counting.counts().requests(StoreOp.GET_RANGE);
      try (TableScan scan = v.scan(List.of("id"), from2500)) {
        scan.answerFromStats(footer -> offered.add(footer.rowCount()));
        List<Long> ids = ids(scan, Integer.MAX_VALUE);
        assertEquals(500, ids.size(), "only the partly selected segment's rows are read");
        assertEquals(2500L, ids.get(0));
        assertEquals(5, scan.segmentsFromStats());
      }
      assertEquals(List.of(1000L, 1000L, 1000L, 1000L, 1000L), offered);
      assertEquals(1, counting.counts().requests(StoreOp.GET_RANGE) - before, "segments taken from stats are not fetched");
      try (TableScan scan = v.scan(List.of("id"), from2500)) {
        scan.answerFromStats(footer -> false); // refused: read as usual
        assertEquals(5500, ids(scan, Integer.MAX_VALUE).size());
        assertEquals(0, scan.segmentsFromStats());
      }
    }
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void prioritizedScansReadBestSegmentsFirstAndFetchNoneThatCannotContribute() {
    MemoryStore memory = eightSegmentStore();
    CountingStore counting = new CountingStore(memory);
    try (FloeStore f = FloeStore.open(counting, FloeOptions.defaults())) {
      TableVersion v = f.table("t").latest();
      int idColumn = v.schema().byName("id").orElseThrow().id();
      long before = counting.counts().requests(StoreOp.GET_RANGE);
      List<Long> seen = new ArrayList<>();
      try (TableScan scan = v.scan(List.of("id"), Predicate.TRUE)) {
        // descending by id: worth reading while the segment may hold an id above the 1,500th best
        scan.prioritize(idColumn, true, st -> seen.size() < 1500 || (Long) st.max() >= seen.get(1499));
        List<Long> ids = new ArrayList<>();
        while (scan.hasNext()) {
          try (SegmentBatch b = scan.next()) {
            BigIntVector vec = (BigIntVector) b.root().getVector(0);
            for (int i = 0; i < b.rowCount(); i++) {
              ids.add(vec.get(i));
            }
          }
          seen.clear();
          seen.addAll(ids);
          seen.sort(java.util.Comparator.reverseOrder());
        }
        assertEquals((SEGMENTS - 1) * ROWS, ids.get(0), "the last segment (largest ids) came first");
        assertEquals((SEGMENTS - 2) * ROWS, ids.get(ROWS), "then the one before it");
        assertEquals(2 * ROWS, ids.size(), "the two best segments hold the 1,500 best ids; the rest were skipped");
        assertEquals(SEGMENTS - 2, scan.segmentsSkipped());
      }
      long fetched = counting.counts().requests(StoreOp.GET_RANGE) - before;
      // 2 read; the ones submitted ahead before the bound was known may be fetched in vain: DEPTH
      // after the first segment, doubled once if the reader found the second still in flight (a
      // loaded machine), and none after the second, when the bound is known
      int ahead = 2 * ReadAhead.DEPTH;
      assertTrue(fetched <= 2 + ahead && fetched < SEGMENTS, "segments fetched: " + fetched + " (2 read, at most "
          + ahead + " fetched ahead in vain)");
      assertThrows(IllegalStateException.class, () -> {
        try (TableScan scan = v.scan(List.of("id"), Predicate.TRUE)) {
          scan.hasNext();
          scan.prioritize(idColumn, false, st -> true);
        }
      });
    }
  }
}
