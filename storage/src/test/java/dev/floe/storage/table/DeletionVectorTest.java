package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.commit.CommitConflictException;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.io.FaultInjectingStore;
import dev.floe.storage.io.StoreOp;
import dev.floe.storage.segment.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Row-level changes (RFC 0005): a transaction's DELETE and UPDATE of committed segments mark the
 * rows' positions in the segments' deletion vectors (an UPDATE also appends the new row versions).
 * Two commits that change different rows of one segment both land; a second change of the same
 * row fails with 40001; copy-on-write rewrites and COMPACT never bring deleted rows back.
 */
class DeletionVectorTest {
  static Stream<Backend> backends() {
    return Backend.local();
  }

  /** t: ids 0..29 in one segment. */
  private static Table seeded(FloeStore f) {
    Table t = f.create("t", Rows.SCHEMA);
    try (VectorSchemaRoot b = Rows.batch(f.allocator(), 0, 30)) {
      t.append(b);
    }
    return t;
  }

  private static PendingChanges deleteId(Table t, long id) {
    PendingChanges p = new PendingChanges(t);
    assertEquals(1, p.rewrite(t.latest(), new Predicate.Compare(0, Predicate.Op.EQ, id), null, null, null));
    return p;
  }

  private static PendingChanges renameId(Table t, long id, String name) {
    PendingChanges p = new PendingChanges(t);
    assertEquals(1, p.rewrite(t.latest(), new Predicate.Compare(0, Predicate.Op.EQ, id), null, List.of("name"),
        (rows, row) -> new Object[] {name}));
    return p;
  }

  private static List<Long> without(List<Long> ids, long... gone) {
    List<Long> out = new ArrayList<>(ids);
    for (long g : gone) {
      out.remove(g);
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("backends")
  void changesOfDifferentRowsOfOneSegmentBothCommit(Backend b) {
    try (b; FloeStore f = b.floe(); FloeStore g = b.floe()) {
      seeded(f);
      PendingChanges a = renameId(f.table("t"), 4, "four");
      PendingChanges c = deleteId(g.table("t"), 7);
      a.commit();
      c.commit();
      TableVersion v = f.table("t").latest();
      assertEquals(without(Rows.range(0, 30), 7), Rows.ids(v));
      assertEquals(29, v.rowCount());
      assertEquals(List.of(List.of(4L, "four")), Rows.read(v, List.of("id", "name"),
          new Predicate.Compare(2, Predicate.Op.EQ, "four")));
      SegmentEntry original = v.segments().stream().filter(SegmentEntry::hasDeletes).findFirst().orElseThrow();
      assertArrayEquals(new int[] {4, 7}, original.deleted(), "both positions in one deletion vector");
      assertEquals(30, original.rowCount());
      // the versions between keep their own vectors: time travel reads exactly what each committed
      assertEquals(Rows.range(0, 30), Rows.ids(f.table("t").version(v.version() - 2)));
      assertEquals(Rows.range(0, 30), Rows.ids(f.table("t").version(v.version() - 1)), "the rename alone");
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aSecondChangeOfTheSameRowFailsAndChangesNothing(Backend b) {
    try (b; FloeStore f = b.floe(); FloeStore g = b.floe()) {
      seeded(f);
      PendingChanges a = renameId(f.table("t"), 4, "a");
      PendingChanges c = renameId(g.table("t"), 4, "c");
      a.commit();
      CommitConflictException e = assertThrows(CommitConflictException.class, c::commit);
      assertFalse(e.retryable());
      assertTrue(e.getMessage().contains("concurrent commit"), e.getMessage());
      TableVersion v = f.table("t").latest();
      assertEquals(List.of(List.of(4L, "a")), Rows.read(v, List.of("id", "name"), new Predicate.Compare(0, Predicate.Op.EQ, 4L)));
      assertEquals(30, v.rowCount());
      // a delete of a row another commit updated is a conflict too (no lost update)
      PendingChanges d = deleteId(g.table("t"), 5);
      renameId(f.table("t"), 5, "x").commit();
      assertThrows(CommitConflictException.class, d::commit);
      assertEquals(30, Rows.ids(f.table("t").latest()).size());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aTransactionReadsItsOwnRowChangesAndChangesARowTwice(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table t = seeded(f);
      PendingChanges p = new PendingChanges(t);
      TableVersion base = t.latest();
      Predicate four = new Predicate.Compare(0, Predicate.Op.EQ, 4L);
      assertEquals(1, p.rewrite(base, four, null, List.of("name"), (rows, row) -> new Object[] {"once"}));
      assertEquals(1, p.rewrite(base, four, null, List.of("name"), (rows, row) -> new Object[] {"twice"}));
      assertEquals(1, p.rewrite(base, new Predicate.Compare(0, Predicate.Op.EQ, 9L), null, null, null));
      List<List<Object>> seen = new ArrayList<>();
      try (TableScan s = p.scan(base, List.of("id", "name"), four)) {
        while (s.hasNext()) {
          try (var batch = s.next()) {
            int[] sel = batch.selection();
            int n = sel == null ? batch.rowCount() : sel.length;
            for (int i = 0; i < n; i++) {
              int row = sel == null ? i : sel[i];
              seen.add(List.of(((BigIntVector) batch.root().getVector(0)).get(row),
                  new String(((org.apache.arrow.vector.VarCharVector) batch.root().getVector(1)).get(row))));
            }
          }
        }
      }
      assertEquals(List.of(List.of(4L, "twice")), seen, "one version of the row, the latest");
      p.commit();
      TableVersion v = t.latest();
      assertEquals(without(Rows.range(0, 30), 9), Rows.ids(v));
      assertEquals(List.of(List.of(4L, "twice")), Rows.read(v, List.of("id", "name"), four));
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void deletingEveryRowRemovesTheSegmentInsteadOfMarkingIt(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table t = seeded(f);
      PendingChanges p = new PendingChanges(t);
      assertEquals(30, p.rewrite(t.latest(), new Predicate.Between(0, 0L, 29L), null, null, null));
      p.commit();
      assertEquals(0, t.latest().segments().size());
      assertEquals(0, t.latest().rowCount());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void copyOnWriteAndCompactNeverBringDeletedRowsBack(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table t = seeded(f);
      deleteId(t, 3).commit();
      t.delete(new Predicate.Compare(0, Predicate.Op.EQ, 5L)); // copy-on-write of the marked segment
      assertEquals(without(Rows.range(0, 30), 3, 5), Rows.ids(t.latest()));
      assertTrue(t.latest().segments().stream().noneMatch(SegmentEntry::hasDeletes), "folded by the rewrite");
      deleteId(t, 8).commit();
      t.compact(1_000);
      TableVersion v = t.latest();
      assertEquals(without(Rows.range(0, 30), 3, 5, 8), Rows.ids(v));
      assertTrue(v.segments().stream().noneMatch(SegmentEntry::hasDeletes), "COMPACT folds deletion vectors");
      assertEquals(27, v.rowCount());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aRewriteThatReadASegmentBeforeARowOfItWasDeletedLoses(Backend b) {
    try (b; FloeStore f0 = b.floe(); FloeStore g = b.floe()) {
      seeded(f0);
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      AtomicBoolean raced = new AtomicBoolean();
      faulty.beforeCall(StoreOp.PUT_IF_ABSENT, 1, key -> {
        deleteId(g.table("t"), 3).commit(); // lands between the copy-on-write's read and its commit
        raced.set(true);
      });
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        assertThrows(CommitConflictException.class,
            () -> f.table("t").update(new Predicate.Compare(0, Predicate.Op.EQ, 5L), java.util.Map.of("name", "u")));
      }
      assertTrue(raced.get());
      assertEquals(without(Rows.range(0, 30), 3), Rows.ids(g.table("t").latest()), "row 3 stays deleted");
    }
  }

  /** Four clients on four threads update 28 different rows of one segment at once: none conflicts. */
  @ParameterizedTest
  @MethodSource("backends")
  void concurrentUpdatesOfDifferentRowsAllCommit(Backend b) throws Exception {
    try (b; FloeStore f0 = b.floe()) {
      seeded(f0);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
      try {
        List<java.util.concurrent.Future<Integer>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
          int writer = w;
          done.add(pool.submit(() -> {
            try (FloeStore f = b.floe()) {
              int n = 0;
              for (long id = writer; id < 28; id += 4) {
                renameId(f.table("t"), id, "w" + writer).commit();
                n++;
              }
              return n;
            }
          }));
        }
        int total = 0;
        for (var d : done) {
          total += d.get();
        }
        assertEquals(28, total);
      } finally {
        pool.shutdownNow();
      }
      TableVersion v = f0.table("t").latest();
      assertEquals(Rows.range(0, 30), Rows.ids(v));
      assertEquals(30, v.rowCount());
      for (int w = 0; w < 4; w++) {
        List<Long> ids = new ArrayList<>();
        for (List<Object> row : Rows.read(v, List.of("id", "name"), new Predicate.Compare(2, Predicate.Op.EQ, "w" + w))) {
          ids.add((Long) row.get(0));
        }
        ids.sort(null);
        List<Long> expected = new ArrayList<>();
        for (long id = w; id < 28; id += 4) {
          expected.add(id);
        }
        assertEquals(expected, ids, "writer " + w + "'s rows, each once");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aBulkChangeRewritesTheSegmentAndASmallOneMarksIt(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table t = f.create("t", Rows.SCHEMA);
      try (VectorSchemaRoot batch = Rows.batch(f.allocator(), 0, 2_000)) {
        t.append(batch);
      }
      PendingChanges small = new PendingChanges(t);
      assertEquals(100, small.rewrite(t.latest(), new Predicate.Between(0, 0L, 99L), null, null, null));
      small.commit();
      assertEquals(1, t.latest().segments().size());
      assertEquals(100, t.latest().segments().get(0).deleted().length, "100 of 2,000 rows: marked (limit 125)");
      PendingChanges bulk = new PendingChanges(t);
      assertEquals(500, bulk.rewrite(t.latest(), new Predicate.Between(0, 100L, 599L), null, List.of("name"),
          (rows, row) -> new Object[] {"bulk"}));
      bulk.commit();
      TableVersion v = t.latest();
      assertTrue(v.segments().stream().noneMatch(SegmentEntry::hasDeletes), "500 rows: rewritten, vector folded");
      assertEquals(Rows.range(100, 2_000), Rows.ids(v));
      assertEquals(500, Rows.read(v, List.of("id"), new Predicate.Compare(2, Predicate.Op.EQ, "bulk")).size());
    }
  }

  /** A row-level DELETE from a cold client fetches only the manifest whose stats may hold the row. */
  @ParameterizedTest
  @MethodSource("backends")
  void aRowLevelChangeFetchesOnlyTheManifestsItsPredicateMayMatch(Backend b) {
    try (b; FloeStore f0 = b.floe()) {
      Table t0 = f0.create("t", Rows.SCHEMA);
      for (int m = 0; m < 4; m++) { // four appends: four manifests, ids 0-9, 10-19, 20-29, 30-39
        try (VectorSchemaRoot batch = Rows.batch(f0.allocator(), m * 10, m * 10 + 10)) {
          t0.append(batch);
        }
      }
      List<String> manifestReads = new java.util.concurrent.CopyOnWriteArrayList<>();
      dev.floe.storage.io.ObjectStore watched = new dev.floe.storage.io.ForwardingStore(b.open()) {
        @Override
        public byte[] get(String key) {
          if (key.contains("/manifests/")) {
            manifestReads.add(key);
          }
          return super.get(key);
        }
      };
      try (FloeStore f = FloeStore.open(watched, FloeOptions.defaults())) {
        deleteId(f.table("t"), 25).commit();
      }
      assertEquals(1, manifestReads.size(), "only the manifest of ids 20-29: " + manifestReads);
      assertEquals(without(Rows.range(0, 40), 25), Rows.ids(f0.table("t").latest()));
    }
  }

  @Test
  void deletionVectorsRoundTripAndDamagedOnesAreCorrupt() {
    int[] positions = {0, 1, 2, 300, 70_000, 1 << 20};
    assertArrayEquals(positions, Deletions.decode(Deletions.encode(positions), (1 << 20) + 1));
    assertArrayEquals(new int[0], Deletions.decode(Deletions.encode(new int[0]), 5));
    assertArrayEquals(new int[] {1, 2, 5, 9}, Deletions.union(new int[] {1, 5}, new int[] {2, 5, 9}));
    assertTrue(Deletions.intersect(new int[] {1, 5}, new int[] {2, 5}));
    assertFalse(Deletions.intersect(new int[] {1, 5}, new int[] {2, 6}));
    assertThrows(IllegalArgumentException.class, () -> Deletions.decode(Deletions.encode(new int[] {1, 7}), 7));
    Manifest m = new Manifest(List.of(new SegmentEntry("segments/x.seg", 10, 100, new byte[] {1}, new int[] {2, 4})));
    byte[] bytes = ManifestParser.toBytes(m);
    assertEquals(m, ManifestParser.fromBytes("m", "mem:x", bytes));
    assertEquals(8, m.rowCount(), "a manifest counts the rows that exist");
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    String damaged = text.replace(Deletions.encode(new int[] {2, 4}), Deletions.encode(new int[] {2, 40}));
    FloeException e = assertThrows(FloeException.class, () -> ManifestParser.fromBytes("m", "mem:x",
        damaged.getBytes(java.nio.charset.StandardCharsets.UTF_8), true));
    assertEquals(ErrorCode.CORRUPT_OBJECT, e.code());
  }
}
