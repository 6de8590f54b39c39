package dev.floe.planner.csv;

import dev.floe.storage.ColumnType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The columns {@code floe.read_csv} gives a file: names from the header (lower-cased, with anything
 * but letters, digits and {@code _} replaced by {@code _}, so they work unquoted) or from an explicit
 * column list, and types inferred from every value or declared. {@code declared} says the names
 * came from the statement, not from the file, so messages may show them.
 */
record CsvSchema(List<String> names, List<ColumnType> types, boolean declared) {

  /** Reads the whole file once and infers each column's type from all its values. */
  static CsvSchema infer(CsvCursor cursor) {
    List<String> names = normalize(cursor.header());
    CsvInference[] columns = new CsvInference[names.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = new CsvInference();
    }
    for (String[] r = cursor.next(); r != null; r = cursor.next()) {
      for (int i = 0; i < columns.length; i++) {
        if (r[i] != null) {
          columns[i].see(r[i]);
        }
      }
    }
    List<ColumnType> types = new ArrayList<>();
    for (CsvInference c : columns) {
      types.add(c.type());
    }
    return new CsvSchema(names, List.copyOf(types), false);
  }

  /**
   * An explicit column list such as {@code id BIGINT, name VARCHAR, price DECIMAL(10,2)}, one
   * column per header field, in order.
   *
   * @throws CsvException BAD_ARGUMENT when it does not parse or does not match the header's width
   */
  static CsvSchema declared(String spec, CsvCursor cursor) {
    List<String> names = new ArrayList<>();
    List<ColumnType> types = new ArrayList<>();
    for (String part : splitTopLevel(spec)) {
      String p = part.trim();
      String name;
      String type;
      if (p.startsWith("\"")) {
        int end = p.indexOf('"', 1);
        if (end < 0) {
          throw bad(spec, "unclosed quote in '" + p + "'");
        }
        name = p.substring(1, end);
        type = p.substring(end + 1).trim();
      } else {
        int space = p.indexOf(' ');
        if (space < 0) {
          throw bad(spec, "'" + p + "' needs a name and a type, such as 'price DOUBLE'");
        }
        name = p.substring(0, space).toLowerCase(Locale.ROOT);
        type = p.substring(space + 1).trim();
      }
      names.add(name);
      types.add(type(spec, type));
    }
    if (names.size() != cursor.header().size()) {
      throw bad(spec, "it names " + names.size() + " columns but the header of '" + cursor.file() + "' has "
          + cursor.header().size()); // the header's names are the file's content: not shown
    }
    if (new HashSet<>(names).size() != names.size()) {
      throw bad(spec, "a column name appears twice");
    }
    return new CsvSchema(List.copyOf(names), List.copyOf(types), true);
  }

  private static CsvException bad(String spec, String why) {
    return new CsvException(CsvException.Kind.BAD_ARGUMENT, "bad column list '" + spec + "' for floe.read_csv: "
        + why + "; write it as 'name TYPE, name TYPE, ...' with one column per CSV field");
  }

  private static ColumnType type(String spec, String text) {
    String t = text.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    String base = t.replaceAll("\\s*\\(.*\\)$", "");
    String args = t.length() > base.length() ? t.substring(base.length()).replaceAll("[()\\s]", "") : "";
    try {
      switch (base) {
        case "BOOL":
        case "BOOLEAN":
          return ColumnType.of(ColumnType.Kind.BOOLEAN);
        case "TINYINT":
          return ColumnType.of(ColumnType.Kind.TINYINT);
        case "SMALLINT":
        case "INT2":
          return ColumnType.of(ColumnType.Kind.SMALLINT);
        case "INT":
        case "INT4":
        case "INTEGER":
          return ColumnType.of(ColumnType.Kind.INTEGER);
        case "BIGINT":
        case "INT8":
          return ColumnType.of(ColumnType.Kind.BIGINT);
        case "REAL":
        case "FLOAT4":
          return ColumnType.of(ColumnType.Kind.REAL);
        case "DOUBLE":
        case "DOUBLE PRECISION":
        case "FLOAT":
        case "FLOAT8":
          return ColumnType.of(ColumnType.Kind.DOUBLE);
        case "DECIMAL":
        case "NUMERIC": {
          String[] ps = args.isEmpty() ? new String[] {"19", "0"} : args.split(",");
          return ColumnType.decimal(Integer.parseInt(ps[0]), ps.length > 1 ? Integer.parseInt(ps[1]) : 0);
        }
        case "VARCHAR":
        case "CHAR":
        case "CHARACTER":
        case "CHARACTER VARYING":
        case "TEXT":
        case "STRING":
          return ColumnType.of(ColumnType.Kind.VARCHAR);
        case "VARBINARY":
        case "BINARY":
        case "BYTEA":
          return ColumnType.of(ColumnType.Kind.VARBINARY);
        case "DATE":
          return ColumnType.of(ColumnType.Kind.DATE);
        case "TIME":
          return ColumnType.of(ColumnType.Kind.TIME);
        case "TIMESTAMP":
          return ColumnType.of(ColumnType.Kind.TIMESTAMP);
        case "TIMESTAMP WITH LOCAL TIME ZONE":
        case "TIMESTAMPTZ":
          return ColumnType.of(ColumnType.Kind.TIMESTAMP_LTZ);
        default:
          throw bad(spec, "unknown type '" + text + "'");
      }
    } catch (IllegalArgumentException e) {
      throw bad(spec, "bad type '" + text + "': " + e.getMessage());
    }
  }

  private static List<String> splitTopLevel(String spec) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    boolean quoted = false;
    for (int i = 0; i < spec.length(); i++) {
      char c = spec.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && c == ',') {
        parts.add(spec.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(spec.substring(start));
    if (parts.stream().anyMatch(p -> p.isBlank())) {
      throw bad(spec, "an empty column");
    }
    return parts;
  }

  /** Header names made usable as unquoted identifiers; blank ones become column1, column2, ... */
  static List<String> normalize(List<String> header) {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String n = header.get(i).trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_]+", "_")
          .replaceAll("^_+|_+$", "");
      if (n.isEmpty()) {
        n = "column" + (i + 1);
      }
      if (Character.isDigit(n.charAt(0))) {
        n = "_" + n;
      }
      String unique = n;
      for (int k = 2; !seen.add(unique); k++) {
        unique = n + "_" + k;
      }
      names.add(unique);
    }
    return List.copyOf(names);
  }
}
