package dev.floe.planner.csv;

import dev.floe.storage.ColumnType;
import dev.floe.storage.ColumnType.Kind;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The narrowest type that holds every value seen in a column: BOOLEAN, BIGINT, DOUBLE, DATE,
 * TIMESTAMP, else VARCHAR. BIGINT widens to DOUBLE and DATE to TIMESTAMP; any other mix is VARCHAR.
 * NULLs (empty fields) do not vote; a column of only NULLs is VARCHAR. Whole numbers too large for
 * BIGINT are VARCHAR, never a lossy DOUBLE.
 */
final class CsvInference {
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,19}");
  private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");

  private Kind kind; // null until a non-null value is seen

  /** Takes one non-null value into account. */
  void see(String value) {
    if (kind == Kind.VARCHAR) {
      return;
    }
    Kind k = classify(value.trim());
    kind = kind == null ? k : merge(kind, k);
  }

  /** The inferred type. */
  ColumnType type() {
    return ColumnType.of(kind == null ? Kind.VARCHAR : kind);
  }

  static boolean isNumber(String t) {
    return NUMBER.matcher(t).matches();
  }

  private static Kind classify(String v) {
    if (v.isEmpty()) {
      return Kind.VARCHAR;
    }
    char c = v.charAt(0);
    if (c == 't' || c == 'T' || c == 'f' || c == 'F') {
      return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false") ? Kind.BOOLEAN : Kind.VARCHAR;
    }
    if (INTEGER.matcher(v).matches()) {
      try {
        Long.parseLong(c == '+' ? v.substring(1) : v);
        return Kind.BIGINT;
      } catch (NumberFormatException e) {
        return Kind.VARCHAR;
      }
    }
    if (NUMBER.matcher(v).matches()) {
      return Kind.DOUBLE;
    }
    try {
      if (DATE.matcher(v).matches()) {
        LocalDate.parse(v);
        return Kind.DATE;
      }
      if (TIMESTAMP.matcher(v).matches()) {
        LocalDateTime.parse(v, CsvValues.TIMESTAMP);
        return Kind.TIMESTAMP;
      }
    } catch (DateTimeParseException e) {
      return Kind.VARCHAR;
    }
    return Kind.VARCHAR;
  }

  private static Kind merge(Kind a, Kind b) {
    if (a == b) {
      return a;
    }
    if ((a == Kind.BIGINT && b == Kind.DOUBLE) || (a == Kind.DOUBLE && b == Kind.BIGINT)) {
      return Kind.DOUBLE;
    }
    if ((a == Kind.DATE && b == Kind.TIMESTAMP) || (a == Kind.TIMESTAMP && b == Kind.DATE)) {
      return Kind.TIMESTAMP;
    }
    return Kind.VARCHAR;
  }
}
