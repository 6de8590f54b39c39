package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.ColumnType;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.io.CountingStore;
import dev.floe.storage.io.StoreOp;
import dev.floe.storage.segment.Predicate;
import dev.floe.storage.segment.Predicate.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Table operations on real rows: append, scans with pruning, delete, update, overwrite, add column, staging, CTAS. */
class DataOpsTest {
  static Stream<Backend> backends() {
    return Backend.all();
  }

  /** A table of 10 segments of 100 rows each: ids 0..999, one append per segment. */
  static Table tenSegments(FloeStore f, String name) {
    Table t = f.create(name, Rows.SCHEMA);
    for (int s = 0; s < 10; s++) {
      try (VectorSchemaRoot b = Rows.batch(f.allocator(), s * 100, s * 100 + 100)) {
        t.append(b);
      }
    }
    return t;
  }

  @ParameterizedTest
  @MethodSource("backends")
  void appendThenScanColumnsAndPredicatesWithPruning(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table t = tenSegments(f, "t");
      TableVersion v = t.latest();
      assertEquals(10, v.version());
      assertEquals(1000, v.rowCount());
      assertEquals(Rows.range(0, 1000), Rows.ids(v));
      Predicate between = new Predicate.Between(0, 250L, 260L);
      try (TableScan scan = v.scan(List.of("name", "id"), between)) {
        assertEquals(1, scan.segmentsToRead(), "only the segment holding 250..260 is read");
        assertEquals(9, scan.manifestsPruned() + scan.segmentsPruned());
      }
      List<List<Object>> rows = Rows.read(v, List.of("name", "id"), between);
      assertEquals(11, rows.size());
      assertEquals(List.of("n250", 250L), rows.get(0));
      assertEquals(100, Rows.read(v, List.of("id"), new Predicate.Compare(1, Op.EQ, 3L)).size());
      assertEquals(List.of(), Rows.read(v, List.of("id"), new Predicate.Compare(0, Op.GT, 5000L)));
      FloeException e = assertThrows(FloeException.class, () -> v.scan(List.of("nope"), Predicate.TRUE));
      assertEquals(ErrorCode.COLUMN_NOT_FOUND, e.code());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aColdReadOfOneColumnFetchesOnlyThatColumnOfTheMatchingSegments(Backend b) {
    try (b) {
      try (FloeStore f = b.floe()) {
        tenSegments(f, "t");
      }
      CountingStore counting = new CountingStore(b.open());
      try (FloeStore f = FloeStore.open(counting, FloeOptions.defaults())) {
        Table t = f.table("t");
        counting.reset();
        assertEquals(1000, Rows.read(t.latest(), List.of("id"), Predicate.TRUE).size());
        CountingStore.Counts c = counting.counts();
        assertEquals(10, c.requests(StoreOp.GET_RANGE), "one ranged GET per segment, of one column");
        assertEquals(10, c.requests(StoreOp.GET), "the 10 manifests (the head is known): " + c);
        assertEquals(1, c.requests(StoreOp.LIST), "the head: " + c);
        assertEquals(21, c.totalRequests());
        counting.reset();
        assertEquals(1000, Rows.read(t.latest(), List.of("id"), Predicate.TRUE).size());
        assertEquals(1, counting.counts().totalRequests(), "warm: only the head listing");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void deleteRewritesOnlySegmentsWithMatchingRows(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table t = tenSegments(f, "t");
      List<String> before = t.latest().segments().stream().map(SegmentEntry::key).toList();
      CommitResult r = t.delete(new Predicate.Between(0, 150L, 249L));
      assertEquals(100, r.rowsRemoved());
      assertEquals(0, r.rowsAdded());
      TableVersion v = t.latest();
      assertEquals(900, v.rowCount());
      List<Long> expect = new ArrayList<>(Rows.range(0, 150));
      expect.addAll(Rows.range(250, 1000));
      assertEquals(expect, Rows.ids(v));
      List<String> after = v.segments().stream().map(SegmentEntry::key).toList();
      assertEquals(8, after.stream().filter(before::contains).count(), "8 untouched segments kept by reference");
      assertEquals(10, after.size(), "two segments rewritten, none emptied");
      CommitResult none = t.delete(new Predicate.Compare(0, Op.GT, 10_000L));
      assertEquals(v.version(), none.version(), "a statement matching nothing commits nothing");
      assertEquals(Rows.range(0, 1000), Rows.ids(t.version(10)), "time travel to before the delete");
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void updateSetsValuesInMatchingRowsOnly(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table t = tenSegments(f, "t");
      Map<String, Object> set = new HashMap<>();
      set.put("name", "changed");
      set.put("grp", null);
      CommitResult r = t.update(new Predicate.In(0, List.of(5L, 505L, 999L)), set);
      assertEquals(3, r.rowsRemoved());
      assertEquals(3, r.rowsAdded());
      TableVersion v = t.latest();
      assertEquals(1000, v.rowCount());
      List<List<Object>> changed = Rows.read(v, List.of("id", "grp", "name"), new Predicate.Compare(2, Op.EQ, "changed"));
      assertEquals(List.of(Arrays.asList(5L, null, "changed"), Arrays.asList(505L, null, "changed"),
          Arrays.asList(999L, null, "changed")), changed);
      assertEquals(List.of(Arrays.asList(6L, 6, "n6")), Rows.read(v, null, new Predicate.Compare(0, Op.EQ, 6L)));
      FloeException e = assertThrows(FloeException.class, () -> t.update(Predicate.TRUE, Map.of("id", "x")));
      assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
      Map<String, Object> nullId = new HashMap<>();
      nullId.put("id", null);
      assertEquals(ErrorCode.NOT_NULL_VIOLATION, assertThrows(FloeException.class, () -> t.update(Predicate.TRUE, nullId)).code());
      assertEquals(ErrorCode.COLUMN_NOT_FOUND,
          assertThrows(FloeException.class, () -> t.update(Predicate.TRUE, Map.of("zz", 1L))).code());
      assertEquals(v.version(), t.latest().version(), "failed statements changed nothing");
      // SET grp = grp * 100, name = name || '!' WHERE id < 3, computed per row
      CommitResult fn = t.update(new Predicate.Compare(0, Op.LT, 3L), List.of("grp", "name"), (rows, row) -> new Object[] {
          ((org.apache.arrow.vector.IntVector) rows.getVector(1)).get(row) * 100L,
          rows.getVector(2).getObject(row) + "!"});
      assertEquals(3, fn.rowsRemoved());
      assertEquals(List.of(Arrays.asList(0L, 0, "n0!"), Arrays.asList(1L, 100, "n1!"), Arrays.asList(2L, 200, "n2!")),
          Rows.read(t.latest(), null, new Predicate.Compare(0, Op.LT, 3L)));
      assertEquals(List.of(), f.orphans("t").keys(), "and left nothing behind");
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void overwriteReplacesEveryRow(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table t = tenSegments(f, "t");
      try (VectorSchemaRoot batch = Rows.batch(f.allocator(), 5000, 5010)) {
        CommitResult r = t.overwrite(batch);
        assertEquals(1000, r.rowsRemoved());
        assertEquals(10, r.rowsAdded());
      }
      assertEquals(Rows.range(5000, 5010), Rows.ids(t.latest()));
      assertEquals(Operation.OVERWRITE, t.latest().operation());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void addedColumnsReadAsNullInOldSegments(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table t = f.create("t", Rows.SCHEMA);
      try (VectorSchemaRoot batch = Rows.batch(f.allocator(), 0, 3)) {
        t.append(batch);
      }
      t.addColumn("score", ColumnType.of(ColumnType.Kind.DOUBLE), true);
      TableVersion v = t.latest();
      assertEquals(List.of(Arrays.asList(1L, null)), Rows.read(v, List.of("id", "score"), new Predicate.Compare(0, Op.EQ, 1L)));
      assertEquals(3, Rows.read(v, List.of("id"), new Predicate.IsNull(3)).size(), "IS NULL on an absent column");
      try (VectorSchemaRoot batch = Rows.batch(f.allocator(), v.schema(), 10, 12)) {
        ((org.apache.arrow.vector.Float8Vector) batch.getVector(3)).setSafe(0, 2.5);
        batch.getVector(3).setValueCount(2);
        t.append(batch);
      }
      assertEquals(List.of(Arrays.asList(10L, 2.5)), Rows.read(t.latest(), List.of("id", "score"), new Predicate.Compare(3, Op.GT, 1.0)));
      assertEquals(5, t.latest().rowCount());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void stagedWritersAndOneCommit(Backend b) throws Exception {
    try (b; FloeStore f = b.floe()) {
      Table t = f.create("t", Rows.SCHEMA);
      List<SegmentEntry> staged = java.util.Collections.synchronizedList(new ArrayList<>());
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int ww = w;
        Thread th = new Thread(() -> {
          try (FloeStore g = b.floe(); VectorSchemaRoot batch = Rows.batch(g.allocator(), ww * 50, ww * 50 + 50)) {
            staged.addAll(g.table("t").stage(batch));
          }
        });
        threads.add(th);
        th.start();
      }
      for (Thread th : threads) {
        th.join();
      }
      assertEquals(List.of(), Rows.ids(t.latest()));
      assertEquals(4, staged.size());
      assertTrue(staged.stream().allMatch(e -> e.key().startsWith("staged/")));
      try (FloeStore committer = b.floe()) {
        List<SegmentEntry> found = committer.table("t").stagedSegments();
        assertEquals(staged.stream().map(SegmentEntry::key).sorted().toList(),
            found.stream().map(SegmentEntry::key).sorted().toList(), "another client finds what was staged");
        assertEquals(200, found.stream().mapToLong(SegmentEntry::rowCount).sum());
        committer.table("t").commitStaged(found);
        assertEquals(List.of(), committer.table("t").stagedSegments(), "published ones are not listed again");
      }
      assertEquals(Rows.range(0, 200), Rows.ids(t.latest()));
      assertEquals(List.of(), f.orphans("t").keys());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void createTableAsPublishesWithItsRows(Backend b) {
    try (b; FloeStore f = b.floe()) {
      try (VectorSchemaRoot batch = Rows.batch(f.allocator(), 0, 42)) {
        f.createAs("c", Rows.SCHEMA, batch);
      }
      TableVersion v = f.table("c").latest();
      assertEquals(0, v.version());
      assertEquals(42, v.rowCount());
      assertEquals(Rows.range(0, 42), Rows.ids(v));
      try (VectorSchemaRoot batch = Rows.batch(f.allocator(), 0, 1)) {
        assertEquals(ErrorCode.TABLE_EXISTS, assertThrows(FloeException.class, () -> f.createAs("c", Rows.SCHEMA, batch)).code());
      }
      assertEquals(List.of(), f.orphans("c").keys(), "the loser deleted its rows");
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aMissingOrCorruptSegmentIsAnErrorNamingItsKeyAndOtherTablesKeepWorking(Backend b) {
    try (b) {
      String missing;
      String corrupt;
      try (FloeStore f = b.floe()) {
        Table t1 = tenSegments(f, "t1");
        Table t2 = tenSegments(f, "t2");
        tenSegments(f, "ok");
        missing = t1.root() + t1.latest().segments().get(3).key();
        corrupt = t2.root() + t2.latest().segments().get(4).key();
      }
      try (var raw = b.open()) {
        byte[] bytes = raw.get(corrupt);
        bytes[40] ^= 0x5A;
        raw.delete(missing);
        raw.delete(corrupt);
        raw.put(corrupt, bytes);
      }
      try (FloeStore f = b.floe()) {
        FloeException e = assertThrows(FloeException.class, () -> Rows.ids(f.table("t1").latest()));
        assertEquals(ErrorCode.MISSING_OBJECT, e.code());
        assertEquals(missing, e.key());
        assertTrue(e.getMessage().contains(missing), e.getMessage());
        FloeException c = assertThrows(FloeException.class, () -> Rows.read(f.table("t2").latest(), List.of("id", "grp", "name"), Predicate.TRUE));
        assertEquals(ErrorCode.CORRUPT_OBJECT, c.code());
        assertTrue(c.getMessage().contains(corrupt), c.getMessage());
        assertEquals(Rows.range(0, 1000), Rows.ids(f.table("ok").latest()));
        assertEquals(List.of(Arrays.asList(5L)), Rows.read(f.table("t1").latest(), List.of("id"), new Predicate.Compare(0, Op.EQ, 5L)),
            "pruning keeps the rest of a damaged table readable");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void anEmptyAppendCommitsNothing(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table t = f.create("t", Rows.SCHEMA);
      try (VectorSchemaRoot batch = Rows.batch(f.allocator(), 0, 0)) {
        assertEquals(0, t.append(batch).version());
      }
      assertEquals(0, t.commitStaged(List.of()).version());
      assertEquals(0, t.latest().version());
    }
  }

  /** DESIGN §10.10 on rows: an append built with the old schema lands after an ADD COLUMN. */
  @ParameterizedTest
  @MethodSource("backends")
  void anAppendWithTheOldSchemaRacingAnAddColumn(Backend b) {
    try (b; FloeStore other = b.floe()) {
      Table t0 = other.create("t", Rows.SCHEMA);
      dev.floe.storage.io.FaultInjectingStore faulty = new dev.floe.storage.io.FaultInjectingStore(b.open());
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        Table t = f.table("t");
        RewriteProtocolTest.beforeNextCommit(faulty, () -> t0.addColumn("extra", ColumnType.of(ColumnType.Kind.BIGINT), true));
        try (VectorSchemaRoot batch = Rows.batch(f.allocator(), 0, 5)) {
          assertEquals(2, t.append(batch).attempts());
        }
      }
      TableVersion v = other.table("t").latest();
      assertEquals(4, v.schema().size(), "the column survives the append");
      assertEquals(List.of(Arrays.asList(3L, null)), Rows.read(v, List.of("id", "extra"), new Predicate.Compare(0, Op.EQ, 3L)));
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aSelectiveDeleteFetchesOnlyTheManifestsAndSegmentsThatMayMatch(Backend b) {
    try (b) {
      try (FloeStore f = b.floe()) {
        tenSegments(f, "t");
      }
      CountingStore counting = new CountingStore(b.open());
      try (FloeStore f = FloeStore.open(counting, FloeOptions.defaults())) {
        Table t = f.table("t");
        t.latest();
        counting.reset();
        t.delete(new Predicate.Compare(0, Op.EQ, 777L));
        CountingStore.Counts c = counting.counts();
        assertEquals(1, c.requests(StoreOp.GET_RANGE), "one segment read: " + c);
        assertEquals(1, c.requests(StoreOp.GET), "only the manifest holding 777; the other nine are pruned by stats: " + c);
        assertEquals(7, c.totalRequests(), "LIST head, GET manifest, GET_RANGE segment, PUT segment, PUT manifest,"
            + " PUT_IF_ABSENT record, PUT hint: " + c);
      }
      try (FloeStore f = b.floe()) {
        assertEquals(999, f.table("t").latest().rowCount());
      }
    }
  }

  static Set<Long> set(List<Long> l) {
    return l.stream().collect(Collectors.toSet());
  }

  static boolean disjoint(List<Long> a, List<Long> b) {
    return a.stream().noneMatch(set(b)::contains);
  }

  static void noop() {
    assertFalse(false);
  }
}
