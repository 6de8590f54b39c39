package dev.floe.storage.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    int threads = 8;
    int per = 500;
    try (b) {
      try (FloeStore f = b.floe()) {
        f.create("t", CatalogTest.SCHEMA);
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
              retries += Opaque.append(t, ww + ":" + i, 1 + (i % 3)).attempts() - 1;
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
        List<String> labels = Opaque.labels(head);
        assertEquals(threads * per, labels.size());
        Set<String> expected = new HashSet<>();
        long rows = 0;
        for (int w = 0; w < threads; w++) {
          for (int i = 0; i < per; i++) {
            expected.add(w + ":" + i);
            rows += 1 + (i % 3);
          }
        }
        assertEquals(expected, new HashSet<>(labels), "every batch exactly once");
        assertEquals(rows, head.rowCount());
        assertTrue(head.record().manifests().size() <= 2 * f.options().manifestBound(),
            "the manifest list stays short: " + head.record().manifests().size());
        assertEquals(List.of(), f.orphans("t").keys());
        System.out.println(b + ": " + threads * per + " appends, " + retries + " conflict retries");
      }
    }
  }
}
