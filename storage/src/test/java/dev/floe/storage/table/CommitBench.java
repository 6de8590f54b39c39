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
 * 4 and 8 concurrent appenders, on memory and a local folder; requests of a cold read of one
 * column of a 10-segment table. Each append writes one segment of 1 to 3 rows.
 * Run: {@code java -cp <test classpath> dev.floe.storage.table.CommitBench [seconds]}.
 */
public final class CommitBench {
  private CommitBench() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    System.out.println("| backend | appenders | commits | commits/s | conflict retries per commit | requests per commit |");
    System.out.println("| --- | --- | --- | --- | --- | --- |");
    for (String kind : List.of("mem", "file")) {
      try (Backend b = kind.equals("mem") ? Backend.memory() : Backend.folder()) {
        System.out.println("cold read of one column of a 10-segment table, " + coldRead(b));
      }
    }
    for (String kind : List.of("mem", "file")) {
      for (int writers : new int[] {1, 4, 8}) {
        try (Backend b = kind.equals("mem") ? Backend.memory() : Backend.folder()) {
          run(b, writers, seconds);
        }
      }
    }
  }

  /** Requests of a cold client reading one column of a 10-segment table, from opening the store on. */
  static String coldRead(Backend b) {
    try (FloeStore f = b.floe()) {
      DataOpsTest.tenSegments(f, "ten");
    }
    CountingStore counting = new CountingStore(b.open());
    try (FloeStore f = FloeStore.open(counting, FloeOptions.defaults())) {
      long rows = Rows.read(f.table("ten").latest(), List.of("id"), dev.floe.storage.segment.Predicate.TRUE).size();
      CountingStore.Counts c = counting.counts();
      StringBuilder s = new StringBuilder(b + ": " + rows + " rows, " + c.totalRequests() + " requests (");
      for (StoreOp op : StoreOp.values()) {
        if (c.requests(op) > 0) {
          s.append(op).append('=').append(c.requests(op)).append(' ');
        }
      }
      return s.toString().trim() + "), " + c.bytesRead() + " bytes read";
    }
  }

  static void run(Backend b, int writers, double seconds) throws Exception {
    try (FloeStore f = b.floe()) {
      f.create("t", Rows.SCHEMA);
      Writes.appendBatch(f.table("t"), f.allocator(), 99, 0);
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
            retries.addAndGet(Writes.appendBatch(t, f.allocator(), ww, i++).attempts() - 1);
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
