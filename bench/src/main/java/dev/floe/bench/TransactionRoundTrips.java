package dev.floe.bench;

import dev.floe.storage.io.ForwardingStore;
import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.memory.MemoryStore;
import dev.floe.storage.table.FloeOptions;
import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.MultiTableCommit;
import dev.floe.storage.table.PendingChanges;
import dev.floe.storage.table.Table;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Commit latency in store round trips (not a test): a one-table transaction against a two-table
 * one, each appending one staged row per table, on an in-memory store that delays every request by
 * a fixed round trip (default 20 ms, a real S3 region's order). The staging writes are made before
 * the clock starts; what is timed is COMMIT alone. RFC 0005's target: a two-table commit costs at
 * most one round trip more than a one-table commit.
 *
 * <p>Run: {@code java -cp bench/target/classes:$(cat bench/target/classpath.txt)
 * dev.floe.bench.TransactionRoundTrips [rtt-ms [commits]]}.
 */
public final class TransactionRoundTrips {
  private TransactionRoundTrips() {}

  /** Median commit time of each shape, in milliseconds and in round trips. */
  public record Result(double oneTableMs, double twoTableMs, double rttMs) {
    double oneTableRtts() {
      return oneTableMs / rttMs;
    }

    double twoTableRtts() {
      return twoTableMs / rttMs;
    }
  }

  /** A store that answers every request after {@code rttMs}. */
  static final class Delayed extends ForwardingStore {
    private final long rttMs;

    Delayed(ObjectStore delegate, long rttMs) {
      super(delegate);
      this.rttMs = rttMs;
    }

    private void trip() {
      try {
        Thread.sleep(rttMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public byte[] get(String key) {
      trip();
      return super.get(key);
    }

    @Override
    public byte[] get(String key, long offset, int length) {
      trip();
      return super.get(key, offset, length);
    }

    @Override
    public Stream<ObjectInfo> list(String prefix, String startAfter) {
      trip();
      return super.list(prefix, startAfter);
    }

    @Override
    public CreateResult putIfAbsent(String key, byte[] bytes) {
      trip();
      return super.putIfAbsent(key, bytes);
    }

    @Override
    public Instant put(String key, byte[] bytes) {
      trip();
      return super.put(key, bytes);
    }

    @Override
    public void delete(String key) {
      trip();
      super.delete(key);
    }
  }

  public static Result run(long rttMs, int commits) {
    String ns = "rtt-" + UUID.randomUUID();
    try (FloeStore f = FloeStore.open(new Delayed(MemoryStore.open(ns), rttMs), FloeOptions.defaults())) {
      Table a = f.create("a", CommitBench.SCHEMA);
      Table b = f.create("b", CommitBench.SCHEMA);
      List<Long> one = new ArrayList<>();
      List<Long> two = new ArrayList<>();
      for (int i = 0; i < commits; i++) {
        one.add(time(List.of(pending(f, a, i))));
        two.add(time(List.of(pending(f, a, i), pending(f, b, i))));
      }
      return new Result(median(one) / 1e6, median(two) / 1e6, rttMs);
    } finally {
      MemoryStore.discard(ns);
    }
  }

  private static PendingChanges pending(FloeStore f, Table t, int i) {
    PendingChanges p = new PendingChanges(t);
    try (VectorSchemaRoot batch = CommitBench.batch(f.allocator(), i, 1)) {
      p.addStaged(t.stage(batch));
    }
    return p;
  }

  private static long time(List<PendingChanges> parts) {
    long start = System.nanoTime();
    MultiTableCommit.commit(parts);
    return System.nanoTime() - start;
  }

  private static double median(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    s.sort(null);
    return s.get(s.size() / 2);
  }

  public static void main(String[] args) {
    long rtt = args.length > 0 ? Long.parseLong(args[0]) : 20;
    int commits = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    Result r = run(rtt, commits);
    PrintStream out = System.out;
    out.println("| commit | median ms | round trips of " + rtt + " ms |");
    out.println("| --- | --- | --- |");
    out.printf(Locale.ROOT, "| one table | %.1f | %.2f |%n", r.oneTableMs(), r.oneTableRtts());
    out.printf(Locale.ROOT, "| two tables | %.1f | %.2f |%n", r.twoTableMs(), r.twoTableRtts());
  }
}
