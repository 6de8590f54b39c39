package dev.floe.storage.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.memory.MemoryStore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SegmentRoundTripTest {
  private final RootAllocator allocator = new RootAllocator();
  private final ObjectStore store = MemoryStore.open("seg-rt-" + UUID.randomUUID());

  @AfterEach
  void tearDown() {
    assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory leaked");
    allocator.close();
  }

  /** Rows read back, by segment row number: values of each requested column. */
  static List<Object[]> readAll(ObjectStore store, String key, SegmentFooter footer, List<Column> cols,
      Predicate p, RootAllocator allocator, int batchSize, List<Long> rowNumbers) {
    return readAll(store, key, footer, cols, p, allocator, batchSize, rowNumbers, ChunkCache.none());
  }

  static List<Object[]> readAll(ObjectStore store, String key, SegmentFooter footer, List<Column> cols,
      Predicate p, RootAllocator allocator, int batchSize, List<Long> rowNumbers, ChunkCache cache) {
    List<Object[]> out = new ArrayList<>();
    try (SegmentScan scan = SegmentReader.scan(store, key, footer, cols, p, allocator, batchSize, cache)) {
      while (scan.hasNext()) {
        try (SegmentBatch b = scan.next()) {
          VectorSchemaRoot root = b.root();
          for (int c = 0; c < cols.size(); c++) {
            assertEquals(cols.get(c).name(), root.getVector(c).getName());
          }
          int[] sel = b.selection();
          int n = sel == null ? b.rowCount() : sel.length;
          assertTrue(n > 0, "empty batches are skipped");
          for (int k = 0; k < n; k++) {
            int r = sel == null ? k : sel[k];
            Object[] row = new Object[cols.size()];
            for (int c = 0; c < cols.size(); c++) {
              row[c] = SegmentTestData.get(root.getVector(c), cols.get(c).type(), r);
            }
            out.add(row);
            if (rowNumbers != null) {
              rowNumbers.add(b.firstRow() + r);
            }
          }
        }
      }
    }
    return out;
  }

  private void assertRoundTrip(Schema schema, List<List<Object>> columns, int batchSize) {
    int rows = columns.get(0).size();
    String key = "seg/" + UUID.randomUUID() + ".seg";
    WrittenSegment w;
    try (VectorSchemaRoot root = SegmentTestData.root(schema, columns, allocator)) {
      w = SegmentWriter.write(store, key, schema, root, 0, rows);
    }
    assertEquals(rows, w.footer().rowCount());
    assertEquals(w.footer(), SegmentFooter.fromBytes(w.footer().toBytes()));
    assertEquals(w.footer(), SegmentReader.readFooter(store, key));
    List<Object[]> back = readAll(store, key, w.footer(), schema.columns(), Predicate.TRUE, allocator, batchSize, null);
    assertEquals(rows, back.size());
    for (int c = 0; c < schema.size(); c++) {
      long nulls = 0;
      for (int r = 0; r < rows; r++) {
        Object expected = columns.get(c).get(r);
        if (expected == null) {
          nulls++;
        }
        if (!SegmentTestData.same(expected, back.get(r)[c])) {
          fail("column " + schema.column(c) + " row " + r + ": wrote " + show(expected) + ", read " + show(back.get(r)[c]));
        }
      }
      ColumnStats s = w.footer().stats(schema.column(c).id());
      assertEquals(nulls, s.nullCount(), "null count of " + schema.column(c));
    }
  }

  private static String show(Object o) {
    return o instanceof byte[] b ? Arrays.toString(b) : String.valueOf(o);
  }

  @Test
  void everyTypeWithExtremesAndNulls() {
    Schema schema = SegmentTestData.schemaOf(SegmentTestData.ALL_TYPES);
    BigDecimal maxDec = new BigDecimal(BigInteger.TEN.pow(38).subtract(BigInteger.ONE), 10);
    List<List<Object>> cols = List.of(
        Arrays.asList(true, false, null, true, false, null),
        Arrays.asList(-128L, 127L, null, 0L, -1L, 1L),
        Arrays.asList((long) Short.MIN_VALUE, (long) Short.MAX_VALUE, null, 0L, -1L, 1L),
        Arrays.asList((long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE, null, 0L, -1L, 1L),
        Arrays.asList(Long.MIN_VALUE, Long.MAX_VALUE, null, 0L, -1L, 1L),
        Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, null, -0.0, Double.NEGATIVE_INFINITY, (double) Float.MIN_VALUE),
        Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, null, -0.0, Double.NEGATIVE_INFINITY, Double.MIN_VALUE),
        Arrays.asList(maxDec, maxDec.negate(), null, new BigDecimal("-0.0000000001"), BigDecimal.ZERO.setScale(10), new BigDecimal("-12345.6789000000")),
        Arrays.asList(new BigDecimal("9999999.99"), new BigDecimal("-9999999.99"), null, new BigDecimal("0.01"), new BigDecimal("-0.01"), new BigDecimal("0.00")),
        Arrays.asList("", "ünïcödé 日本語 \uD83D\uDE00", null, "x".repeat(300), "", "\u0000nul"),
        Arrays.asList(new byte[0], new byte[] {0, (byte) 0xFF, 1}, null, new byte[300], new byte[0], new byte[] {(byte) 0x80}),
        Arrays.asList(-719162L, 2932896L, null, -1L, 0L, 19000L),
        Arrays.asList(0L, 86_399_999_999L, null, 1L, 43_200_000_000L, 2L),
        Arrays.asList(Long.MIN_VALUE, Long.MAX_VALUE, null, -62_135_596_800_000_000L, 0L, 1_700_000_000_000_000L),
        Arrays.asList(Long.MIN_VALUE, Long.MAX_VALUE, null, -1L, 0L, 1_700_000_000_000_000L));
    assertRoundTrip(schema, cols, 64);
  }

  @Test
  void emptySegment() {
    Schema schema = SegmentTestData.schemaOf(SegmentTestData.ALL_TYPES);
    List<List<Object>> cols = new ArrayList<>();
    SegmentTestData.ALL_TYPES.forEach(t -> cols.add(new ArrayList<>()));
    assertRoundTrip(schema, cols, 100);
  }

  @Test
  void randomBatchesRoundTrip() {
    Random rnd = new Random(42);
    for (int iter = 0; iter < 60; iter++) {
      List<ColumnType> types = new ArrayList<>();
      int n = 1 + rnd.nextInt(5);
      for (int i = 0; i < n; i++) {
        types.add(SegmentTestData.ALL_TYPES.get(rnd.nextInt(SegmentTestData.ALL_TYPES.size())));
      }
      Schema schema = SegmentTestData.schemaOf(types);
      int rows = rnd.nextInt(10) == 0 ? 0 : rnd.nextInt(rnd.nextBoolean() ? 50 : 3000) + 1;
      List<List<Object>> cols = new ArrayList<>();
      for (ColumnType t : types) {
        cols.add(SegmentTestData.randomColumn(t, rows, rnd));
      }
      assertRoundTrip(schema, cols, 1 + rnd.nextInt(1000));
    }
  }

  @Test
  void writeAllSplitsAndReadsRowRanges() {
    Schema schema = SegmentTestData.schemaOf(List.of(ColumnType.of(ColumnType.Kind.BIGINT), ColumnType.of(ColumnType.Kind.VARCHAR)));
    List<Object> a = new ArrayList<>();
    List<Object> b = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      a.add((long) i);
      b.add("s" + (i % 7));
    }
    List<WrittenSegment> segs;
    try (VectorSchemaRoot root = SegmentTestData.root(schema, List.of(a, b), allocator)) {
      int[] k = {0};
      segs = SegmentWriter.writeAll(store, () -> "seg/part-" + k[0]++, schema, root, 300);
    }
    assertEquals(4, segs.size());
    assertEquals(List.of(300L, 300L, 300L, 100L), segs.stream().map(s -> s.footer().rowCount()).toList());
    long expected = 0;
    for (WrittenSegment s : segs) {
      assertEquals(s.sizeBytes(), store.get(s.key()).length);
      assertEquals(Encoding.DICTIONARY, s.footer().chunk(schema.column(1).id()).orElseThrow().encoding());
      for (Object[] row : readAll(store, s.key(), s.footer(), schema.columns(), Predicate.TRUE, allocator, 128, null)) {
        assertEquals(expected, row[0]);
        assertEquals("s" + (expected % 7), row[1]);
        expected++;
      }
    }
    assertEquals(1000, expected);
  }

  @Test
  void missingColumnReadsAsNull() {
    Schema old = SegmentTestData.schemaOf(List.of(ColumnType.of(ColumnType.Kind.INTEGER)));
    String key = "seg/old";
    WrittenSegment w;
    try (VectorSchemaRoot root = SegmentTestData.root(old, List.of(Arrays.asList(1L, 2L, null)), allocator)) {
      w = SegmentWriter.write(store, key, old, root, 0, 3);
    }
    Column added = new Column(99, "added", ColumnType.of(ColumnType.Kind.VARCHAR), true);
    Column addedNum = new Column(98, "added_num", ColumnType.decimal(10, 2), true);
    List<Column> cols = List.of(old.column(0), added, addedNum);
    List<Object[]> rows = readAll(store, key, w.footer(), cols, Predicate.TRUE, allocator, 64, null);
    assertEquals(3, rows.size());
    for (Object[] r : rows) {
      assertNull(r[1]);
      assertNull(r[2]);
    }
    assertEquals(0, w.footer().columnBytes(99));
    assertEquals(3, w.footer().stats(99).nullCount());
    assertEquals(3, readAll(store, key, w.footer(), cols, new Predicate.IsNull(99), allocator, 64, null).size());
    Predicate eq = new Predicate.Compare(99, Predicate.Op.EQ, "x");
    assertEquals(0, readAll(store, key, w.footer(), cols, eq, allocator, 64, null).size());
    assertEquals(0, readAll(store, key, w.footer(), cols, new Predicate.Not(eq), allocator, 64, null).size());
    assertTrue(!eq.mayMatch(w.footer()) && !new Predicate.Not(eq).mayMatch(w.footer()));
    assertTrue(new Predicate.IsNull(99).mayMatch(w.footer()));
    assertTrue(!new Predicate.IsNotNull(99).mayMatch(w.footer()));
  }

  @Test
  void decimalDoublesAreScaledAndOthersStayPlain() {
    Schema schema = SegmentTestData.schemaOf(List.of(ColumnType.of(ColumnType.Kind.DOUBLE), ColumnType.of(ColumnType.Kind.DOUBLE),
        ColumnType.of(ColumnType.Kind.DOUBLE)));
    Random rnd = new Random(5);
    List<Object> prices = new ArrayList<>();
    List<Object> withNegZero = new ArrayList<>();
    List<Object> fine = new ArrayList<>();
    long cents = 10_000;
    for (int i = 0; i < 5000; i++) {
      cents += rnd.nextInt(21) - 10;
      prices.add(i % 97 == 0 ? null : cents / 100.0);
      withNegZero.add(i == 10 ? -0.0 : cents / 100.0);
      fine.add((rnd.nextInt(100_000) - 50_000) / 10_000.0);
    }
    WrittenSegment w;
    try (VectorSchemaRoot root = SegmentTestData.root(schema, List.of(prices, withNegZero, fine), allocator)) {
      w = SegmentWriter.write(store, "seg/prices", schema, root, 0, prices.size());
    }
    assertEquals(Encoding.SCALED, w.footer().chunk(schema.column(0).id()).orElseThrow().encoding());
    assertEquals(Encoding.PLAIN, w.footer().chunk(schema.column(1).id()).orElseThrow().encoding());
    assertEquals(Encoding.SCALED, w.footer().chunk(schema.column(2).id()).orElseThrow().encoding());
    assertTrue(w.footer().columnBytes(schema.column(0).id()) * 6 < 5000 * 8, "prices shrink more than 6x");
    List<Object[]> back = readAll(store, "seg/prices", w.footer(), schema.columns(), Predicate.TRUE, allocator, 512, null);
    for (int i = 0; i < prices.size(); i++) {
      assertTrue(SegmentTestData.same(prices.get(i), back.get(i)[0]), "row " + i);
      assertTrue(SegmentTestData.same(withNegZero.get(i), back.get(i)[1]), "row " + i);
      assertTrue(SegmentTestData.same(fine.get(i), back.get(i)[2]), "row " + i);
    }
    List<Long> rows = new ArrayList<>();
    readAll(store, "seg/prices", w.footer(), schema.columns(),
        new Predicate.Compare(schema.column(0).id(), Predicate.Op.EQ, prices.get(1)), allocator, 512, rows);
    assertTrue(rows.contains(1L));
  }

  @Test
  void ascendingTimestampsAndLowCardinalityStringsCompressWell() {
    Schema schema = SegmentTestData.schemaOf(List.of(ColumnType.of(ColumnType.Kind.TIMESTAMP), ColumnType.of(ColumnType.Kind.VARCHAR)));
    Random rnd = new Random(7);
    List<Object> ts = new ArrayList<>();
    List<Object> sym = new ArrayList<>();
    long t = 1_700_000_000_000_000L;
    for (int i = 0; i < 100_000; i++) {
      t += 1000 + rnd.nextInt(50);
      ts.add(t);
      sym.add("SYM" + rnd.nextInt(300));
    }
    WrittenSegment w;
    try (VectorSchemaRoot root = SegmentTestData.root(schema, List.of(ts, sym), allocator)) {
      w = SegmentWriter.write(store, "seg/ts", schema, root, 0, ts.size());
    }
    double tsRatio = 800_000.0 / w.footer().columnBytes(schema.column(0).id());
    assertTrue(tsRatio > 3.5, "timestamps compress " + tsRatio + "x");
    assertEquals(Encoding.DICTIONARY, w.footer().chunk(schema.column(1).id()).orElseThrow().encoding());
    assertEquals(300, w.footer().stats(schema.column(1).id()).distinctCount());
  }
}
