package dev.floe.planner.ddl;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.sql.SqlDescribeTable;

/**
 * {@code SHOW TABLES} and {@code DESCRIBE t} ({@code DESCRIBE TABLE t}), as DuckDB and MySQL
 * users type them, each answered by a query of {@code information_schema} that the parser reads
 * instead: a SELECT, so it needs no permission beyond reading.
 *
 * <ul>
 *   <li>{@code SHOW TABLES}: column {@code name}, the tables and views of schema {@code floe}, in
 *       name order;
 *   <li>{@code DESCRIBE t}: columns {@code column_name}, {@code column_type} and {@code null}
 *       ({@code YES} or {@code NO}), one row per column in the table's order; a table that does not
 *       exist is an error (42P01), as reading it would be.
 * </ul>
 */
final class ShowStatements {
  private ShowStatements() {}

  /** The schema a name without one is in. */
  private static final String DEFAULT_SCHEMA = "floe";

  /** The query {@code sql} stands for if it is {@code SHOW TABLES}; read on its words, not parsed. */
  static Optional<String> show(String sql) {
    String s = sql.strip();
    while (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    List<String> words = List.of(s.toUpperCase(Locale.ROOT).split("\\s+"));
    if (!words.equals(List.of("SHOW", "TABLES"))) {
      return Optional.empty();
    }
    return Optional.of("SELECT \"table_name\" AS \"name\" FROM \"information_schema\".\"tables\""
        + " WHERE \"table_schema\" = '" + DEFAULT_SCHEMA + "' ORDER BY 1");
  }

  /** The query that answers {@code describe}, for a parser reading double-quoted identifiers. */
  static String describe(SqlDescribeTable describe) {
    List<String> names = describe.getTable().names;
    String table = names.get(names.size() - 1);
    String schema = names.size() > 1 ? names.get(names.size() - 2) : DEFAULT_SCHEMA;
    String column = describe.getColumn() == null ? null : describe.getColumn().getSimple();
    return "SELECT \"column_name\", \"data_type\" AS \"column_type\", \"is_nullable\" AS \"null\""
        + " FROM \"information_schema\".\"columns\" WHERE \"table_schema\" = " + literal(schema)
        + " AND \"table_name\" = " + literal(table)
        + (column == null ? "" : " AND \"column_name\" = " + literal(column))
        // names the table, so one that does not exist is the error reading it would be
        + " AND NOT EXISTS (SELECT 1 FROM " + identifier(schema) + "." + identifier(table) + " WHERE FALSE)"
        + " ORDER BY \"ordinal_position\"";
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String identifier(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
