package dev.floe.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Loading with the ordinary JDBC setters, as an application or a BI tool loads: one {@code
 * PreparedStatement} of {@code INSERT INTO ticks VALUES (?, ?, ?, ?, ?, ?, ?)}, bound with {@code
 * setTimestamp}, {@code setString} (into VARCHAR(8)), {@code setDouble}, {@code setBigDecimal}
 * (into DECIMAL(15,2)), {@code setInt}, {@code setDate} and {@code setObject(LocalDateTime)},
 * {@code addBatch} per row and {@code executeBatch} every {@value #BATCH} rows, autocommit on.
 *
 * <p>Engines, in one JVM one after another: Floe on a folder ({@code floe-file}) and in memory
 * ({@code floe-mem}), DuckDB in memory through the same JDBC batches ({@code duckdb}, at most
 * {@code duckdbRows} rows: its batch path runs at thousands of rows/s) and through its native
 * Appender ({@code duckdb-appender}, the same Java values). Each engine loads the same rows {@code
 * runs} times into a new table; the median is reported. After each load one query checks what was
 * stored (count, sums, min/max of each date-time column), and every engine's answer must equal
 * Floe file's for the same rows.
 *
 * <p>Usage: {@code LoadBench [rows [runs [engines [duckdbRows]]]]}, defaults 1,000,000, 3, {@code
 * floe-file,floe-mem,duckdb,duckdb-appender}, 100,000.
 */
public final class LoadBench {
  static final int BATCH = 100_000;
  static final String TABLE = "CREATE TABLE ticks (ts TIMESTAMP, sym VARCHAR(8), price DOUBLE,"
      + " amount DECIMAL(15,2), qty INTEGER, d DATE, lts TIMESTAMP)";
  static final String CHECK = "SELECT COUNT(*), SUM(qty), SUM(amount), MIN(ts), MAX(ts), MIN(d), MAX(d),"
      + " MIN(lts), MAX(lts), COUNT(DISTINCT sym) FROM ticks";
  private static final long START = LocalDateTime.of(2026, 1, 5, 9, 0).toEpochSecond(ZoneOffset.UTC) * 1000;

  private LoadBench() {}

  /** One engine's load: its median time over the runs, and what the check query read. */
  record Load(String engine, long rows, double seconds, double cpuSeconds, String check) {
    double rowsPerSecond() {
      return rows / seconds;
    }
  }

  /** The rows, generated once from a fixed seed; the Java values are made while loading, as a client would. */
  static final class Data {
    final int rows;
    final long[] millis;
    final String[] sym;
    final double[] price;
    final long[] cents;
    final int[] qty;
    final Date[] day;

    Data(int rows) {
      this.rows = rows;
      millis = new long[rows];
      sym = new String[rows];
      price = new double[rows];
      cents = new long[rows];
      qty = new int[rows];
      day = new Date[rows];
      String[] symbols = new String[300];
      for (int i = 0; i < symbols.length; i++) {
        symbols[i] = String.format(Locale.ROOT, "S%04d", i);
      }
      Date[] days = new Date[4000];
      Random r = new Random(20261207L);
      long t = START;
      for (int i = 0; i < rows; i++) {
        t += 1 + r.nextInt(199);
        millis[i] = t;
        sym[i] = symbols[r.nextInt(symbols.length)];
        cents[i] = 1_000 + r.nextInt(100_000);
        price[i] = cents[i] / 100.0;
        qty[i] = 1 + r.nextInt(1000);
        int d = (int) Math.floorDiv(t, 86_400_000L);
        int k = Math.floorMod(d, days.length);
        if (days[k] == null || days[k].toLocalDate().toEpochDay() != d) {
          days[k] = Date.valueOf(LocalDate.ofEpochDay(d));
        }
        day[i] = days[k];
      }
    }

    /** Row {@code i}'s timestamp as a wall clock (the same for every engine and JVM time zone). */
    LocalDateTime wall(int i) {
      long m = millis[i];
      return LocalDateTime.ofEpochSecond(Math.floorDiv(m, 1000), (int) Math.floorMod(m, 1000) * 1_000_000,
          ZoneOffset.UTC);
    }
  }

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<String> engines = List.of((args.length > 2 ? args[2] : "floe-file,floe-mem,duckdb,duckdb-appender").split(","));
    int duckdbRows = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
    List<Load> loads = run(rows, runs, engines, duckdbRows, System.out);
    System.out.println(markdown(rows, runs, loads));
    if (!mismatches(loads, rows).isEmpty()) {
      System.out.println("MISMATCH: " + mismatches(loads, rows));
      System.exit(2);
    }
  }

  /** Loads every engine {@code runs} times; a failed load propagates its exception. */
  static List<Load> run(int rows, int runs, List<String> engines, int duckdbRows, PrintStream log) throws Exception {
    Data full = new Data(rows);
    Data small = duckdbRows < rows ? new Data(duckdbRows) : full;
    List<Load> loads = new ArrayList<>();
    for (String engine : engines) {
      Data data = engine.equals("duckdb") ? small : full;
      double[] seconds = new double[runs];
      double[] cpu = new double[runs];
      String check = null;
      String paths = "";
      for (int run = 0; run < runs; run++) {
        Path dir = Files.createTempDirectory("loadbench");
        try (Connection c = DriverManager.getConnection(url(engine, dir))) {
          try (Statement s = c.createStatement()) {
            s.execute(TABLE);
          }
          long t0 = System.nanoTime();
          long cpu0 = cpuNanos();
          if (engine.equals("duckdb-appender")) {
            appender(c, data);
          } else {
            batches(c, data);
          }
          seconds[run] = (System.nanoTime() - t0) / 1e9;
          cpu[run] = (cpuNanos() - cpu0) / 1e9;
          check = check(c);
          if (engine.startsWith("floe")) {
            paths = Arrays.toString(org.apache.calcite.jdbc.FloeMetaImpl.of(
                c.unwrap(org.apache.calcite.avatica.AvaticaConnection.class)).batchPaths());
          }
        } finally {
          deleteRecursively(dir);
        }
        log.printf(Locale.ROOT, "%s: %,d rows in %.2f s (%,.0f rows/s), %.2f s of CPU%s%n", engine, data.rows,
            seconds[run], data.rows / seconds[run], cpu[run], paths.isEmpty() ? "" : String.format(Locale.ROOT,
                ", %.2f s in executeBatch, batches by column/row/Calcite %s", executeNanos / 1e9, paths));
      }
      Arrays.sort(seconds);
      Arrays.sort(cpu);
      loads.add(new Load(engine, data.rows, seconds[runs / 2], cpu[runs / 2], check));
    }
    return loads;
  }

  /** CPU time of the whole process (every thread: the engines encode in the background). */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String url(String engine, Path dir) {
    return switch (engine) {
      case "floe-file" -> "jdbc:floe:file:" + dir.toAbsolutePath();
      case "floe-mem" -> "jdbc:floe:mem:loadbench-" + System.nanoTime();
      case "duckdb", "duckdb-appender" -> "jdbc:duckdb:";
      default -> throw new IllegalArgumentException(
          "unknown engine '" + engine + "': use floe-file, floe-mem, duckdb or duckdb-appender (comma-separated)");
    };
  }

  /** Nanoseconds the last {@link #batches} spent in {@code executeBatch} (the rest is binding). */
  static long executeNanos;

  /** The ordinary setters, a batch every {@value #BATCH} rows. */
  static void batches(Connection c, Data data) throws SQLException {
    executeNanos = 0;
    c.setAutoCommit(true);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticks VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      int pending = 0;
      for (int i = 0; i < data.rows; i++) {
        ps.setTimestamp(1, new Timestamp(data.millis[i]));
        ps.setString(2, data.sym[i]);
        ps.setDouble(3, data.price[i]);
        ps.setBigDecimal(4, BigDecimal.valueOf(data.cents[i], 2));
        ps.setInt(5, data.qty[i]);
        ps.setDate(6, data.day[i]);
        ps.setObject(7, data.wall(i));
        ps.addBatch();
        if (++pending == BATCH) {
          long t0 = System.nanoTime();
          ps.executeBatch();
          executeNanos += System.nanoTime() - t0;
          pending = 0;
        }
      }
      long t0 = System.nanoTime();
      if (pending > 0) {
        ps.executeBatch();
      }
      executeNanos += System.nanoTime() - t0;
    }
  }

  /** DuckDB's native Appender with the same Java values. */
  static void appender(Connection c, Data data) throws SQLException {
    try (org.duckdb.DuckDBAppender a = c.unwrap(org.duckdb.DuckDBConnection.class).createAppender("main", "ticks")) {
      for (int i = 0; i < data.rows; i++) {
        a.beginRow();
        a.append(new Timestamp(data.millis[i]).toLocalDateTime());
        a.append(data.sym[i]);
        a.append(data.price[i]);
        a.append(BigDecimal.valueOf(data.cents[i], 2));
        a.append(data.qty[i]);
        a.append(data.day[i].toLocalDate());
        a.append(data.wall(i));
        a.endRow();
      }
    }
  }

  /** The check query's answer, rendered the same for every engine. */
  static String check(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(CHECK)) {
      rs.next();
      return rs.getLong(1) + " " + rs.getLong(2) + " " + rs.getBigDecimal(3).stripTrailingZeros().toPlainString()
          + " " + rs.getTimestamp(4) + " " + rs.getTimestamp(5) + " " + rs.getDate(6) + " " + rs.getDate(7)
          + " " + rs.getTimestamp(8) + " " + rs.getTimestamp(9) + " " + rs.getLong(10);
    }
  }

  /** Engines whose check differs from another engine's that loaded as many rows. */
  static List<String> mismatches(List<Load> loads, int rows) {
    List<String> out = new ArrayList<>();
    for (Load a : loads) {
      for (Load b : loads) {
        if (a.rows() == b.rows() && !a.check().equals(b.check()) && loads.indexOf(a) < loads.indexOf(b)) {
          out.add(a.engine() + " [" + a.check() + "] vs " + b.engine() + " [" + b.check() + "]");
        }
      }
    }
    return out;
  }

  static String markdown(int rows, int runs, List<Load> loads) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "LoadBench %,d rows, median of %d runs, JVM zone %s%n%n", rows, runs,
        java.util.TimeZone.getDefault().getID()));
    sb.append("| engine | rows | seconds | rows/s | CPU seconds (all threads) |\n|---|---:|---:|---:|---:|\n");
    for (Load l : loads) {
      sb.append(String.format(Locale.ROOT, "| %s | %,d | %.2f | %,.0f | %.2f |%n", l.engine(), l.rows(), l.seconds(),
          l.rowsPerSecond(), l.cpuSeconds()));
    }
    return sb.toString();
  }

  private static void deleteRecursively(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
