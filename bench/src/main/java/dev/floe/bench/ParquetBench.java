package dev.floe.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Parquet read speed, Floe's {@code floe.read_parquet} against DuckDB's {@code read_parquet} on the
 * same file (written by DuckDB: SNAPPY, its default row groups of 122,880 rows): a full scan of five
 * columns, one column, and a selective condition that skips row groups by their statistics. Prints
 * a Markdown table of median seconds and rows/s; both engines must return equal answers.
 *
 * <p>Arguments: {@code [rows [runs]]} (defaults 5,000,000 and 5). DuckDB runs with one thread and
 * with its default threads.
 */
public final class ParquetBench {
  private ParquetBench() {}

  /** One measured query, and each engine's answer to it. */
  record Row(String query, String floe, double floeSeconds, double duck1Seconds, double duckSeconds, long rows) {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<Row> result = run(rows, runs);
    System.out.println("| query | Floe s | Floe rows/s | DuckDB 1 thread s | DuckDB 1 thread rows/s | DuckDB s | DuckDB rows/s |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    for (Row r : result) {
      System.out.printf(Locale.ROOT, "| %s | %.3f | %,.0f | %.3f | %,.0f | %.3f | %,.0f |%n", r.query(), r.floeSeconds(),
          r.rows() / r.floeSeconds(), r.duck1Seconds(), r.rows() / r.duck1Seconds(), r.duckSeconds(),
          r.rows() / r.duckSeconds());
    }
  }

  static List<Row> run(long rows, int runs) throws Exception {
    Path dir = Files.createTempDirectory("floe-parquet-bench");
    Path file = dir.resolve("ticks.parquet");
    String f = file.toString().replace("'", "''");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Connection floe = DriverManager.getConnection("jdbc:floe:mem:parquet-bench");
        Statement d = duck.createStatement()) {
      d.execute("COPY (SELECT i AS id, TIMESTAMP '2024-01-01' + INTERVAL (i) MILLISECOND AS ts, 'S' || (i % 300) AS sym,"
          + " round(100 + (hash(i) % 1000) / 100.0, 2)::DOUBLE AS price, (i % 1000)::INTEGER AS qty FROM range(" + rows
          + ") t(i)) TO '" + f + "' (FORMAT parquet)");
      String[][] queries = {
          {"5 columns, all rows", "SELECT COUNT(*), SUM(id), SUM(qty), MAX(sym), MAX(ts), ROUND(SUM(price), 2) FROM %s"},
          {"1 column, all rows", "SELECT SUM(qty) FROM %s"},
          {"id >= 90% (row groups skipped)", "SELECT COUNT(*), SUM(qty) FROM %s WHERE id >= " + (rows * 9 / 10)},
      };
      List<Row> out = new ArrayList<>();
      for (String[] q : queries) {
        String floeSql = String.format(q[1], "TABLE(floe.read_parquet('" + f + "'))");
        String duckSql = String.format(q[1], "read_parquet('" + f + "')");
        String floeAnswer = answer(floe, floeSql);
        d.execute("SET threads = 1");
        String duckAnswer = answer(duck, duckSql);
        if (!normalize(floeAnswer).equals(normalize(duckAnswer))) {
          throw new IllegalStateException(q[0] + ": Floe " + floeAnswer + " but DuckDB " + duckAnswer);
        }
        double floeS = median(floe, floeSql, runs);
        double duck1 = median(duck, duckSql, runs);
        d.execute("RESET threads");
        double duckN = median(duck, duckSql, runs);
        out.add(new Row(q[0], floeAnswer, floeS, duck1, duckN, rows));
      }
      return out;
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  /** Answers compared as text, timestamps to the second (the engines print fractions differently). */
  private static String normalize(String answer) {
    return answer.replaceAll("(\\d{2}:\\d{2}:\\d{2})\\.\\d+", "$1").replaceAll("\\.0\\b", "");
  }

  private static String answer(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      StringBuilder b = new StringBuilder();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        b.append(i > 1 ? "|" : "").append(rs.getString(i));
      }
      return b.toString();
    }
  }

  private static double median(Connection c, String sql, int runs) throws SQLException {
    answer(c, sql); // warm-up
    double[] t = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      answer(c, sql);
      t[i] = (System.nanoTime() - start) / 1e9;
    }
    Arrays.sort(t);
    return t[runs / 2];
  }
}
