package dev.floe.storage.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.memory.MemoryStore;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Vectorized predicate evaluation equals a naive row-by-row evaluation in three-valued logic, and
 * stats pruning never prunes a segment holding a matching row, over random data and predicates.
 */
class PredicatePropertyTest {
  private static final int ABSENT_ID = 1000;
  private final RootAllocator allocator = new RootAllocator();
  private final ObjectStore store = MemoryStore.open("seg-pred-" + UUID.randomUUID());

  @AfterEach
  void tearDown() {
    assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory leaked");
    allocator.close();
  }

  @Test
  void vectorizedEqualsNaiveAndPruningIsSound() {
    Random rnd = new Random(20261123);
    int pruned = 0;
    int checked = 0;
    int matchedSome = 0;
    int matchedAll = 0;
    for (int iter = 0; iter < 150; iter++) {
      List<ColumnType> types = new ArrayList<>();
      int n = 1 + rnd.nextInt(4);
      for (int i = 0; i < n; i++) {
        types.add(SegmentTestData.ALL_TYPES.get(rnd.nextInt(SegmentTestData.ALL_TYPES.size())));
      }
      Schema schema = SegmentTestData.schemaOf(types);
      int rows = 1 + rnd.nextInt(rnd.nextBoolean() ? 20 : 700);
      List<List<Object>> cols = new ArrayList<>();
      for (ColumnType t : types) {
        cols.add(SegmentTestData.randomColumn(t, rows, rnd));
      }
      String key = "seg/" + iter;
      WrittenSegment w;
      try (VectorSchemaRoot root = SegmentTestData.root(schema, cols, allocator)) {
        w = SegmentWriter.write(store, key, schema, root, 0, rows);
      }
      Column absent = new Column(ABSENT_ID, "absent", ColumnType.of(ColumnType.Kind.BIGINT), true);
      List<Column> readCols = new ArrayList<>(schema.columns());
      readCols.add(absent);
      Map<Integer, ColumnType> typeById = new HashMap<>();
      schema.columns().forEach(c -> typeById.put(c.id(), c.type()));
      typeById.put(ABSENT_ID, absent.type());
      for (int q = 0; q < 20; q++) {
        Predicate p = randomPredicate(schema, cols, rnd, 3);
        List<Long> expected = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
          Map<Integer, Object> row = new HashMap<>();
          for (int c = 0; c < schema.size(); c++) {
            row.put(schema.column(c).id(), cols.get(c).get(r));
          }
          if (Boolean.TRUE.equals(eval(p, row, typeById))) {
            expected.add((long) r);
          }
        }
        boolean may = p.mayMatch(w.footer());
        if (!expected.isEmpty()) {
          assertTrue(may, "pruned a segment with matching rows " + expected + " for " + p);
          matchedSome++;
        }
        if (!may) {
          pruned++;
        }
        if (p.matchesAll(w.footer())) {
          assertEquals(rows, expected.size(), () -> "matchesAll, yet rows are left out, for " + p);
          matchedAll++;
        }
        assertCompactRowsMatch(key, w.footer(), readCols, p, 1 + rnd.nextInt(300), rnd);
        List<Long> actual = new ArrayList<>();
        List<Object[]> got =
            SegmentRoundTripTest.readAll(store, key, w.footer(), readCols, p, allocator, 1 + rnd.nextInt(300), actual);
        assertEquals(expected, actual, () -> "predicate " + p + " over " + schema);
        for (int i = 0; i < got.size(); i++) {
          Object[] want = new Object[readCols.size()];
          for (int c = 0; c < schema.size(); c++) {
            want[c] = cols.get(c).get(expected.get(i).intValue());
          }
          int row = i;
          assertTrue(Arrays.deepEquals(want, got.get(i)), () -> "row " + expected.get(row) + " under " + p + ": expected "
              + Arrays.deepToString(want) + ", read " + Arrays.deepToString(got.get(row)));
        }
        checked++;
      }
    }
    assertTrue(pruned > checked / 20, "stats pruned only " + pruned + " of " + checked);
    assertTrue(matchedSome > checked / 5, "only " + matchedSome + " of " + checked + " matched");
    assertTrue(matchedAll > checked / 50, "stats proved only " + matchedAll + " of " + checked + " true for every row");
  }

  /** {@link SegmentBatch#rootOf} of random rows equals {@link SegmentBatch#root()} at those rows. */
  private void assertCompactRowsMatch(String key, SegmentFooter footer, List<Column> cols, Predicate p, int batchSize,
      Random rnd) {
    try (SegmentScan scan = SegmentReader.scan(store, key, footer, cols, p, allocator, batchSize)) {
      while (scan.hasNext()) {
        try (SegmentBatch b = scan.next()) {
          int[] rows = b.selection() != null && rnd.nextBoolean() ? b.selection()
              : java.util.stream.IntStream.range(0, b.rowCount()).filter(i -> rnd.nextInt(3) == 0).toArray();
          VectorSchemaRoot compact = b.rootOf(rows, rows.length);
          VectorSchemaRoot all = b.root();
          assertEquals(rows.length, compact.getRowCount());
          for (int c = 0; c < cols.size(); c++) {
            for (int k = 0; k < rows.length; k++) {
              Object want = SegmentTestData.get(all.getVector(c), cols.get(c).type(), rows[k]);
              Object got = SegmentTestData.get(compact.getVector(c), cols.get(c).type(), k);
              int col = c;
              int row = k;
              assertTrue(Arrays.deepEquals(new Object[] {want}, new Object[] {got}),
                  () -> cols.get(col) + " row " + rows[row] + ": " + want + " vs " + got);
            }
          }
        }
      }
    }
  }

  private Predicate randomPredicate(Schema schema, List<List<Object>> cols, Random rnd, int depth) {
    int k = rnd.nextInt(depth > 0 ? 10 : 7);
    if (k >= 7) {
      List<Predicate> ops = new ArrayList<>();
      for (int i = 0; i < 1 + rnd.nextInt(3); i++) {
        ops.add(randomPredicate(schema, cols, rnd, depth - 1));
      }
      return k == 7 ? new Predicate.And(ops) : k == 8 ? new Predicate.Or(ops) : new Predicate.Not(ops.get(0));
    }
    boolean useAbsent = rnd.nextInt(15) == 0;
    int c = rnd.nextInt(schema.size());
    int id = useAbsent ? ABSENT_ID : schema.column(c).id();
    ColumnType t = useAbsent ? ColumnType.of(ColumnType.Kind.BIGINT) : schema.column(c).type();
    List<Object> values = useAbsent ? List.of() : cols.get(c);
    switch (k) {
      case 0:
        return rnd.nextBoolean() ? new Predicate.IsNull(id) : new Predicate.IsNotNull(id);
      case 1:
        return new Predicate.Between(id, literal(t, values, rnd), literal(t, values, rnd));
      case 2: {
        List<Object> in = new ArrayList<>();
        for (int i = 0; i < 1 + rnd.nextInt(4); i++) {
          in.add(rnd.nextInt(8) == 0 ? null : literal(t, values, rnd));
        }
        return new Predicate.In(id, in);
      }
      case 3:
        if (t.kind() == ColumnType.Kind.VARCHAR) {
          Object v = literal(t, values, rnd);
          String s = v == null ? "" : (String) v;
          int cut = s.isEmpty() ? 0 : rnd.nextInt(s.length() + 1);
          if (cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
          }
          return new Predicate.StartsWith(id, s.substring(0, cut));
        }
        // fall through
      default:
        Predicate.Op op = Predicate.Op.values()[rnd.nextInt(6)];
        return new Predicate.Compare(id, op, literal(t, values, rnd));
    }
  }

  /** A literal: mostly a value of the column, sometimes random, NULL, or an inexact number. */
  private static Object literal(ColumnType t, List<Object> values, Random rnd) {
    int k = rnd.nextInt(20);
    if (k == 0) {
      return null;
    }
    Object v = null;
    if (k < 14 && !values.isEmpty()) {
      v = values.get(rnd.nextInt(values.size()));
    }
    if (v == null) {
      v = SegmentTestData.randomValue(t, rnd);
    }
    if (k == 19 && (v instanceof Long || v instanceof BigDecimal) && t.kind() != ColumnType.Kind.BOOLEAN) {
      BigDecimal d = v instanceof Long l ? BigDecimal.valueOf(l) : (BigDecimal) v;
      return d.add(new BigDecimal(rnd.nextBoolean() ? "0.5" : "-0.00000000000000000000000000000000000001"));
    }
    return v;
  }

  /** The naive reference: TRUE, FALSE or null (unknown). */
  static Boolean eval(Predicate p, Map<Integer, Object> row, Map<Integer, ColumnType> types) {
    if (p instanceof Predicate.Constant c) {
      return c.value();
    } else if (p instanceof Predicate.And a) {
      Boolean r = true;
      for (Predicate o : a.operands()) {
        Boolean x = eval(o, row, types);
        if (Boolean.FALSE.equals(x)) {
          return false;
        }
        if (x == null) {
          r = null;
        }
      }
      return r;
    } else if (p instanceof Predicate.Or o) {
      Boolean r = false;
      for (Predicate x : o.operands()) {
        Boolean v = eval(x, row, types);
        if (Boolean.TRUE.equals(v)) {
          return true;
        }
        if (v == null) {
          r = null;
        }
      }
      return r;
    } else if (p instanceof Predicate.Not n) {
      Boolean x = eval(n.operand(), row, types);
      return x == null ? null : !x;
    } else if (p instanceof Predicate.IsNull n) {
      return row.get(n.columnId()) == null;
    } else if (p instanceof Predicate.IsNotNull n) {
      return row.get(n.columnId()) != null;
    } else if (p instanceof Predicate.Compare c) {
      Object v = row.get(c.columnId());
      if (v == null || c.value() == null) {
        return null;
      }
      int s = compare(types.get(c.columnId()), v, c.value());
      return switch (c.op()) {
        case EQ -> s == 0;
        case NE -> s != 0;
        case LT -> s < 0;
        case LE -> s <= 0;
        case GT -> s > 0;
        case GE -> s >= 0;
      };
    } else if (p instanceof Predicate.Between b) {
      return eval(Predicate.and(new Predicate.Compare(b.columnId(), Predicate.Op.GE, b.low()),
          new Predicate.Compare(b.columnId(), Predicate.Op.LE, b.high())), row, types);
    } else if (p instanceof Predicate.In in) {
      Object v = row.get(in.columnId());
      if (v == null) {
        return null;
      }
      boolean sawNull = false;
      for (Object x : in.values()) {
        if (x == null) {
          sawNull = true;
        } else if (compare(types.get(in.columnId()), v, x) == 0) {
          return true;
        }
      }
      return sawNull ? null : false;
    } else {
      Predicate.StartsWith s = (Predicate.StartsWith) p;
      Object v = row.get(s.columnId());
      return v == null || s.prefix() == null ? null : ((String) v).startsWith(s.prefix());
    }
  }

  static int compare(ColumnType t, Object v, Object lit) {
    switch (t.kind()) {
      case BOOLEAN:
        return Boolean.compare((Boolean) v, (Boolean) lit);
      case REAL:
      case DOUBLE: {
        double a = (Double) v;
        double b = ((Number) lit).doubleValue();
        if (a == b) {
          return 0;
        }
        if (Double.isNaN(a) || Double.isNaN(b)) {
          return Double.isNaN(a) ? (Double.isNaN(b) ? 0 : 1) : -1;
        }
        return a < b ? -1 : 1;
      }
      case VARCHAR:
        return Integer.signum(Arrays.compare(((String) v).codePoints().toArray(), ((String) lit).codePoints().toArray()));
      case VARBINARY:
        return Arrays.compareUnsigned((byte[]) v, (byte[]) lit);
      default:
        return toDecimal(v).compareTo(toDecimal(lit));
    }
  }

  private static BigDecimal toDecimal(Object o) {
    return o instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) o).longValue());
  }

  @Test
  void nullSemanticsAndNaN() {
    Schema schema = SegmentTestData.schemaOf(List.of(ColumnType.of(ColumnType.Kind.DOUBLE), ColumnType.of(ColumnType.Kind.VARCHAR)));
    List<Object> d = Arrays.asList(1.0, null, Double.NaN, -0.0, Double.POSITIVE_INFINITY, 6.0);
    List<Object> s = Arrays.asList("apple", "apricot", null, "banana", "日本", "ap");
    WrittenSegment w;
    try (VectorSchemaRoot root = SegmentTestData.root(schema, List.of(d, s), allocator)) {
      w = SegmentWriter.write(store, "seg/n", schema, root, 0, 6);
    }
    int di = schema.column(0).id();
    int si = schema.column(1).id();
    assertEquals(List.of(0L, 3L), rows(w, new Predicate.Not(new Predicate.Compare(di, Predicate.Op.GT, 5.0))));
    assertEquals(List.of(3L), rows(w, new Predicate.Compare(di, Predicate.Op.EQ, 0.0)));
    assertEquals(List.of(2L), rows(w, new Predicate.Compare(di, Predicate.Op.GT, Double.POSITIVE_INFINITY)));
    assertEquals(List.of(2L), rows(w, new Predicate.Compare(di, Predicate.Op.EQ, Double.NaN)));
    assertEquals(List.of(0L, 1L, 5L), rows(w, new Predicate.StartsWith(si, "ap")));
    assertEquals(List.of(4L), rows(w, new Predicate.Compare(si, Predicate.Op.GT, "banana")));
    assertEquals(List.of(0L), rows(w, new Predicate.In(di, Arrays.asList(1.0, null))));
    assertEquals(List.of(), rows(w, new Predicate.Not(new Predicate.In(di, Arrays.asList(1.0, null)))));
    assertEquals(List.of(1L), rows(w, new Predicate.IsNull(di)));
    assertEquals(List.of(), rows(w, new Predicate.Compare(di, Predicate.Op.NE, null)));
  }

  private List<Long> rows(WrittenSegment w, Predicate p) {
    List<Long> out = new ArrayList<>();
    Schema s = SegmentTestData.schemaOf(List.of(ColumnType.of(ColumnType.Kind.DOUBLE), ColumnType.of(ColumnType.Kind.VARCHAR)));
    SegmentRoundTripTest.readAll(store, w.key(), w.footer(), s.columns(), p, allocator, 64, out);
    return out;
  }

  @Test
  void stringBoundsStayBoundsWhenTruncated() {
    for (String v : List.of("a".repeat(100), "é".repeat(50), "\uDBFF\uDFFF".repeat(40), "z" + "\uD7FF".repeat(40))) {
      byte[] b = v.getBytes(StandardCharsets.UTF_8);
      byte[] lo = StringBounds.lower(b, true);
      byte[] hi = StringBounds.upper(b, true);
      assertTrue(lo.length <= StringBounds.MAX_BYTES && Arrays.compareUnsigned(lo, b) <= 0);
      assertTrue(hi == null || (hi.length <= StringBounds.MAX_BYTES && Arrays.compareUnsigned(hi, b) > 0), v);
      assertEquals(new String(lo, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8).length, lo.length);
      if (hi != null) {
        assertTrue(Arrays.equals(new String(hi, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), hi), "valid UTF-8");
      }
    }
    byte[] ff = new byte[100];
    Arrays.fill(ff, (byte) 0xFF);
    assertEquals(null, StringBounds.upper(ff, false));
  }
}
