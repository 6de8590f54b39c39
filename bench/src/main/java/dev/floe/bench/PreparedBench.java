package dev.floe.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Queries called the way applications call a driver, side by side with DuckDB in one JVM, on
 * {@link SqlBench}'s trades table: each query with {@code ?} parameters run four ways.
 *
 * <ul>
 *   <li><b>plain</b>: a plain {@code Statement} with the same literals every call (what SqlBench times);
 *   <li><b>reused</b>: one {@code PreparedStatement}, parameters bound again each call;
 *   <li><b>per call</b>: {@code prepareStatement} + bind + execute + close each call, from a pool of
 *       four connections taken in turn (Spring's {@code JdbcTemplate} over a pool);
 *   <li><b>fresh literal</b>: a plain {@code Statement} whose literals change every call (BI tools).
 * </ul>
 *
 * <p>Parameter values change on every call in the last three ways (a random slice of the same
 * width), so no result is ever the previous call's. Median of the timed calls, after warm-up.
 *
 * <p>Command: {@code java -cp bench/target/floe-bench-*.jar:$(cat bench/target/classpath.txt)
 * dev.floe.bench.PreparedBench [rows [calls [engines]]]} (defaults 1,000,000, 200,
 * {@code floe-file,duckdb-appender}).
 */
public final class PreparedBench {
  private static final int POOL = 4;

  private PreparedBench() {}

  /** A query: its text with {@code ?}s, and a maker of one call's parameter values. */
  record Call(String name, String sql, java.util.function.Function<Random, Object[]> params) {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    List<String> engines = args.length > 2 ? Arrays.asList(args[2].split(",")) : List.of("floe-file", "duckdb-appender");
    SqlBench.Dataset data = new SqlBench.Dataset(rows);
    List<Call> queries = calls(data);
    Map<String, Map<String, double[]>> results = new LinkedHashMap<>();
    for (String engine : engines) {
      Path dir = Files.createTempDirectory("floe-preparedbench-");
      try {
        SqlBench.Engine e = SqlBench.engine(engine, dir);
        List<Connection> pool = new ArrayList<>();
        try {
          Connection first = DriverManager.getConnection(e.url());
          pool.add(first);
          SqlBench.Load load = engine.equals("duckdb-appender") ? SqlBench.loadWithAppender(first, engine, data)
              : SqlBench.load(first, engine, data);
          System.out.printf(Locale.ROOT, "%s: loaded %,d rows in %.1f s%n", engine, rows, load.seconds());
          for (int i = 1; i < POOL; i++) {
            // DuckDB in-memory: each connection would be its own database, so the pool shares one
            pool.add(engine.startsWith("duckdb") ? first : DriverManager.getConnection(e.url()));
          }
          for (Call q : queries) {
            double[] ms = run(pool, q, calls);
            results.computeIfAbsent(q.name(), k -> new LinkedHashMap<>()).put(engine, ms);
            System.out.printf(Locale.ROOT, "%s %-16s plain %8.2f  reused %8.2f  per call %8.2f  fresh literal %8.2f ms%n",
                engine, q.name(), ms[0], ms[1], ms[2], ms[3]);
          }
        } finally {
          for (Connection c : new java.util.LinkedHashSet<>(pool)) {
            c.close();
          }
        }
      } finally {
        try (var walk = Files.walk(dir)) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    System.out.println();
    System.out.println(markdown(rows, calls, engines, results));
  }

  static List<Call> calls(SqlBench.Dataset d) {
    return List.of(
        new Call("slice_agg", "SELECT COUNT(*), SUM(qty), AVG(price) FROM trades WHERE ts >= ? AND ts < ?",
            r -> slice(d, r, 0.001)),
        new Call("slice_rows", "SELECT ts, symbol, price, qty FROM trades WHERE ts >= ? AND ts < ? ORDER BY ts LIMIT 100",
            r -> slice(d, r, 0.001)),
        new Call("symbol_lookup", "SELECT COUNT(*), SUM(qty), AVG(price) FROM trades WHERE symbol = ? AND ts >= ? AND ts < ?",
            r -> {
              Object[] s = slice(d, r, 0.1);
              return new Object[] {String.format(Locale.ROOT, "SYM%03d", r.nextInt(SqlBench.SYMBOLS)), s[0], s[1]};
            }),
        new Call("scan_agg", "SELECT COUNT(*), SUM(qty), AVG(price) FROM trades WHERE qty > ?",
            r -> new Object[] {(long) r.nextInt(10)}),
        new Call("venue_group", "SELECT venue, COUNT(*), SUM(qty) FROM trades WHERE price > ? GROUP BY venue ORDER BY venue",
            r -> new Object[] {(double) r.nextInt(5)}),
        new Call("join_country", "SELECT v.country, COUNT(*), SUM(t.qty) FROM trades t JOIN venues v ON t.venue = v.venue"
            + " WHERE t.qty > ? GROUP BY v.country ORDER BY v.country", r -> new Object[] {(long) r.nextInt(10)}));
  }

  private static Object[] slice(SqlBench.Dataset d, Random r, double width) {
    double from = r.nextDouble() * (1 - width);
    return new Object[] {Timestamp.valueOf(d.tsAt(from)), Timestamp.valueOf(d.tsAt(from + width))};
  }

  /** Medians in ms: plain, reused, per call, fresh literal. */
  private static double[] run(List<Connection> pool, Call q, int calls) throws SQLException {
    double[] out = new double[4];
    Random fixed = new Random(1);
    Object[] same = q.params().apply(fixed);
    String literal = inline(q.sql(), same);
    out[0] = time(calls, i -> {
      try (Statement s = pool.get(0).createStatement(); ResultSet rs = s.executeQuery(literal)) {
        drain(rs);
      }
    });
    Random r = new Random(2);
    try (PreparedStatement ps = pool.get(0).prepareStatement(q.sql())) {
      out[1] = time(calls, i -> {
        bind(ps, q.params().apply(r));
        try (ResultSet rs = ps.executeQuery()) {
          drain(rs);
        }
      });
    }
    out[2] = time(calls, i -> {
      try (PreparedStatement ps = pool.get(i % pool.size()).prepareStatement(q.sql())) {
        bind(ps, q.params().apply(r));
        try (ResultSet rs = ps.executeQuery()) {
          drain(rs);
        }
      }
    });
    out[3] = time(calls, i -> {
      try (Statement s = pool.get(i % pool.size()).createStatement();
          ResultSet rs = s.executeQuery(inline(q.sql(), q.params().apply(r)))) {
        drain(rs);
      }
    });
    return out;
  }

  interface Body {
    void run(int i) throws SQLException;
  }

  /** Median ms of {@code calls} timed calls after as many warm-up calls (at most 2 s of them). */
  private static double time(int calls, Body body) throws SQLException {
    long warm = System.nanoTime();
    for (int i = 0; i < calls && System.nanoTime() - warm < 2_000_000_000L; i++) {
      body.run(i);
    }
    double[] t = new double[calls];
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      body.run(i);
      t[i] = (System.nanoTime() - t0) / 1e6;
    }
    return SqlBench.median(t);
  }

  private static void bind(PreparedStatement ps, Object[] values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      ps.setObject(i + 1, values[i]);
    }
  }

  private static void drain(ResultSet rs) throws SQLException {
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      for (int i = 1; i <= n; i++) {
        rs.getObject(i);
      }
    }
  }

  /** {@code sql} with each {@code ?} replaced by its value as a literal. */
  static String inline(String sql, Object[] values) {
    StringBuilder sb = new StringBuilder();
    int k = 0;
    for (char ch : sql.toCharArray()) {
      if (ch != '?') {
        sb.append(ch);
        continue;
      }
      Object v = values[k++];
      if (v instanceof Timestamp t) {
        sb.append("TIMESTAMP '").append(t).append('\'');
      } else if (v instanceof String s) {
        sb.append('\'').append(s.replace("'", "''")).append('\'');
      } else if (v instanceof Double d) {
        sb.append(d).append("E0");
      } else {
        sb.append(v);
      }
    }
    return sb.toString();
  }

  static String markdown(int rows, int calls, List<String> engines, Map<String, Map<String, double[]>> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%,d rows, median of %d calls per way; engines: %s%n%n", rows, calls,
        String.join(", ", engines)));
    sb.append("| query | engine | plain ms | reused ms | per call ms | fresh literal ms | per call / plain |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|\n");
    results.forEach((q, byEngine) -> byEngine.forEach((engine, ms) -> sb.append(String.format(Locale.ROOT,
        "| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2fx |%n", q, engine, ms[0], ms[1], ms[2], ms[3], ms[2] / ms[0]))));
    return sb.toString();
  }
}
