package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.ColumnType;
import dev.floe.storage.commit.CommitConflictException;
import dev.floe.storage.io.FaultInjectingStore;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An append that rebases over a concurrent ADD COLUMN ... NOT NULL (allowed while the table is
 * empty) must not commit rows that read NULL in that column: it fails with a conflict, changing
 * nothing, and a retry that writes the column succeeds. A nullable column added the same way is
 * no conflict (its rows read NULL, as for any row written before it).
 */
class NotNullRebaseTest {
  static Stream<Backend> backends() {
    return Backend.all();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void anAppendRacingAddColumnNotNullConflictsInsteadOfWritingNulls(Backend b) {
    try (b; FloeStore other = b.floe()) {
      other.create("t", Rows.SCHEMA);
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        Table t = f.table("t");
        t.latest();
        RewriteProtocolTest.beforeNextCommit(faulty,
            () -> other.table("t").addColumn("c", ColumnType.of(ColumnType.Kind.BIGINT), false));
        CommitConflictException e = assertThrows(CommitConflictException.class, () -> append(t, f, 0, 5));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("'c'"), e.getMessage());
      }
      TableVersion head = other.table("t").latest();
      assertEquals(0, head.rowCount(), "no row without c was committed");
      assertEquals(1, head.version(), "only the ADD COLUMN landed");
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void anAppendRacingANullableAddColumnRebasesAndCommits(Backend b) {
    try (b; FloeStore other = b.floe()) {
      other.create("t", Rows.SCHEMA);
      append(other.table("t"), other, 0, 1);
      FaultInjectingStore faulty = new FaultInjectingStore(b.open());
      try (FloeStore f = FloeStore.open(faulty, FloeOptions.defaults())) {
        Table t = f.table("t");
        t.latest();
        RewriteProtocolTest.beforeNextCommit(faulty,
            () -> other.table("t").addColumn("c", ColumnType.of(ColumnType.Kind.BIGINT), true));
        assertEquals(2, append(t, f, 1, 5).attempts(), "rebased once");
      }
      assertEquals(5, other.table("t").latest().rowCount());
    }
  }

  private static CommitResult append(Table t, FloeStore f, long from, long to) {
    try (VectorSchemaRoot batch = Rows.batch(f.allocator(), from, to)) {
      return t.append(batch);
    }
  }
}
