package dev.floe.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * SQL benchmark: the same time-series dataset loaded through the same JDBC batch path into Floe (file
 * and mem stores), DuckDB (in-memory) and H2 (in-memory), then the same queries timed on each engine.
 *
 * <p>Dataset {@code trades(ts TIMESTAMP, symbol VARCHAR, venue VARCHAR, price DOUBLE, qty BIGINT)}:
 * {@code rows} rows from a seeded {@link Random} (so every engine and every run sees identical data),
 * ts strictly increasing (random gaps of 1..199 ms), 300 symbols, 5 venues with skewed frequencies,
 * prices with 2 decimals around a per-symbol base, qty 1..1000; plus the dimension table {@code
 * venues(venue VARCHAR, country VARCHAR)}. Loading is a {@link PreparedStatement} with {@code
 * addBatch} and {@code executeBatch} every {@value #BATCH} rows, autocommit on, timed per engine.
 *
 * <p>Each query is run {@code warmups} times untimed, and on until it has been warmed for {@value
 * #WARMUP_MS} ms ({@code -Dfloe.bench.warmupMs}; at most {@value #MAX_WARMUPS} runs: a JIT-compiled engine reaches its steady
 * state on a 1 ms query only after hundreds of runs, and the other engines gain nothing from it),
 * then {@code runs} times timed (executing and reading every row); the median is reported. Results are rendered (doubles rounded to 12, then 6
 * significant digits, integers exact, timestamps as local date-times) and compared against the first engine's;
 * any difference is listed in {@link Report#mismatches()} and in the printed report.
 *
 * <p>Usage: {@code SqlBench [rows [warmups [runs [output.md [engines]]]]]}, defaults 1,000,000, 2, 5,
 * no file, {@code floe-file,floe-mem,duckdb,h2}. Engines are run one after another, each closed
 * (and its files deleted) before the next starts.
 */
public final class SqlBench {
  static final int BATCH = 100_000;
  /** Least warm-up time per query and engine, in ms, unless {@code -Dfloe.bench.warmupMs} says otherwise. */
  static final long WARMUP_MS = 2_000;
  /** Most warm-up runs per query and engine. */
  static final int MAX_WARMUPS = 2_000;
  static final long SEED = 20261202L;
  static final int SYMBOLS = 300;
  static final String[] VENUES = {"XNAS", "XNYS", "XLON", "XPAR", "XETR"};
  static final String[] COUNTRIES = {"US", "US", "GB", "FR", "DE"};
  private static final int[] VENUE_WEIGHTS = {35, 30, 15, 12, 8};
  private static final LocalDateTime START = LocalDateTime.of(2026, 1, 5, 9, 0);
  private static final String[] SYMBOL_NAMES =
      java.util.stream.IntStream.range(0, SYMBOLS).mapToObj(i -> String.format(Locale.ROOT, "SYM%03d", i))
          .toArray(String[]::new);
  private static final MathContext SIX = new MathContext(6);

  /** An engine under test: display name and how to open a fresh, empty database. */
  record Engine(String name, String url) {}

  /** One benchmark query; {@code group} is the query class. */
  record Query(String group, String name, String sql) {}

  /** Per-engine load result. */
  record Load(String engine, long rows, double seconds) {
    double rowsPerSecond() {
      return rows / seconds;
    }
  }

  /** Median milliseconds of one query per engine (engine name to ms), in engine order. */
  record Timing(Query query, Map<String, Double> medianMs) {}

  /**
   * Outcome of a run.
   *
   * @param mismatches one line per (query, engine) whose rendered rows differ from the first engine's
   * @param markdown the report (load table and query table)
   */
  record Report(List<Load> loads, List<Timing> timings, List<String> mismatches, String markdown) {
    boolean resultsEqual() {
      return mismatches.isEmpty();
    }
  }

  private SqlBench() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path output = args.length > 3 && !args[3].isEmpty() && !args[3].equals("-") ? Path.of(args[3]) : null;
    List<String> engines =
        args.length > 4 ? Arrays.asList(args[4].split(",")) : List.of("floe-file", "floe-mem", "duckdb", "h2");
    Report report = run(rows, warmups, Long.getLong("floe.bench.warmupMs", WARMUP_MS), runs, engines, System.out);
    System.out.println();
    System.out.println(report.markdown());
    if (output != null) {
      Files.writeString(output, report.markdown(), StandardCharsets.UTF_8);
      System.out.println("written to " + output);
    }
    if (!report.resultsEqual()) {
      System.exit(2);
    }
  }

  /**
   * Loads and queries every named engine; progress goes to {@code log}. A failing engine (cannot
   * connect, load or run a query) propagates its exception: a benchmark with a missing column would
   * be misleading.
   */
  static Report run(int rows, int warmups, long warmupMs, int runs, List<String> engineNames, PrintStream log)
      throws SQLException, IOException {
    Dataset data = new Dataset(rows);
    List<Query> queries = queries(data);
    List<Load> loads = new ArrayList<>();
    Map<String, Map<String, List<String>>> rendered = new LinkedHashMap<>();
    Map<String, Map<String, Double>> ms = new LinkedHashMap<>();
    for (String name : engineNames) {
      Path dir = Files.createTempDirectory("floe-sqlbench-");
      try {
        Engine engine = engine(name, dir);
        log.printf(Locale.ROOT, "%s: loading %,d rows%n", name, rows);
        try (Connection c = DriverManager.getConnection(engine.url())) {
          Load load = name.equals("duckdb-appender") ? loadWithAppender(c, name, data) : load(c, name, data);
          loads.add(load);
          log.printf(Locale.ROOT, "%s: loaded in %.2f s (%,.0f rows/s)%n", name, load.seconds(), load.rowsPerSecond());
          for (Query q : queries) {
            double[] times = new double[runs];
            List<String> result = null;
            long warmStart = System.nanoTime();
            for (int i = 0; i < MAX_WARMUPS && (i < warmups || System.nanoTime() - warmStart < warmupMs * 1_000_000); i++) {
              execute(c, q.sql());
            }
            for (int i = 0; i < runs; i++) {
              long t0 = System.nanoTime();
              result = execute(c, q.sql());
              times[i] = (System.nanoTime() - t0) / 1e6;
            }
            double median = median(times);
            ms.computeIfAbsent(q.name(), k -> new LinkedHashMap<>()).put(name, median);
            rendered.computeIfAbsent(q.name(), k -> new LinkedHashMap<>()).put(name, result);
            log.printf(Locale.ROOT, "%s: %-22s %10.2f ms  %s%n", name, q.name(), median, abbreviate(result));
          }
        }
      } finally {
        deleteRecursively(dir);
      }
    }
    List<String> mismatches = compare(queries, rendered);
    List<Timing> timings =
        queries.stream().map(q -> new Timing(q, ms.getOrDefault(q.name(), Map.of()))).collect(Collectors.toList());
    String md = markdown(rows, warmups, warmupMs, runs, engineNames, loads, timings, mismatches);
    return new Report(loads, timings, mismatches, md);
  }

  /** DuckDB's time: loaded by JDBC batches or, when only that ran, by its Appender (same queries). */
  private static Double duck(Map<String, Double> m) {
    return m.get("duckdb") != null ? m.get("duckdb") : m.get("duckdb-appender");
  }

  static Engine engine(String name, Path dir) {
    switch (name) {
      case "floe-file":
        return new Engine(name, "jdbc:floe:file:" + dir.toAbsolutePath());
      case "floe-mem":
        return new Engine(name, "jdbc:floe:mem:sqlbench-" + System.nanoTime());
      case "duckdb":
      case "duckdb-appender":
        return new Engine(name, "jdbc:duckdb:");
      case "h2":
        // H2 would otherwise hand back the previous result of an identical query on unchanged tables.
        return new Engine(name, "jdbc:h2:mem:bench" + System.nanoTime() + ";OPTIMIZE_REUSE_RESULTS=FALSE");
      default:
        throw new IllegalArgumentException(
            "unknown engine '" + name + "': use floe-file, floe-mem, duckdb, duckdb-appender or h2 (comma-separated)");
    }
  }

  /** Creates both tables and loads them through the batch path; times the trades load only. */
  static Load load(Connection c, String engine, Dataset data) throws SQLException {
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE trades (ts TIMESTAMP, symbol VARCHAR(16), venue VARCHAR(8), price DOUBLE, qty BIGINT)");
      s.execute("CREATE TABLE venues (venue VARCHAR(8), country VARCHAR(8))");
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO venues (venue, country) VALUES (?, ?)")) {
      for (int i = 0; i < VENUES.length; i++) {
        ps.setString(1, VENUES[i]);
        ps.setString(2, COUNTRIES[i]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    long t0 = System.nanoTime();
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO trades (ts, symbol, venue, price, qty) VALUES (?, ?, ?, ?, ?)")) {
      Dataset.Cursor row = data.cursor();
      int pending = 0;
      while (row.next()) {
        ps.setTimestamp(1, Timestamp.valueOf(row.ts()));
        ps.setString(2, row.symbol());
        ps.setString(3, row.venue());
        ps.setDouble(4, row.price());
        ps.setLong(5, row.qty());
        ps.addBatch();
        if (++pending == BATCH) {
          ps.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Load(engine, data.rows(), seconds);
  }

  /**
   * DuckDB loaded through its native Appender instead of JDBC batches, whose ~5,000 rows/s would
   * take over half an hour at 10,000,000 rows; its load figure is then DuckDB's bulk path, not the
   * JDBC path the other engines use, and the report says so.
   */
  static Load loadWithAppender(Connection c, String engine, Dataset data) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE trades (ts TIMESTAMP, symbol VARCHAR(16), venue VARCHAR(8), price DOUBLE, qty BIGINT)");
      s.execute("CREATE TABLE venues (venue VARCHAR(8), country VARCHAR(8))");
      for (int i = 0; i < VENUES.length; i++) {
        s.execute("INSERT INTO venues VALUES ('" + VENUES[i] + "', '" + COUNTRIES[i] + "')");
      }
    }
    long t0 = System.nanoTime();
    try (org.duckdb.DuckDBAppender a = c.unwrap(org.duckdb.DuckDBConnection.class).createAppender("main", "trades")) {
      Dataset.Cursor row = data.cursor();
      while (row.next()) {
        a.beginRow();
        a.append(row.ts());
        a.append(row.symbol());
        a.append(row.venue());
        a.append(row.price());
        a.append(row.qty());
        a.endRow();
      }
    }
    return new Load(engine, data.rows(), (System.nanoTime() - t0) / 1e9);
  }

  /** The 12 queries: 2 per class, literal SQL accepted by Calcite (Floe), DuckDB and H2. */
  static List<Query> queries(Dataset d) {
    String slice = "ts >= " + lit(d.tsAt(0.50)) + " AND ts < " + lit(d.tsAt(0.501));
    String tenth = "ts >= " + lit(d.tsAt(0.20)) + " AND ts < " + lit(d.tsAt(0.30));
    return List.of(
        new Query("full scan", "scan_count_sum", "SELECT COUNT(*), SUM(qty) FROM trades"),
        new Query("full scan", "scan_avg_min_max", "SELECT AVG(price), MIN(price), MAX(qty) FROM trades"),
        new Query("group by venue", "venue_count_sum",
            "SELECT venue, COUNT(*), SUM(qty) FROM trades GROUP BY venue ORDER BY venue"),
        new Query("group by venue", "venue_avg_max",
            "SELECT venue, AVG(price), MAX(price) FROM trades GROUP BY venue ORDER BY venue"),
        new Query("time slice 0.1%", "slice_agg",
            "SELECT COUNT(*), SUM(qty), AVG(price) FROM trades WHERE " + slice),
        new Query("time slice 0.1%", "slice_rows",
            "SELECT ts, symbol, venue, price, qty FROM trades WHERE " + slice + " ORDER BY ts LIMIT 100"),
        new Query("symbol + time", "symbol_range_agg",
            "SELECT COUNT(*), SUM(qty), AVG(price) FROM trades WHERE symbol = 'SYM042' AND " + tenth),
        new Query("symbol + time", "symbol_range_rows",
            "SELECT ts, price, qty FROM trades WHERE symbol = 'SYM217' AND " + tenth + " ORDER BY ts DESC LIMIT 20"),
        new Query("filter-group-order", "top_symbols_qty",
            "SELECT symbol, SUM(qty) FROM trades WHERE price > 250 GROUP BY symbol"
                + " ORDER BY SUM(qty) DESC, symbol LIMIT 10"),
        new Query("filter-group-order", "top_venue_symbol",
            "SELECT venue, symbol, COUNT(*), AVG(price) FROM trades WHERE qty > 900 GROUP BY venue, symbol"
                + " ORDER BY COUNT(*) DESC, venue, symbol LIMIT 10"),
        new Query("join dimension", "join_country",
            "SELECT v.country, COUNT(*), SUM(t.qty) FROM trades t JOIN venues v ON t.venue = v.venue"
                + " GROUP BY v.country ORDER BY v.country"),
        new Query("join dimension", "join_country_filtered",
            "SELECT v.country, AVG(t.price), SUM(t.qty) FROM trades t JOIN venues v ON t.venue = v.venue"
                + " WHERE t.price < 50 GROUP BY v.country ORDER BY v.country"));
  }

  private static String lit(LocalDateTime t) {
    return "TIMESTAMP '" + Timestamp.valueOf(t) + "'";
  }

  /** Executes {@code sql} and renders every row (see {@link #render}). */
  static List<String> execute(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      StringBuilder sb = new StringBuilder();
      while (rs.next()) {
        sb.setLength(0);
        for (int i = 1; i <= n; i++) {
          if (i > 1) {
            sb.append(" | ");
          }
          int type = md.getColumnType(i);
          Object v =
              type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE ? rs.getTimestamp(i) : rs.getObject(i);
          sb.append(render(v));
        }
        out.add(sb.toString());
      }
    }
    return out;
  }

  /**
   * Engine-neutral rendering: NULL, integers exactly, floating and fractional decimals to 6
   * significant digits without trailing zeros, timestamps as ISO local date-times, else toString.
   */
  static String render(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return Double.toString(d);
      }
      return sixDigits(new BigDecimal(d));
    }
    if (v instanceof BigDecimal) {
      BigDecimal b = ((BigDecimal) v).stripTrailingZeros();
      return b.scale() <= 0 ? b.toBigInteger().toString() : sixDigits(b);
    }
    if (v instanceof Number) {
      return v.toString();
    }
    if (v instanceof Timestamp) {
      return ((Timestamp) v).toLocalDateTime().toString();
    }
    return v.toString();
  }

  /**
   * Rounds to 12 significant digits first, then to 6: an AVG one engine computes exactly as
   * 263.6175 and another as 263.61749999999998 then both render as 263.618.
   */
  private static String sixDigits(BigDecimal b) {
    return b.round(new MathContext(12)).round(SIX).stripTrailingZeros().toPlainString();
  }

  /** Every (query, engine) whose rows differ from the first engine's, with both renderings. */
  static List<String> compare(List<Query> queries, Map<String, Map<String, List<String>>> rendered) {
    List<String> out = new ArrayList<>();
    for (Query q : queries) {
      Map<String, List<String>> byEngine = rendered.getOrDefault(q.name(), Map.of());
      Map.Entry<String, List<String>> ref = byEngine.entrySet().stream().findFirst().orElse(null);
      if (ref == null) {
        continue;
      }
      for (Map.Entry<String, List<String>> e : byEngine.entrySet()) {
        if (!e.getValue().equals(ref.getValue())) {
          out.add(q.name() + ": " + e.getKey() + " " + abbreviate(e.getValue()) + " != " + ref.getKey() + " "
              + abbreviate(ref.getValue()));
        }
      }
    }
    return out;
  }

  static String markdown(int rows, int warmups, long warmupMs, int runs, List<String> engines, List<Load> loads,
      List<Timing> timings, List<String> mismatches) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%,d rows, at least %d warm-up runs and %d ms of warm-up per query,"
        + " median of %d runs; engines: %s%n%n", rows, warmups, warmupMs, runs, String.join(", ", engines)));
    sb.append("| load | rows/s | seconds |\n|---|---:|---:|\n");
    for (Load l : loads) {
      sb.append(String.format(Locale.ROOT, "| %s | %,.0f | %.2f |%n", l.engine(), l.rowsPerSecond(), l.seconds()));
    }
    sb.append('\n');
    sb.append("| query | class | Floe file ms | Floe mem ms | DuckDB ms | H2 ms | Floe file / DuckDB | Floe file / H2 |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (Timing t : timings) {
      Map<String, Double> m = t.medianMs();
      sb.append("| ").append(t.query().name()).append(" | ").append(t.query().group()).append(" | ")
          .append(ms(m.get("floe-file"))).append(" | ").append(ms(m.get("floe-mem"))).append(" | ")
          .append(ms(duck(m))).append(" | ").append(ms(m.get("h2"))).append(" | ")
          .append(ratio(m.get("floe-file"), duck(m))).append(" | ")
          .append(ratio(m.get("floe-file"), m.get("h2"))).append(" |\n");
    }
    sb.append('\n');
    if (mismatches.isEmpty()) {
      sb.append("Results equal across engines: yes (").append(timings.size()).append(" queries)\n");
    } else {
      sb.append("Results equal across engines: NO\n");
      mismatches.forEach(s -> sb.append("- ").append(s).append('\n'));
    }
    return sb.toString();
  }

  private static String ms(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
  }

  private static String ratio(Double a, Double b) {
    return a == null || b == null || b == 0 ? "-" : String.format(Locale.ROOT, a / b < 10 ? "%.2fx" : "%.1fx", a / b);
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static String abbreviate(List<String> rows) {
    String s = rows.size() <= 3 ? rows.toString() : rows.subList(0, 3) + "... (" + rows.size() + " rows)";
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The deterministic dataset: every {@link #cursor()} replays the same rows from {@link #SEED}, so
   * no engine's load pays for (or is helped by) a materialized copy.
   */
  static final class Dataset {
    private final int rows;
    private final LocalDateTime[] marks = new LocalDateTime[1001];

    Dataset(int rows) {
      if (rows < 1000) {
        throw new IllegalArgumentException("rows must be at least 1000, got " + rows);
      }
      this.rows = rows;
      Cursor c = cursor();
      int i = 0;
      while (c.next()) {
        if ((long) i * 1000 % rows == 0) {
          marks[(int) ((long) i * 1000 / rows)] = c.ts();
        }
        i++;
      }
      marks[1000] = c.ts().plusNanos(1_000_000);
    }

    int rows() {
      return rows;
    }

    /** The ts of the row at {@code fraction} (a multiple of 0.001) of the dataset. */
    LocalDateTime tsAt(double fraction) {
      int k = (int) Math.round(fraction * 1000);
      LocalDateTime t = marks[k];
      if (t == null) {
        throw new IllegalStateException("no row exactly at " + fraction + " of " + rows + " rows");
      }
      return t;
    }

    Cursor cursor() {
      return new Cursor();
    }

    final class Cursor {
      private final Random random = new Random(SEED);
      private final double[] base = new double[SYMBOLS];
      private int index = -1;
      private long millis;
      private String symbol;
      private String venue;
      private double price;
      private long qty;

      Cursor() {
        for (int s = 0; s < SYMBOLS; s++) {
          base[s] = 5 + random.nextInt(49_500) / 100.0;
        }
      }

      boolean next() {
        if (index + 1 >= rows) {
          return false;
        }
        index++;
        millis += 1 + random.nextInt(199);
        int s = random.nextInt(SYMBOLS);
        symbol = SYMBOL_NAMES[s];
        int w = random.nextInt(100);
        int v = 0;
        while (w >= VENUE_WEIGHTS[v]) {
          w -= VENUE_WEIGHTS[v];
          v++;
        }
        venue = VENUES[v];
        price = Math.round(base[s] * (0.9 + 0.2 * random.nextDouble()) * 100) / 100.0;
        qty = 1 + random.nextInt(1000);
        return true;
      }

      LocalDateTime ts() {
        return START.plusNanos(millis * 1_000_000);
      }

      String symbol() {
        return symbol;
      }

      String venue() {
        return venue;
      }

      double price() {
        return price;
      }

      long qty() {
        return qty;
      }
    }
  }
}
