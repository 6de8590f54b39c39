package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.Index;
import dev.floe.storage.Schema;
import dev.floe.storage.commit.CommitConflictException;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.io.FaultInjectingStore;
import dev.floe.storage.segment.ChunkCache;
import dev.floe.storage.segment.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PRIMARY KEY and UNIQUE enforcement in the commit path (RFC 0006): duplicates within one write,
 * against committed rows, against rows that landed while the writer rebased, and between two
 * writers racing on real threads; NULLs in a UNIQUE column; UPDATE into a duplicate; and the
 * lookup of a single-row insert prunes segments by their stats.
 */
class KeysTest {
  /** (id BIGINT NOT NULL PRIMARY KEY, grp INTEGER, name VARCHAR UNIQUE). */
  static final Schema KEYED = new Schema(Rows.SCHEMA.columns(), List.of("id"),
      List.of(new Index("t_name_key", List.of("name"), true)));

  static Stream<Backend> backends() {
    return Backend.all();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aDuplicateKeyFailsWithinOneWriteAndAgainstCommittedRowsAndCommitsNothing(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table t = f.create("t", KEYED);
      append(t, f, 0, 10);
      FloeException e = assertThrows(FloeException.class, () -> append(t, f, 9, 12));
      assertEquals(ErrorCode.UNIQUE_VIOLATION, e.code());
      assertTrue(e.getMessage().contains("{id=9}") && e.getMessage().contains("t_pkey"), e.getMessage());
      try (VectorSchemaRoot twice = Rows.batch(f.allocator(), 20, 22)) {
        ((org.apache.arrow.vector.BigIntVector) twice.getVector(0)).set(1, 20);
        FloeException w = assertThrows(FloeException.class, () -> t.append(twice));
        assertEquals(ErrorCode.UNIQUE_VIOLATION, w.code());
        assertTrue(w.getMessage().contains("writes it twice"), w.getMessage());
      }
      assertEquals(Rows.range(0, 10), Rows.ids(t.latest()));
      assertEquals(1, t.latest().version(), "only the first append landed");
      append(t, f, 10, 12); // new keys still go in
      assertEquals(12, t.latest().rowCount());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aKeyThatLandedWhileTheWriterRebasedFailsItsCommit(Backend b) {
    try (b; FloeStore other = b.floe()) {
      Table t0 = other.create("t", KEYED);
      append(t0, other, 0, 3);
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        Table t = f.table("t");
        t.latest();
        RewriteProtocolTest.beforeNextCommit(faulty, () -> append(t0, other, 5, 6));
        FloeException e = assertThrows(FloeException.class, () -> append(t, f, 4, 6));
        assertEquals(ErrorCode.UNIQUE_VIOLATION, e.code());
        assertTrue(e.getMessage().contains("{id=5}"), e.getMessage());
        RewriteProtocolTest.beforeNextCommit(faulty, () -> append(t0, other, 6, 7));
        assertEquals(2, append(t, f, 7, 8).attempts(), "another key rebases and commits");
      }
      assertEquals(List.of(0L, 1L, 2L, 5L, 6L, 7L), Rows.ids(other.table("t").latest()));
    }
  }

  @ParameterizedTest
  @MethodSource("localBackends")
  void twoWritersRacingOnOneKeyNeverBothCommit(Backend b) throws Exception {
    try (b; FloeStore one = b.floe(); FloeStore two = b.floe()) {
      one.create("t", KEYED);
      int rounds = 20;
      for (int k = 0; k < rounds; k++) {
        long key = k;
        CyclicBarrier start = new CyclicBarrier(2);
        List<AtomicReference<Object>> outcomes = List.of(new AtomicReference<>(), new AtomicReference<>());
        List<Thread> threads = new ArrayList<>();
        List<FloeStore> clients = List.of(one, two);
        for (int w = 0; w < 2; w++) {
          FloeStore f = clients.get(w);
          AtomicReference<Object> out = outcomes.get(w);
          Thread th = new Thread(() -> {
            try (VectorSchemaRoot batch = Rows.batch(f.allocator(), key, key + 1)) {
              // a different name per writer, so only the primary key collides
              ((VarCharVector) batch.getVector(2)).setSafe(0, ("w" + f.hashCode() + "-" + key).getBytes());
              start.await();
              out.set(f.table("t").append(batch));
            } catch (Throwable x) {
              out.set(x);
            }
          });
          threads.add(th);
          th.start();
        }
        for (Thread th : threads) {
          th.join();
        }
        int committed = 0;
        for (AtomicReference<Object> o : outcomes) {
          if (o.get() instanceof CommitResult) {
            committed++;
          } else if (o.get() instanceof FloeException x) {
            assertTrue(x.code() == ErrorCode.UNIQUE_VIOLATION
                || x instanceof CommitConflictException c && c.retryable(), x.toString());
          } else {
            throw new AssertionError("unexpected outcome", (Throwable) o.get());
          }
        }
        assertEquals(1, committed, "exactly one writer of key " + key + " commits");
      }
      assertEquals(Rows.range(0, rounds), Rows.ids(one.table("t").latest()));
    }
  }

  static Stream<Backend> localBackends() {
    return Backend.local();
  }

  @Test
  void nullsInAUniqueColumnAreDistinctAndANameMayNotRepeat() {
    try (Backend b = Backend.memory(); FloeStore f = b.floe()) {
      Table t = f.create("t", KEYED);
      try (VectorSchemaRoot batch = Rows.batch(f.allocator(), 0, 3)) {
        VarCharVector name = (VarCharVector) batch.getVector(2);
        name.setNull(0);
        name.setNull(1);
        t.append(batch);
      }
      try (VectorSchemaRoot batch = Rows.batch(f.allocator(), 3, 4)) {
        ((VarCharVector) batch.getVector(2)).setNull(0);
        t.append(batch);
      }
      assertEquals(4, t.latest().rowCount(), "three NULL names and n2");
      try (VectorSchemaRoot batch = Rows.batch(f.allocator(), 4, 5)) {
        ((VarCharVector) batch.getVector(2)).setSafe(0, "n2".getBytes());
        FloeException e = assertThrows(FloeException.class, () -> t.append(batch));
        assertEquals(ErrorCode.UNIQUE_VIOLATION, e.code());
        assertTrue(e.getMessage().contains("t_name_key") && e.getMessage().contains("'n2'"), e.getMessage());
      }
    }
  }

  @Test
  void anUpdateIntoADuplicateKeyFailsAndOneKeepingItsKeyCommits() {
    try (Backend b = Backend.memory(); FloeStore f = b.floe()) {
      Table t = f.create("t", KEYED);
      append(t, f, 0, 5);
      FloeException e = assertThrows(FloeException.class,
          () -> t.update(new Predicate.Compare(0, Predicate.Op.EQ, 1L), Map.of("id", 2L)));
      assertEquals(ErrorCode.UNIQUE_VIOLATION, e.code());
      t.update(new Predicate.Compare(0, Predicate.Op.EQ, 1L), Map.of("grp", 7L)); // same key: its old row goes
      t.update(new Predicate.Compare(0, Predicate.Op.EQ, 1L), Map.of("id", 9L));
      assertEquals(List.of(0L, 2L, 3L, 4L, 9L), Rows.ids(t.latest()));
    }
  }

  @Test
  void aUniqueIndexAddedToRowsChecksThemThenIsEnforcedUntilDropped() {
    try (Backend b = Backend.memory(); FloeStore f = b.floe()) {
      Table t = f.create("t", Rows.SCHEMA);
      append(t, f, 0, 20);
      FloeException dup = assertThrows(FloeException.class,
          () -> t.addIndex(new Index("t_grp_key", List.of("grp"), true)));
      assertEquals(ErrorCode.UNIQUE_VIOLATION, dup.code(), "grp repeats every 10 ids");
      t.addIndex(new Index("by_grp", List.of("grp"), false)); // a plain index is only recorded
      t.addIndex(new Index("t_name_key", List.of("name"), true));
      assertEquals(2, t.latest().schema().indexes().size());
      assertEquals(ErrorCode.INDEX_EXISTS,
          assertThrows(FloeException.class, () -> t.addIndex(new Index("by_grp", List.of("id"), false))).code());
      assertEquals(ErrorCode.UNIQUE_VIOLATION, assertThrows(FloeException.class, () -> append(t, f, 5, 6)).code());
      t.dropIndex("t_name_key");
      append(t, f, 5, 6);
      assertEquals(21, t.latest().rowCount());
      assertEquals(ErrorCode.INDEX_NOT_FOUND, assertThrows(FloeException.class, () -> t.dropIndex("t_name_key")).code());
    }
  }

  @Test
  void aTransactionReinsertingAKeyItDeletedCommitsAndACompactionUnderItIsAConflictNotADuplicate() {
    try (Backend b = Backend.memory(); FloeStore other = b.floe()) {
      Table t0 = other.create("t", KEYED);
      for (int s = 0; s < 4; s++) {
        append(t0, other, s * 3, s * 3 + 3);
      }
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        Table t = f.table("t");
        PendingChanges pc = new PendingChanges(t);
        assertEquals(1, pc.rewrite(t.latest(), new Predicate.Compare(0, Predicate.Op.EQ, 4L), null, null, null));
        try (VectorSchemaRoot batch = Rows.batch(f.allocator(), 4, 5)) {
          pc.addStaged(t.stage(batch));
        }
        RewriteProtocolTest.beforeNextCommit(faulty, () -> other.table("t").compact(100));
        CommitConflictException e = assertThrows(CommitConflictException.class, pc::commit);
        assertTrue(e.getMessage().contains("concurrent commit"), e.getMessage());
        pc.rewrite(t.latest(), new Predicate.Compare(0, Predicate.Op.EQ, 4L), null, null, null);
        try (VectorSchemaRoot batch = Rows.batch(f.allocator(), 4, 5)) {
          pc.addStaged(t.stage(batch));
        }
        pc.commit(); // run again on the compacted version: the key it deleted is its to insert again
      }
      assertEquals(Rows.range(0, 12), Rows.ids(other.table("t").latest()));
    }
  }

  @Test
  void aSingleRowInsertReadsOnlySegmentsWhoseStatsMayHoldItsKey() {
    try (Backend b = Backend.memory(); FloeStore f = b.floe()) {
      Table t = f.create("t", new Schema(Rows.SCHEMA.columns(), List.of("id")));
      for (int s = 0; s < 20; s++) {
        append(t, f, s * 100, s * 100 + 50);
      }
      ChunkCache.Stats before = ChunkCache.shared().stats();
      append(t, f, 1060, 1061); // inside no segment's id range
      ChunkCache.Stats after = ChunkCache.shared().stats();
      long lookups = after.hits() + after.misses() - before.hits() - before.misses();
      assertTrue(lookups <= 2, "read back its own row's key columns only, not 20 segments: " + lookups);
    }
  }

  private static CommitResult append(Table t, FloeStore f, long from, long to) {
    try (VectorSchemaRoot batch = Rows.batch(f.allocator(), from, to)) {
      return t.append(batch);
    }
  }
}
