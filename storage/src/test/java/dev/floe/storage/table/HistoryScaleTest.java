package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.storage.io.CountingStore;
import dev.floe.storage.io.StoreOp;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table with 10,037 versions (issue 7; fewer on the local folder by default, see FILE_VERSIONS): listing its versions costs one read per 100 versions once
 * the log's summaries exist (the first listing writes them), reading an old version costs a
 * constant number of requests and AS OF a logarithmic one, whatever the length of the log. Counts
 * are asserted; times are printed for {@code docs/benchmarks.md}.
 */
class HistoryScaleTest {
  /**
   * Versions on the local folder, whose commits fsync (about 55 ms each on the reference machine):
   * 2,037 by default to keep the build short; {@code -Dfloe.history.fileVersions=10037} for the
   * figures in {@code docs/benchmarks.md}. Memory always has 10,037.
   */
  private static final int FILE_VERSIONS = Integer.getInteger("floe.history.fileVersions", 2_037);

  static Stream<org.junit.jupiter.params.provider.Arguments> local() {
    return Stream.of(org.junit.jupiter.params.provider.Arguments.of(Backend.memory(), 10_037),
        org.junit.jupiter.params.provider.Arguments.of(Backend.folder(), FILE_VERSIONS));
  }

  private record Cost(long requests, long gets, long lists, long puts, double ms) {
    @Override
    public String toString() {
      return String.format("%d requests (%d GET, %d LIST, %d PUT) in %.1f ms", requests, gets, lists, puts, ms);
    }
  }

  private static <T> Cost measure(CountingStore c, Supplier<T> action) {
    CountingStore.Counts before = c.counts();
    long t0 = System.nanoTime();
    action.get();
    double ms = (System.nanoTime() - t0) / 1e6;
    CountingStore.Counts d = c.counts().minus(before);
    return new Cost(d.totalRequests(), d.requests(StoreOp.GET) + d.requests(StoreOp.GET_RANGE), d.requests(StoreOp.LIST),
        d.requests(StoreOp.PUT) + d.requests(StoreOp.PUT_IF_ABSENT), ms);
  }

  @ParameterizedTest
  @MethodSource("local")
  void listingTenThousandVersionsReadsOneObjectPerHundredAndAnOldVersionStaysConstant(Backend b, int versions) {
    final int blocks = versions / History.BLOCK;
    final int tail = versions % History.BLOCK;
    long commitStart = System.nanoTime();
    try (b; FloeStore writer = b.floe()) {
      Table t = writer.create("t", Rows.SCHEMA);
      for (long i = 1; i < versions; i++) {
        try (VectorSchemaRoot batch = Rows.batch(writer.allocator(), i, i + 1)) {
          t.append(batch);
        }
      }
      double commitMs = (System.nanoTime() - commitStart) / 1e6;
      assertEquals(versions - 1, t.latest().version());

      // a client that never saw the table: the first listing reads every record and writes the summaries
      CountingStore first = new CountingStore(b.open());
      Cost unsummarized;
      try (FloeStore f = FloeStore.open(first, FloeOptions.defaults())) {
        Table ft = f.table("t");
        unsummarized = measure(first, ft::versions);
        assertTrue(unsummarized.gets() >= versions - 1, "no summary yet: one read per record, " + unsummarized);
        assertEquals(blocks, unsummarized.puts(), "it writes the summaries: " + unsummarized);
      }

      CountingStore cold = new CountingStore(b.open());
      try (FloeStore f = FloeStore.open(cold, FloeOptions.defaults())) {
        Table ft = f.table("t");
        List<VersionInfo>[] listed = new List[1];
        Cost summarized = measure(cold, () -> listed[0] = ft.versions());
        assertEquals(versions, listed[0].size());
        for (int v = 0; v < versions; v++) {
          VersionInfo i = listed[0].get(v);
          assertEquals(v, i.version());
          assertEquals(v == 0 ? Operation.CREATE : Operation.APPEND, i.operation());
          assertEquals(v, i.rowCount());
          assertTrue(v == 0 || i.hlc() > listed[0].get(v - 1).hlc(), "HLCs increase");
        }
        // the head (hint GET + LIST), one summary per 100 versions, the tail's records; nothing written
        assertTrue(summarized.requests() <= 2 + blocks + tail, "summarized listing: " + summarized);
        assertEquals(0, summarized.puts(), summarized.toString());
        Cost warm = measure(cold, ft::versions);
        assertTrue(warm.requests() <= 2, "warm listing: the head listing only: " + warm);
        Cost history = measure(cold, ft::history);
        assertTrue(history.requests() <= 2, "history() reads no record until asked: " + history);

        CountingStore oldStore = new CountingStore(b.open());
        try (FloeStore g = FloeStore.open(oldStore, FloeOptions.defaults())) {
          Table gt = g.table("t");
          Cost old = measure(oldStore, () -> Rows.ids(gt.version(17)));
          assertEquals(Rows.range(1, 18), Rows.ids(gt.version(17)));
          // its record, then its 17 manifests and 17 one-row segments: what version 17 holds, not the log's length
          assertTrue(old.requests() <= 1 + 17 + 17, "version 17: " + old);
          long at = listed[0].get(1234).hlc();
          Cost asOf = measure(oldStore, () -> gt.asOf(dev.floe.storage.commit.Hlc.instant(at)));
          assertEquals(1234, gt.asOf(dev.floe.storage.commit.Hlc.instant(at)).version());
          int log2 = 64 - Long.numberOfLeadingZeros(versions);
          assertTrue(asOf.requests() <= 2 + log2, "AS OF: the head, then a binary search of the log: " + asOf);
          System.out.printf("HISTORY %s versions=%d commits=%.0fms first-listing: %s | summarized listing: %s"
              + " | warm listing: %s | old version cold: %s | AS OF cold: %s%n", b, versions, commitMs,
              unsummarized, summarized, warm, old, asOf);
        }
      }
    }
  }
}
