package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.ColumnType;
import dev.floe.storage.commit.CommitConflictException;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.io.FaultInjectingStore;
import dev.floe.storage.io.StoreOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rewrites against concurrent commits, made deterministic by pausing one writer just before its
 * commit put and letting others commit in between (DESIGN §10.3, §10.10).
 */
class RewriteProtocolTest {
  static Stream<Backend> backends() {
    return Backend.all();
  }

  /** Runs {@code between} just before the next putIfAbsent of {@code faulty}: the paused writer's commit. */
  static void beforeNextCommit(FaultInjectingStore faulty, Runnable between) {
    faulty.beforeCall(StoreOp.PUT_IF_ABSENT, faulty.calls(StoreOp.PUT_IF_ABSENT) + 1, k -> between.run());
  }

  @ParameterizedTest
  @MethodSource("backends")
  void deleteRacingAnAppendKeepsTheAppendAndDeletesOnlyWhatItRead(Backend b) {
    try (b; FloeStore other = b.floe()) {
      Table t0 = other.create("t", CatalogTest.SCHEMA);
      Opaque.append(t0, "a", 1);
      Opaque.append(t0, "b", 1);
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        Table t = f.table("t");
        TableVersion read = t.latest();
        beforeNextCommit(faulty, () -> Opaque.append(t0, "c", 1));
        CommitResult r = Opaque.rewrite(t, read, Set.of("a"), null, 0);
        assertEquals(2, r.attempts(), "rebased once onto the append");
        assertEquals(1, r.rowsRemoved());
      }
      TableVersion head = other.table("t").latest();
      assertEquals(List.of("b", "c"), Opaque.labels(head));
      assertEquals(2, head.rowCount());
      assertEquals(Operation.DELETE, head.operation());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void twoRewritesOfOneSegmentTheLoserGetsAConflictAndChangesNothing(Backend b) {
    try (b; FloeStore other = b.floe()) {
      Table t0 = other.create("t", CatalogTest.SCHEMA);
      Opaque.append(t0, "a", 2);
      Opaque.append(t0, "b", 1);
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        Table t = f.table("t");
        TableVersion read = t.latest();
        beforeNextCommit(faulty, () -> Opaque.rewrite(t0, t0.latest(), Set.of("a"), "a-updated", 2));
        CommitConflictException e = assertThrows(CommitConflictException.class,
            () -> Opaque.rewrite(t, read, Set.of("a"), "a-deleted-one", 1));
        assertFalse(e.retryable());
        assertEquals("40001", e.sqlState());
        assertTrue(e.getMessage().contains(t.root() + "segments/"), e.getMessage());
      }
      TableVersion head = other.table("t").latest();
      assertEquals(List.of("a-updated", "b"), Opaque.labels(head));
      assertEquals(List.of(), other.orphans("t").keys(), "the loser deleted its own objects, nothing else");
    }
  }

  /** DESIGN §10.3: a manifest merge races an append, an UPDATE and a DELETE. */
  @ParameterizedTest
  @MethodSource("backends")
  void manifestMergeRacingAppendUpdateAndDelete(Backend b) {
    FloeOptions small = FloeOptions.defaults().withManifestBound(4);
    try (b; FloeStore other = b.floe(small)) {
      Table t0 = other.create("t", CatalogTest.SCHEMA);
      for (String s : List.of("m1", "m2", "m3", "m4")) {
        Opaque.append(t0, s, 1);
      }
      // a merger (its append pushes the list past the bound) pauses before its commit ...
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      try (FloeStore f = FloeStore.open(faulty, small)) {
        Table merger = f.table("t");
        merger.latest();
        // ... while an UPDATE of m1, a DELETE of m2 and an append land
        beforeNextCommit(faulty, () -> {
          Opaque.rewrite(t0, t0.latest(), Set.of("m1"), "m1-updated", 1);
          Opaque.rewrite(t0, t0.latest(), Set.of("m2"), null, 0);
          Opaque.append(t0, "other", 1);
        });
        CommitResult r = Opaque.append(merger, "merging", 1);
        assertTrue(r.attempts() >= 2, "it lost at least once and rebased");
      }
      List<String> expect = List.of("m1-updated", "m3", "m4", "merging", "other");
      assertEquals(expect, Opaque.labels(other.table("t").latest()), "no row lost, duplicated or resurrected");
      // and the other way round: the merge lands first, then a delete of a merged segment rebases by key
      FaultInjectingStore faulty2 = new FaultInjectingStore(b.open());
      try (FloeStore f = FloeStore.open(faulty2, small)) {
        Table deleter = f.table("t");
        TableVersion read = deleter.latest();
        beforeNextCommit(faulty2, () -> {
          for (int i = 0; i < 4; i++) {
            Opaque.append(t0, "x" + i, 1); // pushes past the bound: some commit merges m3 and m4
          }
        });
        Opaque.rewrite(deleter, read, Set.of("m3"), null, 0);
      }
      TableVersion head = other.table("t").latest();
      assertEquals(List.of("m1-updated", "m4", "merging", "other", "x0", "x1", "x2", "x3"), Opaque.labels(head));
      assertEquals(8, head.rowCount());
      assertTrue(head.record().manifests().size() <= 5, head.record().manifests().toString());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void manifestListStaysBoundedAndAnAppendWritesOneManifest(Backend b) {
    try (b; FloeStore f = b.floe(FloeOptions.defaults().withManifestBound(8))) {
      Table t = f.create("t", CatalogTest.SCHEMA);
      int maxSize = 0;
      for (int i = 0; i < 100; i++) {
        Opaque.append(t, "s" + i, 1);
        maxSize = Math.max(maxSize, t.latest().record().manifests().size());
      }
      assertTrue(maxSize <= 8, "list size " + maxSize);
      assertEquals(100, t.latest().segments().size());
      assertEquals(List.of(), f.orphans("t").keys(), "merged-away manifests are not orphans of the head...");
    }
  }

  /** DESIGN §10.10: two ADD COLUMNs race; an append with the old schema races an ADD COLUMN. */
  @ParameterizedTest
  @MethodSource("backends")
  void concurrentAddColumnsBothSurviveOrTheSecondFailsCleanly(Backend b) {
    ColumnType text = ColumnType.of(ColumnType.Kind.VARCHAR);
    try (b; FloeStore other = b.floe()) {
      Table t0 = other.create("t", CatalogTest.SCHEMA);
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        Table t = f.table("t");
        t.latest();
        beforeNextCommit(faulty, () -> t0.addColumn("x", text, true));
        CommitResult r = t.addColumn("y", text, true);
        assertEquals(2, r.attempts());
        var schema = other.table("t").latest().schema();
        assertEquals(List.of("id", "x", "y"), schema.columns().stream().map(c -> c.name()).toList());
        assertEquals(List.of(0, 1, 2), schema.columns().stream().map(c -> c.id()).toList(), "ids never collide");
        beforeNextCommit(faulty, () -> t0.addColumn("z", ColumnType.of(ColumnType.Kind.BIGINT), true));
        FloeException e = assertThrows(FloeException.class, () -> t.addColumn("z", text, true));
        assertEquals(ErrorCode.COLUMN_EXISTS, e.code());
        assertEquals("42701", e.sqlState());
        // an append that read the old schema lands after an ADD COLUMN; the schema keeps the column
        TableVersion before = t.latest();
        beforeNextCommit(faulty, () -> t0.addColumn("w", text, true));
        Opaque.append(t, "old-schema", 1);
        assertEquals(4, before.schema().size());
      }
      TableVersion head = other.table("t").latest();
      assertEquals(List.of("id", "x", "y", "z", "w"), head.schema().columns().stream().map(c -> c.name()).toList());
      assertEquals(ColumnType.of(ColumnType.Kind.BIGINT), head.schema().byName("z").orElseThrow().type());
      assertEquals(List.of("old-schema"), Opaque.labels(head));
      assertEquals(4, head.record().schemaId(), "x, y, z, w");
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void addingANotNullColumnToATableWithRowsFailsCleanly(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table t = f.create("t", CatalogTest.SCHEMA);
      t.addColumn("nn", ColumnType.of(ColumnType.Kind.INTEGER), false);
      Opaque.append(t, "a", 1);
      FloeException e = assertThrows(FloeException.class, () -> t.addColumn("nn2", ColumnType.of(ColumnType.Kind.INTEGER), false));
      assertEquals(ErrorCode.NOT_NULL_VIOLATION, e.code());
      assertEquals(2, t.latest().version());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void stagedSegmentsFromManyWritersArePublishedByOneCommit(Backend b) throws Exception {
    try (b; FloeStore f = b.floe()) {
      Table t = f.create("t", CatalogTest.SCHEMA);
      List<SegmentEntry> staged = new ArrayList<>();
      List<Thread> ws = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int ww = w;
        Thread th = new Thread(() -> {
          try (FloeStore g = b.floe()) {
            Table tw = g.table("t");
            for (int i = 0; i < 3; i++) {
              byte[] bytes = ("st" + ww + i).getBytes();
              String key = TableLayout.newStaged(-1);
              tw.env().store().put(tw.layout().abs(key), bytes);
              synchronized (staged) {
                staged.add(new SegmentEntry(key, 1, bytes.length, bytes));
              }
            }
          }
        });
        ws.add(th);
        th.start();
      }
      for (Thread th : ws) {
        th.join();
      }
      assertEquals(0, t.latest().segments().size(), "staged segments are invisible");
      assertEquals(12, f.orphans("t").keys().size(), "until published, staged objects are unreferenced");
      CommitResult r = t.commitStaged(staged);
      assertEquals(1, r.version());
      assertEquals(12, t.latest().segments().size());
      assertEquals(12, t.latest().rowCount());
      assertEquals(List.of(), f.orphans("t").keys());
      SegmentEntry bogus = new SegmentEntry("staged/nope.seg", 1, 1, new byte[0]);
      FloeException e = assertThrows(FloeException.class, () -> t.commitStaged(List.of(bogus)));
      assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
      assertTrue(e.getMessage().contains(t.root() + "staged/nope.seg"));
    }
  }
}
