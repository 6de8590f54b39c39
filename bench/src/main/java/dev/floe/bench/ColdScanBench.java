package dev.floe.bench;

import dev.floe.storage.io.memory.MemoryStore;
import dev.floe.storage.segment.ChunkCache;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;

/**
 * A cold full scan behind a store with a fixed round trip: a table of {@code rows} rows (segments
 * of 100,000) in memory, read by fresh connections over {@link TransactionRoundTrips.Delayed}
 * (every request answered after {@code rttMs}), with the decoded-chunk cache emptied before each
 * run. What it shows is how many segment fetches a scan keeps in flight: at one per core, a scan
 * of N segments waits about N / cores round trips.
 *
 * <p>Command: {@code java -cp bench/target/floe-bench-*.jar:$(cat bench/target/classpath.txt)
 * dev.floe.bench.ColdScanBench [rows [rttMs [runs]]]} (defaults 3,000,000, 20, 3).
 */
public final class ColdScanBench {
  private ColdScanBench() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 3_000_000;
    long rtt = args.length > 1 ? Long.parseLong(args[1]) : 20;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    MemoryStore memory = MemoryStore.open("cold-scan-" + System.nanoTime());
    try (Connection c = dev.floe.jdbc.FloeDriver.connect(memory); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id BIGINT, qty BIGINT, price DOUBLE)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
        for (int i = 0; i < rows; i++) {
          ps.setLong(1, i);
          ps.setLong(2, i % 1000);
          ps.setDouble(3, i * 0.5);
          ps.addBatch();
          if (i % 100_000 == 99_999) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
    }
    for (int run = 0; run < runs; run++) {
      ChunkCache.shared().clear();
      try (Connection c = dev.floe.jdbc.FloeDriver.connect(new TransactionRoundTrips.Delayed(memory, rtt));
          Statement s = c.createStatement()) {
        long t0 = System.nanoTime();
        try (ResultSet rs = s.executeQuery("SELECT SUM(qty), AVG(price) FROM t")) {
          rs.next();
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        System.out.printf(Locale.ROOT, "cold scan of %,d rows, %d ms a request: %.0f ms (%.1f round trips)%n",
            rows, rtt, ms, ms / rtt);
      }
    }
  }
}
