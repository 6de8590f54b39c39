package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.segment.Predicate;
import dev.floe.storage.segment.SegmentBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an engine that splits work across machines (the Spark connector) uses: a scan of a share of
 * a version's segments, and OVERWRITE commits publishing staged segments, of the whole table or of
 * the rows a predicate selects.
 */
class ParallelWriterOpsTest {
  static Stream<Backend> backends() {
    return Backend.all();
  }

  private static List<SegmentEntry> stage(Table t, FloeStore f, long from, long to) {
    try (VectorSchemaRoot b = Rows.batch(f.allocator(), from, to)) {
      return t.stage(b);
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void scanSegmentsReadsExactlyTheGivenShare(Backend b) {
    try (b; FloeStore f = b.floe()) {
      TableVersion v = DataOpsTest.tenSegments(f, "t").latest();
      List<SegmentEntry> all = v.segments();
      List<Long> ids = new ArrayList<>();
      // segments 2 and 7 only, with a predicate evaluated in the reader
      try (TableScan scan = v.scanSegments(List.of("id"), new Predicate.Compare(1, Predicate.Op.EQ, 3L),
          List.of(all.get(2), all.get(7)), f.allocator())) {
        while (scan.hasNext()) {
          try (SegmentBatch batch = scan.next()) {
            var vec = (org.apache.arrow.vector.BigIntVector) batch.root().getVector(0);
            int[] sel = batch.selection();
            for (int i = 0; i < batch.selectedCount(); i++) {
              ids.add(vec.get(sel == null ? i : sel[i]));
            }
          }
        }
      }
      List<Long> expected = new ArrayList<>();
      for (long id = 200; id < 300; id += 10) {
        expected.add(id + 3);
      }
      for (long id = 700; id < 800; id += 10) {
        expected.add(id + 3);
      }
      assertEquals(expected, ids.stream().sorted().toList());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void overwriteStagedReplacesTheMatchingRowsOrAllInOneCommit(Backend b) {
    try (b; FloeStore f = b.floe()) {
      Table t = DataOpsTest.tenSegments(f, "t"); // ids 0..999
      long before = t.latest().version();
      SegmentEntry plain = t.latest().segments().get(0); // written by an append: segments/, not staged/
      List<SegmentEntry> staged = stage(t, f, 5000, 5010);
      CommitResult r = t.overwriteStaged(new Predicate.Compare(0, Predicate.Op.LT, 150L), staged);
      assertEquals(before + 1, r.version());
      assertEquals(Operation.OVERWRITE, t.latest().operation());
      List<Long> expected = new ArrayList<>(Rows.range(150, 1000));
      expected.addAll(Rows.range(5000, 5010));
      assertEquals(expected, Rows.ids(t.latest()));
      // nothing matches: the staged rows are still published
      t.overwriteStaged(new Predicate.Compare(0, Predicate.Op.GT, 1_000_000L), stage(t, f, 6000, 6001));
      assertEquals(850 + 10 + 1, t.latest().rowCount());
      // the whole table
      t.overwriteStaged(stage(t, f, 7000, 7003));
      assertEquals(Rows.range(7000, 7003), Rows.ids(t.latest()));
      assertEquals(before + 3, t.latest().version());
      // an entry that is not a staged segment of the table is refused, nothing changes
      FloeException e = assertThrows(FloeException.class, () -> t.overwriteStaged(List.of(plain)));
      assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
      assertEquals(Rows.range(7000, 7003), Rows.ids(t.latest()));
    }
  }
}
