package dev.floe.bench;

import dev.floe.storage.io.ObjectStore.CreateResult;
import dev.floe.storage.io.ForwardingStore;
import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.memory.MemoryStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The latency of a single-row autocommit INSERT through JDBC, the way an application sends it
 * ({@code prepareStatement} once, then {@code setLong}/{@code setString} and {@code executeUpdate}
 * per row), on an in-memory store that answers every request after a fixed round trip (default 20
 * ms, a real S3 region's order), and the store requests each INSERT makes (all sequential: the
 * statement waits for each). Issue #20's target: at most 4 round trips, 100 ms at 20 ms.
 *
 * <p>Run: {@code java -cp bench/target/classes:$(cat bench/target/classpath.txt)
 * dev.floe.bench.InsertRoundTrips [rtt-ms [inserts]]}.
 */
public final class InsertRoundTrips {
  private InsertRoundTrips() {}

  /** Median latency and requests of one INSERT. */
  public record Result(double medianMs, double requests, double rttMs) {}

  /** Counts every request that reaches the (delayed) store. */
  private static final class Counting extends ForwardingStore {
    final AtomicInteger requests = new AtomicInteger();

    Counting(ObjectStore delegate) {
      super(delegate);
    }

    @Override
    public byte[] get(String key) {
      requests.incrementAndGet();
      return super.get(key);
    }

    @Override
    public byte[] get(String key, long offset, int length) {
      requests.incrementAndGet();
      return super.get(key, offset, length);
    }

    @Override
    public Stream<ObjectInfo> list(String prefix, String startAfter) {
      requests.incrementAndGet();
      return super.list(prefix, startAfter);
    }

    @Override
    public CreateResult putIfAbsent(String key, byte[] bytes) {
      requests.incrementAndGet();
      return super.putIfAbsent(key, bytes);
    }

    @Override
    public Instant put(String key, byte[] bytes) {
      requests.incrementAndGet();
      return super.put(key, bytes);
    }

    @Override
    public void delete(String key) {
      requests.incrementAndGet();
      super.delete(key);
    }
  }

  public static Result run(long rttMs, int inserts) throws SQLException {
    Counting store = new Counting(new TransactionRoundTrips.Delayed(MemoryStore.open("ins-" + UUID.randomUUID()), rttMs));
    try (Connection c = dev.floe.jdbc.FloeDriver.connect(store); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (id BIGINT, name VARCHAR)");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
        for (int i = 0; i < 3; i++) { // warm: plan cached, head known
          p.setLong(1, -i);
          p.setString(2, "warm");
          p.executeUpdate();
        }
        List<Double> ms = new ArrayList<>();
        int before = store.requests.get();
        for (int i = 0; i < inserts; i++) {
          p.setLong(1, i);
          p.setString(2, "row " + i);
          long t0 = System.nanoTime();
          p.executeUpdate();
          ms.add((System.nanoTime() - t0) / 1e6);
        }
        double requests = (store.requests.get() - before) / (double) inserts;
        Collections.sort(ms);
        return new Result(ms.get(ms.size() / 2), requests, rttMs);
      }
    }
  }

  public static void main(String[] args) throws SQLException {
    long rtt = args.length > 0 ? Long.parseLong(args[0]) : 20;
    int inserts = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Result r = run(rtt, inserts);
    System.out.printf("single-row INSERT at %d ms a request: median %.1f ms (%.1f round trips), %.1f requests%n",
        rtt, r.medianMs(), r.medianMs() / rtt, r.requests());
  }
}
