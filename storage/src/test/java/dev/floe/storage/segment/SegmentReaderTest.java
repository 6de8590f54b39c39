package dev.floe.storage.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import dev.floe.storage.io.CountingStore;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.StoreOp;
import dev.floe.storage.io.memory.MemoryStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SegmentReaderTest {
  private final RootAllocator allocator = new RootAllocator();
  private final ObjectStore store = MemoryStore.open("seg-reader-" + UUID.randomUUID());

  @AfterEach
  void tearDown() {
    assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory leaked");
    allocator.close();
  }

  @Test
  void arrowTypesMapBothWays() {
    for (ColumnType t : SegmentTestData.ALL_TYPES) {
      assertEquals(t, ArrowTypes.columnType(ArrowTypes.arrowType(t)));
      Column c = new Column(1, "x", t, false);
      try (var v = ArrowTypes.createVector(c, allocator)) {
        assertEquals("x", v.getName());
        assertEquals(false, v.getField().isNullable());
      }
    }
    assertThrows(IllegalArgumentException.class,
        () -> ArrowTypes.columnType(new org.apache.arrow.vector.types.pojo.ArrowType.Int(32, false)));
  }

  @Test
  void concurrentScansOfOneSegmentAgree() throws Exception {
    Schema schema = SegmentTestData.schemaOf(SegmentTestData.ALL_TYPES);
    Random rnd = new Random(9);
    List<List<Object>> cols = new ArrayList<>();
    for (ColumnType t : SegmentTestData.ALL_TYPES) {
      cols.add(SegmentTestData.randomColumn(t, 2000, rnd));
    }
    WrittenSegment w;
    try (VectorSchemaRoot root = SegmentTestData.root(schema, cols, allocator)) {
      w = SegmentWriter.write(store, "seg/shared", schema, root, 0, 2000);
    }
    Predicate p = new Predicate.IsNotNull(schema.column(4).id());
    List<Long> expected = new ArrayList<>();
    SegmentRoundTripTest.readAll(store, w.key(), w.footer(), schema.columns(), p, allocator, 256, expected);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Long>>> futures = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        futures.add(pool.submit(() -> {
          List<Long> rows = Collections.synchronizedList(new ArrayList<>());
          SegmentRoundTripTest.readAll(store, w.key(), w.footer(), schema.columns(), p, allocator, 256, rows);
          return rows;
        }));
      }
      for (Future<List<Long>> f : futures) {
        assertEquals(expected, f.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void readFooterOfAWideSegmentNeedsASecondRangedGet() {
    List<ColumnType> types = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      types.add(ColumnType.of(ColumnType.Kind.VARCHAR));
    }
    Schema schema = SegmentTestData.schemaOf(types);
    List<List<Object>> cols = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      cols.add(List.of("v" + i, "w".repeat(70)));
    }
    WrittenSegment w;
    try (VectorSchemaRoot root = SegmentTestData.root(schema, cols, allocator)) {
      w = SegmentWriter.write(store, "seg/wide", schema, root, 0, 2);
    }
    assertTrue(w.footer().toBytes().length > 64 * 1024);
    CountingStore counting = new CountingStore(store);
    assertEquals(w.footer(), SegmentReader.readFooter(counting, "seg/wide"));
    assertEquals(2, counting.counts().requests(StoreOp.GET_RANGE));
    assertEquals(1, counting.counts().requests(StoreOp.LIST));
    ColumnStats s = w.footer().stats(schema.column(7).id());
    assertEquals("v7", s.min());
    assertTrue(s.minExact() && !s.maxExact());
    assertTrue(((String) s.max()).compareTo("w".repeat(70)) > 0 && ((String) s.max()).length() <= 64);
  }

  @Test
  void emptyColumnListCountsSelectedRows() {
    Schema schema = SegmentTestData.schemaOf(List.of(ColumnType.of(ColumnType.Kind.INTEGER)));
    List<Object> v = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      v.add((long) (i % 10));
    }
    WrittenSegment w;
    try (VectorSchemaRoot root = SegmentTestData.root(schema, List.of(v), allocator)) {
      w = SegmentWriter.write(store, "seg/count", schema, root, 0, 1000);
    }
    int selected = 0;
    try (SegmentScan scan = SegmentReader.scan(store, w.key(), w.footer(), List.of(),
        new Predicate.Compare(schema.column(0).id(), Predicate.Op.LT, 3L), allocator, 100)) {
      while (scan.hasNext()) {
        try (SegmentBatch b = scan.next()) {
          assertEquals(0, b.root().getFieldVectors().size());
          selected += b.selectedCount();
        }
      }
    }
    assertEquals(300, selected);
  }
}
