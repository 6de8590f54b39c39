package dev.floe.bench;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Query answers in an engine-neutral form, and their comparison.
 *
 * <p>Every value is rendered canonically: NULL; integers (and integral exact numbers) exactly;
 * other numbers rounded to {@value #DIGITS} significant digits (a relative tolerance of about
 * 1e-9, so DuckDB's binary AVG {@code 25.537499999999998} and an exact {@code 25.5375} agree, while
 * a DECIMAL quotient cut to 6 places does not); strings without trailing blanks (CHAR(n) padding is
 * insignificant, as in PostgreSQL); dates and the rest by {@code toString}.
 *
 * <p>Two answers agree when they hold the same rows (as a multiset) and, if the query has an ORDER
 * BY, the same sequence of ORDER BY keys: rows tied on every key may come in any order.
 */
final class TpchAnswers {
  static final int DIGITS = 10;
  private static final MathContext MC = new MathContext(DIGITS, RoundingMode.HALF_EVEN);

  private TpchAnswers() {}

  /** Runs {@code sql} and renders every row; each row is the list of its rendered values. */
  static List<List<String>> execute(Statement s, String sql) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
          row.add(render(rs.getObject(i)));
        }
        out.add(row);
      }
    }
    return out;
  }

  static List<List<String>> execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      return execute(s, sql);
    }
  }

  static String render(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return Double.isFinite(d) ? decimal(new BigDecimal(d)) : Double.toString(d);
    }
    if (v instanceof BigDecimal b) {
      return decimal(b);
    }
    if (v instanceof BigInteger || v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return v.toString();
    }
    if (v instanceof String s) {
      return s.stripTrailing();
    }
    return v.toString();
  }

  private static String decimal(BigDecimal b) {
    if (b.signum() == 0) {
      return "0";
    }
    BigDecimal stripped = b.stripTrailingZeros();
    if (stripped.scale() <= 0) {
      return stripped.toBigInteger().toString();
    }
    return b.round(MC).stripTrailingZeros().toPlainString();
  }

  /**
   * Null when {@code actual} agrees with {@code expected} for {@code q}, else a short description
   * of the first difference.
   */
  static String difference(TpchQuery q, List<List<String>> actual, List<List<String>> expected) {
    if (actual.size() != expected.size()) {
      return actual.size() + " rows, expected " + expected.size() + firstDifference(actual, expected);
    }
    List<String> a = sorted(actual);
    List<String> e = sorted(expected);
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(e.get(i))) {
        return "row " + a.get(i) + " where expected " + e.get(i);
      }
    }
    if (!q.orderColumns().isEmpty()) {
      for (int i = 0; i < actual.size(); i++) {
        List<String> ka = keys(actual.get(i), q.orderColumns());
        List<String> ke = keys(expected.get(i), q.orderColumns());
        if (!ka.equals(ke)) {
          return "order: row " + (i + 1) + " has keys " + ka + ", expected " + ke;
        }
      }
    }
    return null;
  }

  private static String firstDifference(List<List<String>> actual, List<List<String>> expected) {
    for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
      if (!actual.get(i).equals(expected.get(i))) {
        return "; row " + (i + 1) + " " + actual.get(i) + " vs " + expected.get(i);
      }
    }
    return actual.isEmpty() ? "" : "; first row " + actual.get(0);
  }

  private static List<String> sorted(List<List<String>> rows) {
    return rows.stream().map(r -> String.join("\u0001", r)).sorted().toList();
  }

  private static List<String> keys(List<String> row, List<Integer> columns) {
    return columns.stream().map(c -> row.get(c - 1)).toList();
  }
}
