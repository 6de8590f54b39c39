package dev.floe.storage.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import dev.floe.storage.io.CountingStore;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.StoreException;
import dev.floe.storage.io.StoreOp;
import dev.floe.storage.io.memory.MemoryStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Corrupt, truncated and foreign-version segments fail loudly; column subsets fetch only their bytes. */
class SegmentCorruptionTest {
  private final RootAllocator allocator = new RootAllocator();
  private final ObjectStore store = MemoryStore.open("seg-corrupt-" + UUID.randomUUID());
  private Schema schema;
  private WrittenSegment segment;
  private byte[] bytes;

  @BeforeEach
  void writeSegment() {
    schema = SegmentTestData.schemaOf(SegmentTestData.ALL_TYPES);
    Random rnd = new Random(3);
    List<List<Object>> cols = new ArrayList<>();
    for (ColumnType t : SegmentTestData.ALL_TYPES) {
      List<Object> c = SegmentTestData.randomColumn(t, 500, rnd);
      c.set(0, SegmentTestData.randomValue(t, rnd));
      c.set(1, null);
      cols.add(c);
    }
    try (VectorSchemaRoot root = SegmentTestData.root(schema, cols, allocator)) {
      segment = SegmentWriter.write(store, "seg/victim.seg", schema, root, 0, 500);
    }
    bytes = store.get(segment.key());
  }

  @AfterEach
  void tearDown() {
    assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory leaked");
    allocator.close();
  }

  private void readEverything(ObjectStore s, String key, SegmentFooter footer) {
    SegmentRoundTripTest.readAll(s, key, footer, schema.columns(), Predicate.TRUE, allocator, 128, null);
  }

  @Test
  void everyFlippedByteInEveryChunkIsDetectedAndNamed() {
    int flips = 0;
    for (Column c : schema.columns()) {
      ColumnChunk chunk = segment.footer().chunk(c.id()).orElseThrow();
      for (BufferRef b : chunk.buffers()) {
        if (b.storedLength() == 0) {
          continue;
        }
        for (long at : new long[] {b.offset(), b.offset() + b.storedLength() / 2, b.offset() + b.storedLength() - 1}) {
          byte[] damaged = bytes.clone();
          damaged[(int) at] ^= 0x10;
          String key = "seg/flip-" + c.id() + "-" + at;
          store.put(key, damaged);
          StoreException e = assertThrows(StoreException.class, () -> readEverything(store, key, segment.footer()));
          assertEquals(StoreException.Kind.CORRUPT, e.kind());
          assertEquals(key, e.key());
          assertTrue(e.getMessage().contains(key) && e.getMessage().contains(c.name() + " (id " + c.id() + ")"),
              e.getMessage());
          assertEquals(0, allocator.getAllocatedMemory());
          flips++;
        }
      }
    }
    assertTrue(flips >= 3 * schema.size(), "flipped " + flips);
  }

  @Test
  void everyFlippedByteOfTheFooterIsDetected() {
    byte[] f = segment.footer().toBytes();
    for (int i = 0; i < f.length; i++) {
      byte[] d = f.clone();
      d[i] ^= 0x01;
      StoreException e = assertThrows(StoreException.class, () -> SegmentFooter.fromBytes(d, "seg/k"));
      assertEquals(StoreException.Kind.CORRUPT, e.kind());
      assertTrue(e.getMessage().contains("seg/k"));
    }
    assertThrows(StoreException.class, () -> SegmentFooter.fromBytes(Arrays.copyOf(f, f.length - 1)));
  }

  @Test
  void truncatedObjectIsCorrupt() {
    for (int cut : new int[] {1, 12, bytes.length / 2, bytes.length - 8}) {
      String key = "seg/short-" + cut;
      store.put(key, Arrays.copyOf(bytes, bytes.length - cut));
      int tail = segment.footer().toBytes().length + SegmentFormat.TRAILER_LENGTH;
      if (cut > tail) {
        // The cut reaches into the chunks: the scan fails, naming a column.
        StoreException e = assertThrows(StoreException.class, () -> readEverything(store, key, segment.footer()));
        assertEquals(StoreException.Kind.CORRUPT, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(key) && e.getMessage().contains("column"), e.getMessage());
      } else {
        // Only the footer copy is cut: a scan (footer from the manifest) never reads it and returns intact data.
        readEverything(store, key, segment.footer());
      }
      StoreException f = assertThrows(StoreException.class, () -> SegmentReader.readFooter(store, key));
      assertEquals(StoreException.Kind.CORRUPT, f.kind());
    }
    assertEquals(0, allocator.getAllocatedMemory());
  }

  @Test
  void unknownVersionIsCorrupt() {
    byte[] v2 = bytes.clone();
    v2[v2.length - 8] = 2;
    store.put("seg/v2", v2);
    StoreException e = assertThrows(StoreException.class, () -> SegmentReader.readFooter(store, "seg/v2"));
    assertEquals(StoreException.Kind.CORRUPT, e.kind());
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    byte[] f = segment.footer().toBytes();
    f[0] = 9;
    StoreException g = assertThrows(StoreException.class, () -> SegmentFooter.fromBytes(f, "seg/x"));
    assertTrue(g.getMessage().contains("version 9"), g.getMessage());
    byte[] h = bytes.clone();
    h[4] = 7;
    StoreException hdr = assertThrows(StoreException.class, () -> SegmentWriter.footerOf(h, "seg/h"));
    assertEquals(StoreException.Kind.CORRUPT, hdr.kind());
  }

  @Test
  void columnSubsetFetchesOnlyItsChunks() {
    CountingStore counting = new CountingStore(store);
    Column a = schema.column(3);
    Column b = schema.column(4);
    Column far = schema.column(12);
    List<Column> cols = List.of(far, a, b);
    SegmentRoundTripTest.readAll(counting, segment.key(), segment.footer(), cols, Predicate.TRUE, allocator, 128, null);
    CountingStore.Counts n = counting.counts();
    SegmentFooter f = segment.footer();
    assertEquals(f.columnBytes(a.id()) + f.columnBytes(b.id()) + f.columnBytes(far.id()), n.bytesRead());
    assertEquals(2, n.requests(StoreOp.GET_RANGE), "adjacent chunks of a and b are coalesced");
    assertEquals(0, n.requests(StoreOp.GET));
    assertEquals(0, n.requests(StoreOp.LIST), "no footer fetch");
    assertTrue(n.bytesRead() < bytes.length / 3);

    counting.reset();
    Predicate p = new Predicate.IsNotNull(schema.column(9).id());
    SegmentRoundTripTest.readAll(counting, segment.key(), f, List.of(a), p, allocator, 128, null);
    assertEquals(f.columnBytes(a.id()) + f.columnBytes(schema.column(9).id()), counting.counts().bytesRead(),
        "requested plus predicate columns");

    counting.reset();
    Predicate impossible = new Predicate.Compare(a.id(), Predicate.Op.GT, Long.MAX_VALUE);
    SegmentRoundTripTest.readAll(counting, segment.key(), f, List.of(a), impossible, allocator, 128, null);
    assertEquals(0, counting.counts().totalRequests(), "a pruned segment is not fetched");
  }

  @Test
  void missingObjectIsNotFound() {
    StoreException e = assertThrows(StoreException.class, () -> readEverything(store, "seg/gone", segment.footer()));
    assertEquals(StoreException.Kind.NOT_FOUND, e.kind());
    assertEquals(StoreException.Kind.NOT_FOUND,
        assertThrows(StoreException.class, () -> SegmentReader.readFooter(store, "seg/gone")).kind());
  }
}
