package dev.floe.storage.table;

import dev.floe.storage.io.CountingStore;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.StoreOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark harness (not a test): store requests per append commit, and commits per second with 1,
 * 4 and 8 concurrent appenders, on memory and a local folder. Each append writes one small segment.
 * Run: {@code java -cp <test classpath> dev.floe.storage.table.CommitBench [seconds]}.
 */
public final class CommitBench {
  private CommitBench() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    System.out.println("| backend | appenders | commits | commits/s | conflict retries per commit | requests per commit |");
    System.out.println("| --- | --- | --- | --- | --- | --- |");
    for (String kind : List.of("mem", "file")) {
      for (int writers : new int[] {1, 4, 8}) {
        try (Backend b = kind.equals("mem") ? Backend.memory() : Backend.folder()) {
          run(b, writers, seconds);
        }
      }
    }
  }

  static void run(Backend b, int writers, double seconds) throws Exception {
    try (FloeStore f = b.floe()) {
      f.create("t", CatalogTest.SCHEMA);
      Opaque.append(f.table("t"), "warm", 1);
    }
    CyclicBarrier start = new CyclicBarrier(writers);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    AtomicLong commits = new AtomicLong();
    AtomicLong retries = new AtomicLong();
    AtomicLong requests = new AtomicLong();
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    List<Future<?>> fs = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int w = 0; w < writers; w++) {
      int ww = w;
      fs.add(pool.submit(() -> {
        CountingStore counting = new CountingStore(b.open());
        try (FloeStore f = FloeStore.open((ObjectStore) counting, FloeOptions.defaults())) {
          Table t = f.table("t");
          t.latest();
          start.await();
          counting.reset();
          int i = 0;
          while (System.nanoTime() < deadline) {
            retries.addAndGet(Opaque.append(t, ww + ":" + i++, 1).attempts() - 1);
            commits.incrementAndGet();
          }
          requests.addAndGet(counting.counts().totalRequests());
        }
        return null;
      }));
    }
    for (Future<?> fu : fs) {
      fu.get();
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    long n = commits.get();
    System.out.println(String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.2f | %.2f |", b, writers, n, n / elapsed,
        retries.get() / (double) n, requests.get() / (double) n));
  }

  /** Requests of one warm append, by kind. */
  static String requestsPerAppend(Backend b) {
    CountingStore counting = new CountingStore(b.open());
    try (FloeStore f = FloeStore.open(counting, FloeOptions.defaults())) {
      Table t = f.create("r", CatalogTest.SCHEMA);
      Opaque.append(t, "warm", 1);
      counting.reset();
      Opaque.append(t, "x", 1);
      CountingStore.Counts c = counting.counts();
      StringBuilder s = new StringBuilder();
      for (StoreOp op : StoreOp.values()) {
        s.append(op).append('=').append(c.requests(op)).append(' ');
      }
      return s.toString().trim();
    }
  }
}
