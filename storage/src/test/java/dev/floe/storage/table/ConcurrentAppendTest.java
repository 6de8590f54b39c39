package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Lock-free appends: 8 threads x 500 appends into one table, every batch present exactly once. */
class ConcurrentAppendTest {
  static Stream<Backend> backends() {
    return Backend.local();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void eightThreadsTimesFiveHundredAppendsEachLandExactlyOnce(Backend b) throws Exception {
    run(b, 8, 500);
  }

  /**
   * The same on s3proxy with 8 x 60: each commit there crosses HTTP several times, and 4,000 of
   * them under contention take minutes on the shared build machine.
   */
  @org.junit.jupiter.api.Test
  void eightThreadsTimesSixtyAppendsOnS3Proxy() throws Exception {
    run(Backend.s3proxy(), 8, 60);
  }

  static void run(Backend b, int threads, int per) throws Exception {
    try (b) {
      try (FloeStore f = b.floe()) {
        f.create("t", Rows.SCHEMA);
      }
      CyclicBarrier start = new CyclicBarrier(threads);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<Integer>> fs = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        int ww = w;
        fs.add(pool.submit(() -> {
          int retries = 0;
          try (FloeStore f = b.floe()) {
            Table t = f.table("t");
            start.await();
            for (int i = 0; i < per; i++) {
              retries += Writes.appendBatch(t, f.allocator(), ww, i).attempts() - 1;
            }
          }
          return retries;
        }));
      }
      int retries = 0;
      for (Future<Integer> fu : fs) {
        retries += fu.get();
      }
      pool.shutdown();
      try (FloeStore f = b.floe()) {
        TableVersion head = f.table("t").latest();
        assertEquals(threads * per, head.version(), "one version per append");
        List<Long> ids = Rows.ids(head);
        assertEquals(Writes.expectedIds(threads, per), ids, "every batch exactly once");
        assertEquals(ids.size(), head.rowCount());
        assertTrue(head.record().manifests().size() <= 2 * f.options().manifestBound(),
            "the manifest list stays short: " + head.record().manifests().size());
        assertEquals(List.of(), f.orphans("t").keys());
        System.out.println(b + ": " + threads * per + " appends, " + retries + " conflict retries");
      }
    }
  }
}
