package dev.floe.storage.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import dev.floe.storage.io.CountingStore;
import dev.floe.storage.io.StoreException;
import dev.floe.storage.io.StoreOp;
import dev.floe.storage.io.memory.MemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Decoded chunks are reused across scans, only after every check passed, and within their bound. */
class ChunkCacheTest {
  private static final int ROWS = 5_000;
  private final RootAllocator allocator = new RootAllocator();
  private final CountingStore store = new CountingStore(MemoryStore.open("chunk-cache-" + UUID.randomUUID()));
  private Schema schema;
  private WrittenSegment segment;
  private List<Object[]> all;

  @BeforeEach
  void writeSegment() {
    schema = SegmentTestData.schemaOf(SegmentTestData.ALL_TYPES);
    Random rnd = new Random(11);
    List<List<Object>> cols = new ArrayList<>();
    for (ColumnType t : SegmentTestData.ALL_TYPES) {
      cols.add(SegmentTestData.randomColumn(t, ROWS, rnd));
    }
    try (VectorSchemaRoot root = SegmentTestData.root(schema, cols, allocator)) {
      segment = SegmentWriter.write(store, "seg/cached.seg", schema, root, 0, ROWS);
    }
    all = read(ChunkCache.none(), schema.columns(), Predicate.TRUE);
    store.reset();
  }

  @AfterEach
  void tearDown() {
    assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory leaked");
    allocator.close();
  }

  private List<Object[]> read(ChunkCache cache, List<Column> cols, Predicate p) {
    return SegmentRoundTripTest.readAll(store, segment.key(), segment.footer(), cols, p, allocator, 1024, null, cache);
  }

  private long gets() {
    return store.counts().requests(StoreOp.GET_RANGE);
  }

  private static void assertSameRows(List<Object[]> expected, List<Object[]> actual) {
    assertEquals(expected.size(), actual.size());
    for (int r = 0; r < expected.size(); r++) {
      for (int c = 0; c < expected.get(r).length; c++) {
        assertTrue(SegmentTestData.same(expected.get(r)[c], actual.get(r)[c]),
            "row " + r + " column " + c + ": " + expected.get(r)[c] + " vs " + actual.get(r)[c]);
      }
    }
  }

  @Test
  void aSecondScanFetchesNothingAndReadsTheSameRows() {
    ChunkCache cache = new ChunkCache(64L << 20);
    assertSameRows(all, read(cache, schema.columns(), Predicate.TRUE));
    long first = gets();
    assertTrue(first > 0);
    assertEquals(schema.size(), cache.size(), "one entry per column");
    assertSameRows(all, read(cache, schema.columns(), Predicate.TRUE));
    assertEquals(first, gets(), "the second scan is served from the cache");
  }

  @Test
  void aFilteredScanOverCachedDeferredChunksFetchesThePredicateColumnOnly() {
    // small integers and two-decimal doubles: FOR and SCALED streams, decoded late when only returned
    Schema s = new Schema(List.of(new Column(1, "qty", ColumnType.of(ColumnType.Kind.BIGINT), false),
        new Column(2, "price", ColumnType.of(ColumnType.Kind.DOUBLE), false)));
    Random rnd = new Random(5);
    List<Object> qty = new ArrayList<>();
    List<Object> price = new ArrayList<>();
    for (int r = 0; r < ROWS; r++) {
      qty.add((long) rnd.nextInt(1000));
      price.add(rnd.nextInt(100_000) / 100.0);
    }
    WrittenSegment w;
    try (VectorSchemaRoot root = SegmentTestData.root(s, List.of(qty, price), allocator)) {
      w = SegmentWriter.write(store, "seg/deferred.seg", s, root, 0, ROWS);
    }
    ChunkCache cache = new ChunkCache(64L << 20);
    String key = w.key();
    SegmentRoundTripTest.readAll(store, key, w.footer(), s.columns(), Predicate.TRUE, allocator, 1024, null, cache);
    assertTrue(cache.get(store.location(), key, 1, true).deferred != null, "qty was cached as a deferred stream");
    assertTrue(cache.get(store.location(), key, 1, false) == null, "which a predicate cannot use");
    long afterFirst = gets();
    Predicate p = new Predicate.Compare(1, Predicate.Op.GE, 500L);
    List<Object[]> filtered = SegmentRoundTripTest.readAll(store, key, w.footer(), s.columns(), p, allocator, 1024,
        null, cache);
    assertEquals(afterFirst + 1, gets(), "only the predicate column is fetched");
    List<Object[]> expected = new ArrayList<>();
    for (int r = 0; r < ROWS; r++) {
      if ((Long) qty.get(r) >= 500) {
        expected.add(new Object[] {qty.get(r), price.get(r)});
      }
    }
    assertSameRows(expected, filtered);
    // both forms are cached now: neither read needs a GET
    assertSameRows(expected, SegmentRoundTripTest.readAll(store, key, w.footer(), s.columns(), p, allocator, 1024,
        null, cache));
    SegmentRoundTripTest.readAll(store, key, w.footer(), s.columns(), Predicate.TRUE, allocator, 1024, null, cache);
    assertEquals(afterFirst + 1, gets());
  }

  @Test
  void aCorruptChunkNeverEntersTheCache() {
    ChunkCache cache = new ChunkCache(64L << 20);
    byte[] bytes = store.get(segment.key());
    Column victim = schema.column(9);
    BufferRef b = segment.footer().chunk(victim.id()).orElseThrow().buffers().get(1);
    bytes[(int) (b.offset() + b.storedLength() / 2)] ^= 0x21;
    String key = "seg/damaged.seg";
    store.put(key, bytes);
    for (int attempt = 0; attempt < 2; attempt++) {
      StoreException e = assertThrows(StoreException.class, () -> SegmentRoundTripTest.readAll(store, key,
          segment.footer(), schema.columns(), Predicate.TRUE, allocator, 1024, null, cache));
      assertEquals(StoreException.Kind.CORRUPT, e.kind(), "attempt " + attempt);
      assertTrue(e.getMessage().contains(victim.name()), e.getMessage());
    }
    assertTrue(cache.get(store.location(), key, victim.id(), true) == null);
  }

  @Test
  void theCacheStaysWithinItsBoundAndForgetsADeletedSegment() {
    ChunkCache small = new ChunkCache(40_000);
    assertSameRows(all, read(small, schema.columns(), Predicate.TRUE));
    assertTrue(small.sizeBytes() <= 40_000, "held " + small.sizeBytes());
    assertTrue(small.size() < schema.size(), "some chunks were evicted");

    ChunkCache big = new ChunkCache(64L << 20);
    read(big, schema.columns(), Predicate.TRUE);
    assertEquals(schema.size(), big.size());
    big.invalidate("elsewhere", segment.key());
    assertEquals(schema.size(), big.size(), "another store's segment of the same key is another object");
    big.invalidate(store.location(), segment.key());
    assertEquals(0, big.size());
    assertEquals(0, big.sizeBytes());
  }

  /** Threads scanning one segment through a cache that keeps evicting see the same rows as alone. */
  @Test
  void concurrentScansThroughAnEvictingCacheReadTheSameRows() throws Exception {
    ChunkCache cache = new ChunkCache(60_000);
    int threads = 4;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
      List<java.util.concurrent.Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int seed = t;
        done.add(pool.submit(() -> {
          Random rnd = new Random(seed);
          start.await();
          int scans = 0;
          for (int i = 0; i < 40; i++) {
            List<Integer> picked = new ArrayList<>();
            List<Column> cols = new ArrayList<>();
            for (int c = 0; c < schema.size(); c++) {
              if (rnd.nextInt(3) == 0) {
                picked.add(c);
                cols.add(schema.column(c));
              }
            }
            if (cols.isEmpty()) {
              continue;
            }
            List<Object[]> got = read(cache, cols, Predicate.TRUE);
            assertEquals(all.size(), got.size());
            for (int r = 0; r < all.size(); r++) {
              for (int k = 0; k < picked.size(); k++) {
                Object want = all.get(r)[picked.get(k)];
                Object have = got.get(r)[k];
                assertTrue(SegmentTestData.same(want, have), "row " + r + " column " + picked.get(k));
              }
            }
            scans++;
          }
          return scans;
        }));
      }
      int scans = 0;
      for (java.util.concurrent.Future<Integer> f : done) {
        scans += f.get(120, java.util.concurrent.TimeUnit.SECONDS);
      }
      assertTrue(scans > 100, "scans " + scans);
      assertTrue(cache.sizeBytes() <= 60_000, "held " + cache.sizeBytes());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theSizePropertyTakesBytesAndSuffixesAndRefusesAnythingElse() {
    assertEquals(268435456L, ChunkCache.parseSize("268435456"));
    assertEquals(256L << 20, ChunkCache.parseSize(" 256m "));
    assertEquals(1L << 30, ChunkCache.parseSize("1G"));
    assertEquals(1L << 30, ChunkCache.parseSize("1GiB"));
    assertEquals(64L << 10, ChunkCache.parseSize("64kb"));
    assertEquals(0, ChunkCache.parseSize("0"));
    for (String bad : new String[] {"", "-1", "abc", "1.5g", "12t", "99999999999g"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChunkCache.parseSize(bad), bad);
      assertTrue(e.getMessage().contains(ChunkCache.SIZE_PROPERTY) && e.getMessage().contains("'" + bad + "'"),
          e.getMessage());
    }
  }

  @Test
  void noneKeepsNothing() {
    read(ChunkCache.none(), schema.columns(), Predicate.TRUE);
    long first = gets();
    read(ChunkCache.none(), schema.columns(), Predicate.TRUE);
    assertEquals(2 * first, gets());
    assertEquals(0, ChunkCache.none().size());
    assertThrows(IllegalArgumentException.class, () -> new ChunkCache(-1));
  }

  /**
   * A query run again and again over more chunks than the cache holds (a wide GROUP BY over a
   * table larger than the cache) keeps what fits: plain LRU evicted each chunk just before its next
   * use and missed on every chunk of every run.
   */
  @Test
  void aWorkingSetLargerThanTheCacheKeepsWhatFits() {
    ChunkCache cache = new ChunkCache(20 * 1_128L); // each chunk weighs 128 + 1,000 bytes: room for 20
    dev.floe.storage.ColumnType type = dev.floe.storage.ColumnType.of(dev.floe.storage.ColumnType.Kind.BIGINT);
    int lastRunHits = 0;
    for (int run = 0; run < 8; run++) {
      lastRunHits = 0;
      for (int i = 0; i < 30; i++) {
        if (cache.get("loc", "seg-" + i, 1, false) == null) {
          cache.put("loc", "seg-" + i, 1, ColumnData.fixed(type, 125, null, new byte[1_000]));
        } else {
          lastRunHits++;
        }
      }
      assertTrue(cache.sizeBytes() <= 20 * 1_128L, "the bound holds: " + cache.sizeBytes());
    }
    assertTrue(lastRunHits >= 15, "chunks found in a run over 30 chunks with room for 20: " + lastRunHits);
  }
}
