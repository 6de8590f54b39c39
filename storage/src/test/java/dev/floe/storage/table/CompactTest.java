package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.commit.CommitConflictException;
import dev.floe.storage.io.FaultInjectingStore;
import dev.floe.storage.segment.Predicate;
import dev.floe.storage.segment.Predicate.Op;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** COMPACT: small segments merged into full ones as one commit, rebasing appends, conflicting with rewrites. */
class CompactTest {
  static Stream<Backend> backends() {
    return Backend.all();
  }

  private static void append(Table t, FloeStore f, long from, long to) {
    try (VectorSchemaRoot b = Rows.batch(f.allocator(), from, to)) {
      t.append(b);
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void manyOneRowAppendsBecomeFullSegmentsWithTheSameRows(Backend b) {
    int n = b.toString().contains("s3") ? 200 : 1000;
    try (b; FloeStore f = b.floe()) {
      Table t = f.create("t", Rows.SCHEMA);
      for (int i = 0; i < n; i++) {
        append(t, f, i, i + 1);
      }
      assertEquals(n, t.latest().segments().size());
      CommitResult r = t.compact(128);
      assertEquals(Operation.COMPACT, r.operation());
      TableVersion v = t.latest();
      assertEquals(Rows.range(0, n), Rows.ids(v).stream().sorted().toList(), "the same rows");
      assertEquals((n + 127) / 128, v.segments().size(), "full segments: " + v.segments().size());
      assertTrue(v.segments().stream().allMatch(e -> e.rowCount() <= 128));
      assertEquals(n, v.rowCount());
      assertEquals(v.version(), t.compact(128).version(), "nothing left to compact: no new version");
      assertEquals(Rows.range(0, n), Rows.ids(t.version(n)).stream().sorted().toList(), "history unchanged");
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void concurrentAppendsRebaseOverItAndDeletesOfItsSegmentsConflict(Backend b) {
    try (b; FloeStore other = b.floe()) {
      Table t0 = other.create("t", Rows.SCHEMA);
      for (int i = 0; i < 6; i++) {
        append(t0, other, i * 2, i * 2 + 2);
      }
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        Table t = f.table("t");
        RewriteProtocolTest.beforeNextCommit(faulty, () -> append(t0, other, 100, 110));
        CommitResult r = t.compact(64);
        assertEquals(2, r.attempts(), "rebased over the append");
        TableVersion v = other.table("t").latest();
        assertEquals(22, v.rowCount());
        assertEquals(2, v.segments().size(), "one merged segment and the concurrent append's");

        for (int i = 0; i < 4; i++) {
          append(t0, other, 200 + i, 201 + i);
        }
        RewriteProtocolTest.beforeNextCommit(faulty, () -> t0.delete(new Predicate.Compare(0, Op.EQ, 201L)));
        CommitConflictException e = assertThrows(CommitConflictException.class, () -> t.compact(64));
        assertTrue(e.getMessage().contains("run the statement again"), e.getMessage());
      }
      TableVersion v = other.table("t").latest();
      assertEquals(25, v.rowCount(), "the delete won, the compaction changed nothing");
      assertEquals(List.of(200L, 202L, 203L), Rows.ids(v).stream().filter(id -> id >= 200).sorted().toList());
    }
  }
}
