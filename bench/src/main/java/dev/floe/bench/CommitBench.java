package dev.floe.bench;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import dev.floe.storage.io.CountingStore;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.ObjectStores;
import dev.floe.storage.io.StoreConfig;
import dev.floe.storage.io.StoreOp;
import dev.floe.storage.io.memory.MemoryStore;
import dev.floe.storage.segment.ArrowTypes;
import dev.floe.storage.segment.Predicate;
import dev.floe.storage.segment.SegmentBatch;
import dev.floe.storage.table.FloeOptions;
import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.Table;
import dev.floe.storage.table.TableScan;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Commit benchmark (not a test): store requests per append commit and per cold read of one column
 * of a 10-segment table, and append commits per second with 1, 4 and 8 concurrent appenders on one
 * table, each appender its own client. Backends: memory and a local folder (under the system temp
 * folder). Every append writes one segment of 1 to 3 rows (id BIGINT, name VARCHAR).
 *
 * <p>Run: {@code java -cp ... dev.floe.bench.CommitBench [seconds-per-row [s3://bucket/prefix
 * endpoint]]} (default 5 s; with an S3-compatible root, credentials from the AWS environment
 * variables, it is measured too).
 */
public final class CommitBench {
  static final Schema SCHEMA = Schema.of(
      new Column(0, "id", ColumnType.of(ColumnType.Kind.BIGINT), false),
      new Column(1, "name", ColumnType.of(ColumnType.Kind.VARCHAR), true));

  private CommitBench() {}

  /** One row of the throughput table. */
  public record Result(String backend, int appenders, long commits, double commitsPerSecond,
      double retriesPerCommit, double requestsPerCommit) {}

  /** An S3-compatible root to measure too: {@code s3://bucket/prefix} and its endpoint; or null. */
  private static String s3Location;
  private static String s3Endpoint;

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    if (args.length > 2) {
      s3Location = args[1];
      s3Endpoint = args[2];
    }
    run(seconds, new int[] {1, 4, 8}, System.out);
  }

  private static List<String> kinds() {
    return s3Location == null ? List.of("mem", "file") : List.of("mem", "file", "s3");
  }

  /** Runs everything, printing a markdown table; returns the throughput rows. */
  public static List<Result> run(double seconds, int[] appenders, PrintStream out) throws Exception {
    List<Result> results = new ArrayList<>();
    for (String kind : kinds()) {
      out.println("cold read of one column of a 10-segment table, " + kind + ": " + coldRead(backend(kind)));
    }
    out.println();
    out.println("| backend | appenders | commits | commits/s | conflict retries per commit | requests per commit |");
    out.println("| --- | --- | --- | --- | --- | --- |");
    for (String kind : kinds()) {
      for (int n : appenders) {
        Result r = throughput(kind, backend(kind), n, seconds);
        results.add(r);
        out.println(String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.2f | %.2f |", r.backend(), r.appenders(),
            r.commits(), r.commitsPerSecond(), r.retriesPerCommit(), r.requestsPerCommit()));
      }
    }
    return results;
  }

  /** A supplier of new clients of one fresh, empty root. */
  static Supplier<ObjectStore> backend(String kind) throws IOException {
    if (kind.equals("mem")) {
      String name = "commit-bench-" + UUID.randomUUID();
      return () -> MemoryStore.open(name);
    }
    if (kind.equals("s3")) {
      // credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY; a fresh prefix per run
      String location = s3Location + "/" + UUID.randomUUID();
      StoreConfig config = StoreConfig.DEFAULTS.withEndpoint(s3Endpoint).withRegion("us-east-1").withPathStyle(true);
      return () -> ObjectStores.open(location, config);
    }
    Path dir = Files.createTempDirectory("floe-commit-bench-");
    return () -> ObjectStores.open("file:" + dir, StoreConfig.DEFAULTS);
  }

  static VectorSchemaRoot batch(BufferAllocator a, long first, int rows) {
    VectorSchemaRoot root = ArrowTypes.createRoot(SCHEMA, a);
    root.allocateNew();
    for (int i = 0; i < rows; i++) {
      ((BigIntVector) root.getVector(0)).setSafe(i, first + i);
      ((VarCharVector) root.getVector(1)).setSafe(i, ("n" + (first + i)).getBytes());
    }
    for (FieldVector v : root.getFieldVectors()) {
      v.setValueCount(rows);
    }
    root.setRowCount(rows);
    return root;
  }

  /** Requests of a fresh client reading column {@code id} of a table of 10 appends of 100 rows. */
  static String coldRead(Supplier<ObjectStore> stores) {
    try (FloeStore f = FloeStore.open(stores.get(), FloeOptions.defaults())) {
      Table t = f.create("ten", SCHEMA);
      for (int s = 0; s < 10; s++) {
        try (VectorSchemaRoot b = batch(f.allocator(), s * 100L, 100)) {
          t.append(b);
        }
      }
    }
    CountingStore counting = new CountingStore(stores.get());
    long rows = 0;
    try (FloeStore f = FloeStore.open(counting, FloeOptions.defaults());
        TableScan scan = f.table("ten").latest().scan(List.of("id"), Predicate.TRUE)) {
      while (scan.hasNext()) {
        try (SegmentBatch b = scan.next()) {
          rows += b.selectedCount();
        }
      }
    }
    CountingStore.Counts c = counting.counts();
    StringBuilder s = new StringBuilder(rows + " rows, " + c.totalRequests() + " requests (");
    for (StoreOp op : StoreOp.values()) {
      if (c.requests(op) > 0) {
        s.append(op).append('=').append(c.requests(op)).append(' ');
      }
    }
    return s.toString().trim() + "), " + c.bytesRead() + " bytes read";
  }

  static Result throughput(String kind, Supplier<ObjectStore> stores, int appenders, double seconds) throws Exception {
    try (FloeStore f = FloeStore.open(stores.get(), FloeOptions.defaults())) {
      f.create("t", SCHEMA);
    }
    CyclicBarrier start = new CyclicBarrier(appenders);
    ExecutorService pool = Executors.newFixedThreadPool(appenders);
    AtomicLong commits = new AtomicLong();
    AtomicLong retries = new AtomicLong();
    AtomicLong requests = new AtomicLong();
    long[] window = new long[2];
    List<Future<?>> fs = new ArrayList<>();
    for (int w = 0; w < appenders; w++) {
      int ww = w;
      fs.add(pool.submit(() -> {
        CountingStore counting = new CountingStore(stores.get());
        try (FloeStore f = FloeStore.open(counting, FloeOptions.defaults())) {
          Table t = f.table("t");
          t.latest();
          start.await();
          counting.reset();
          long deadline = System.nanoTime() + (long) (seconds * 1e9);
          for (int i = 0; System.nanoTime() < deadline; i++) {
            try (VectorSchemaRoot b = batch(f.allocator(), ww * 1_000_000_000L + i * 10L, 1 + i % 3)) {
              retries.addAndGet(t.append(b).attempts() - 1);
            }
            commits.incrementAndGet();
          }
          requests.addAndGet(counting.counts().totalRequests());
        }
        return null;
      }));
    }
    window[0] = System.nanoTime();
    for (Future<?> fu : fs) {
      fu.get();
    }
    window[1] = System.nanoTime();
    pool.shutdown();
    double elapsed = (window[1] - window[0]) / 1e9;
    long n = commits.get();
    return new Result(kind, appenders, n, n / elapsed, retries.get() / (double) n, requests.get() / (double) n);
  }
}
