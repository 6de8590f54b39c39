package dev.floe.bench;

import dev.floe.jdbc.FloeDriver;
import dev.floe.storage.io.ObjectInfo;
import dev.floe.storage.io.ObjectStore;
import dev.floe.storage.io.s3.S3Store;
import dev.floe.storage.segment.ChunkCache;
import dev.floe.storage.testing.S3ProxyServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The first query on a cold connection against s3proxy (started here on 127.0.0.1): a fresh
 * client with empty caches runs one query of {@link SqlBench#queries}; reported are its time, its
 * store requests by kind, and the round trips before the first data byte (requests that wait for
 * one another; requests in flight together count once; the ranged GET that brings the data is not
 * counted), in all and from the query's start (connecting reads {@code floe.json}). With {@code
 * -Dfloe.cold.trace=true}, every request is printed with its start and end. Arguments: {@code [rows [query-name,...]]}.
 */
public final class ColdQueryBench {
  private ColdQueryBench() {}

  /** One store request: kind, key, start and end (nanoTime). */
  record Request(String op, String key, long start, long end) {}

  /** A store that records every request it passes on. */
  static final class Tracing extends dev.floe.storage.io.ForwardingStore {
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    Tracing(ObjectStore delegate) {
      super(delegate);
    }

    private <T> T trace(String op, String key, Supplier<T> call) {
      long start = System.nanoTime();
      try {
        return call.get();
      } finally {
        requests.add(new Request(op, key, start, System.nanoTime()));
      }
    }

    @Override
    public byte[] get(String key) {
      return trace("GET", key, () -> delegate.get(key));
    }

    @Override
    public byte[] get(String key, long offset, int length) {
      return trace("GET_RANGE", key, () -> delegate.get(key, offset, length));
    }

    @Override
    public Stream<ObjectInfo> list(String prefix, String startAfter) {
      return trace("LIST", prefix, () -> {
        try (Stream<ObjectInfo> s = delegate.list(prefix, startAfter)) {
          return s.toList();
        }
      }).stream();
    }

    @Override
    public ObjectStore.CreateResult putIfAbsent(String key, byte[] bytes) {
      return trace("PUT_IF_ABSENT", key, () -> delegate.putIfAbsent(key, bytes));
    }

    @Override
    public Instant put(String key, byte[] bytes) {
      return trace("PUT", key, () -> delegate.put(key, bytes));
    }

    @Override
    public void delete(String key) {
      trace("DELETE", key, () -> {
        delegate.delete(key);
        return null;
      });
    }
  }

  /**
   * Sequential waits among the requests started before the first ranged GET (the first data),
   * not counting that GET: requests in flight together count once. Only requests started at or
   * after {@code from} (nanoTime) count.
   */
  static int roundTripsBeforeData(List<Request> requests, long from) {
    List<Request> sorted = new ArrayList<>(requests);
    sorted.sort(Comparator.comparingLong(Request::start));
    long firstData = sorted.stream().filter(r -> r.op().equals("GET_RANGE")).mapToLong(Request::start)
        .findFirst().orElse(Long.MAX_VALUE);
    int trips = 0;
    long frontier = Long.MIN_VALUE;
    for (Request r : sorted) {
      if (r.start() >= firstData) {
        break;
      }
      if (r.start() < from) {
        continue;
      }
      if (r.start() >= frontier) {
        trips++; // waited for everything before it
      }
      frontier = Math.max(frontier, r.end());
    }
    return trips;
  }

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    List<String> names = args.length > 1 ? List.of(args[1].split(","))
        : List.of("slice_agg", "symbol_range_rows", "scan_count_sum", "venue_count_sum");
    SqlBench.Dataset data = new SqlBench.Dataset(rows);
    try (S3ProxyServer s3 = S3ProxyServer.startTransient()) {
      String bucket = s3.createBucket("cold");
      String url = "jdbc:floe:" + S3ProxyServer.location(bucket) + "/floe?endpoint=" + s3.endpoint()
          + "&region=us-east-1";
      Properties props = new Properties();
      props.setProperty("user", s3.credentials().accessKey());
      props.setProperty("password", s3.credentials().secretKey());
      try (Connection c = DriverManager.getConnection(url, props)) {
        SqlBench.Load load = SqlBench.load(c, "floe-s3", data);
        System.out.printf(Locale.ROOT, "loaded %,d rows into s3proxy in %.1f s (%,.0f rows/s)%n", rows,
            load.seconds(), load.rowsPerSecond());
      }
      System.out.println();
      System.out.println("| query | connect + first query ms | requests | LIST | GET | GET_RANGE"
          + " | round trips before data | of which the query's |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
      for (SqlBench.Query q : SqlBench.queries(data)) {
        if (!names.contains(q.name())) {
          continue;
        }
        Tracing store = new Tracing(S3Store.open(S3ProxyServer.location(bucket) + "/floe", s3.config()));
        ChunkCache.shared().clear(); // cold: nothing decoded by the previous query's client either
        long t0 = System.nanoTime();
        long connected;
        try (Connection c = FloeDriver.connect(store); Statement s = c.createStatement()) {
          connected = System.nanoTime();
          try (ResultSet rs = s.executeQuery(q.sql())) {
            while (rs.next()) {
              rs.getObject(1);
            }
          }
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        Map<String, Integer> byOp = new TreeMap<>();
        for (Request r : store.requests) {
          byOp.merge(r.op(), 1, Integer::sum);
        }
        System.out.printf(Locale.ROOT, "| %s | %.0f | %d | %d | %d | %d | %d | %d |%n", q.name(), ms,
            store.requests.size(), byOp.getOrDefault("LIST", 0), byOp.getOrDefault("GET", 0),
            byOp.getOrDefault("GET_RANGE", 0), roundTripsBeforeData(store.requests, Long.MIN_VALUE),
            roundTripsBeforeData(store.requests, connected));
        if (Boolean.getBoolean("floe.cold.trace")) {
          List<Request> sorted = new ArrayList<>(store.requests);
          sorted.sort(Comparator.comparingLong(Request::start));
          long base = sorted.isEmpty() ? 0 : sorted.get(0).start();
          for (Request r : sorted) {
            System.out.printf(Locale.ROOT, "    %8.1f %8.1f ms  %-13s %s%n", (r.start() - base) / 1e6,
                (r.end() - base) / 1e6, r.op(), r.key());
          }
        }
      }
    }
  }
}
