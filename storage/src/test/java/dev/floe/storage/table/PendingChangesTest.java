package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.commit.CommitConflictException;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.segment.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A transaction's inserts, deletes and updates of one table: invisible until one commit, then all
 * visible; first committer wins on a segment both rewrote; appends by others never conflict.
 */
class PendingChangesTest {
  static Stream<Backend> backends() {
    return Backend.all();
  }

  private static Table seeded(FloeStore f) {
    Table t = f.create("t", Rows.SCHEMA);
    for (int s = 0; s < 3; s++) {
      try (VectorSchemaRoot b = Rows.batch(f.allocator(), s * 10, s * 10 + 10)) {
        t.append(b);
      }
    }
    return t;
  }

  private static List<Long> ids(PendingChanges pc, TableVersion base) {
    List<Long> out = new ArrayList<>();
    try (TableScan scan = pc.scan(base, List.of("id"), Predicate.TRUE)) {
      while (scan.hasNext()) {
        try (var b = scan.next()) {
          BigIntVector v = (BigIntVector) b.root().getVector(0);
          int[] sel = b.selection();
          int n = sel == null ? b.rowCount() : sel.length;
          for (int i = 0; i < n; i++) {
            out.add(v.get(sel == null ? i : sel[i]));
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  @ParameterizedTest
  @MethodSource("backends")
  void insertDeleteUpdateCommitTogether(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table t = seeded(f);
      long before = t.latest().version();
      PendingChanges pc = new PendingChanges(t);
      try (VectorSchemaRoot batch = Rows.batch(f.allocator(), 100, 105)) {
        pc.addStaged(t.stage(batch));
      }
      // delete grp 3 among committed and pending rows: 3, 13, 23 and 103
      assertEquals(4, pc.rewrite(t.latest(), new Predicate.Compare(1, Predicate.Op.EQ, 3L), null, null, null));
      // update the even ids below 6 (a row filter the predicate cannot express)
      RowFilter even = (rows, row) -> ((BigIntVector) rows.getVector(0)).get(row) % 2 == 0;
      assertEquals(3, pc.rewrite(t.latest(), new Predicate.Between(0, 0L, 5L), even, List.of("name"),
          (rows, row) -> new Object[] {"u"}));
      List<Long> expected = new ArrayList<>(Rows.range(0, 30));
      expected.addAll(Rows.range(100, 105));
      expected.removeAll(List.of(3L, 13L, 23L, 103L));
      assertEquals(expected, ids(pc, t.latest()), "the transaction reads its own changes");
      try (FloeStore other = b.floe()) {
        assertEquals(Rows.range(0, 30), Rows.ids(other.table("t").latest()), "nobody else sees them");
      }
      CommitResult r = pc.commit().orElseThrow();
      assertEquals(before + 1, r.version(), "one commit");
      assertEquals(Operation.TRANSACTION, r.operation());
      assertEquals(5 + 3, r.rowsAdded());
      assertEquals(4 + 3, r.rowsRemoved());
      try (FloeStore other = b.floe()) {
        TableVersion v = other.table("t").latest();
        assertEquals(expected, Rows.ids(v));
        assertEquals(List.of(List.of(0L, "u"), List.of(2L, "u"), List.of(4L, "u")),
            Rows.read(v, List.of("id", "name"), new Predicate.Compare(2, Predicate.Op.EQ, "u")));
        assertEquals(expected.size(), v.rowCount());
      }
      assertTrue(pc.isEmpty());
      assertTrue(pc.commit().isEmpty(), "nothing left to commit");
      assertTrue(f.orphans("t").keys().isEmpty(), "the replaced pending segment was deleted: " + f.orphans("t").keys());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void firstCommitterWinsOnASegmentBothRewrote(Backend b) {
    try (b; FloeStore f = b.floe(); FloeStore g = b.floe()) {
      Table t = seeded(f);
      PendingChanges pc = new PendingChanges(t);
      assertEquals(1, pc.rewrite(t.latest(), new Predicate.Compare(0, Predicate.Op.EQ, 4L), null, null, null));
      g.table("t").update(new Predicate.Compare(0, Predicate.Op.EQ, 5L), Map.of("name", "theirs"));
      CommitConflictException e = assertThrows(CommitConflictException.class, pc::commit);
      assertFalse(e.retryable(), e.getMessage());
      TableVersion v = g.table("t").latest();
      assertEquals(Rows.range(0, 30), Rows.ids(v), "the loser changed nothing");
      assertTrue(pc.isEmpty(), "a failed commit forgets the changes");
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void appendsOfOthersDoNotConflictAndRollbackPublishesNothing(Backend b) {
    try (b; FloeStore f = b.floe(); FloeStore g = b.floe()) {
      Table t = seeded(f);
      PendingChanges pc = new PendingChanges(t);
      pc.rewrite(t.latest(), new Predicate.Compare(0, Predicate.Op.LT, 10L), null, null, null);
      try (VectorSchemaRoot batch = Rows.batch(g.allocator(), 200, 210)) {
        g.table("t").append(batch);
      }
      pc.commit().orElseThrow();
      List<Long> expected = new ArrayList<>(Rows.range(10, 30));
      expected.addAll(Rows.range(200, 210));
      assertEquals(expected, Rows.ids(g.table("t").latest()));

      long version = t.latest().version();
      try (VectorSchemaRoot batch = Rows.batch(f.allocator(), 300, 310)) {
        pc.addStaged(t.stage(batch));
      }
      pc.rewrite(t.latest(), Predicate.TRUE, null, null, null);
      assertEquals(List.of(), ids(pc, t.latest()));
      pc.rollback();
      assertEquals(version, g.table("t").latest().version(), "rollback commits nothing");
      assertEquals(expected, Rows.ids(g.table("t").latest()));
      assertTrue(f.orphans("t").keys().isEmpty(), "rollback deletes what it staged: " + f.orphans("t").keys());
    }
  }

  /** Threads run transactions that insert rows and delete rows they committed before: none lost, none resurrected. */
  @ParameterizedTest
  @MethodSource("backends")
  void transactionsRaceOnRealThreads(Backend b) throws Exception {
    int threads = 4;
    int rounds = b.toString().contains("s3") ? 6 : 15;
    try (b) {
      try (FloeStore f = b.floe()) {
        f.create("t", Rows.SCHEMA);
      }
      Set<Long> expected = java.util.concurrent.ConcurrentHashMap.newKeySet();
      AtomicInteger conflicts = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> fs = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        long base = 1000L * (w + 1);
        fs.add(pool.submit(() -> {
          try (FloeStore f = b.floe()) {
            Table t = f.table("t");
            for (int i = 0; i < rounds; i++) {
              long from = base + i * 10L;
              PendingChanges pc = new PendingChanges(t);
              try (VectorSchemaRoot batch = Rows.batch(f.allocator(), from, from + 10)) {
                pc.addStaged(t.stage(batch));
              }
              if (i > 0) {
                long victim = base + (i - 1) * 10L; // committed by this thread's previous round
                pc.rewrite(t.latest(), new Predicate.Compare(0, Predicate.Op.EQ, victim), null, null, null);
              }
              try {
                pc.commit();
              } catch (CommitConflictException e) {
                conflicts.incrementAndGet(); // nobody else rewrites this thread's segments
                throw e;
              }
              for (long id = from; id < from + 10; id++) {
                expected.add(id);
              }
              if (i > 0) {
                expected.remove(base + (i - 1) * 10L);
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> fu : fs) {
        fu.get();
      }
      pool.shutdown();
      assertEquals(0, conflicts.get());
      try (FloeStore f = b.floe()) {
        assertEquals(new ArrayList<>(new TreeSet<>(expected)), Rows.ids(f.table("t").latest()));
        assertEquals(threads * rounds * 10L - threads * (rounds - 1L), f.table("t").latest().rowCount());
      }
    }
  }
}
