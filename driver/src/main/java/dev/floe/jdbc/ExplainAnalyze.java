package dev.floe.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code EXPLAIN ANALYZE query}, as PostgreSQL and DuckDB users type it: plans the query, runs it to
 * its last row (the rows are counted, not returned), and answers one {@code QUERY PLAN} column: the
 * plan Floe ran, then the time spent planning and executing and the number of rows. Timings are for
 * the whole statement, not per operator (Floe's operators are not instrumented). The query runs
 * through the connection as any query does, so read-only, snapshot and file-access rules apply to
 * it unchanged. INSERT, UPDATE, DELETE and DDL are refused (0A000) rather than run: PostgreSQL's
 * EXPLAIN ANALYZE of an INSERT performs the INSERT, which a user asking for a plan rarely means. A
 * query runs exactly as it would alone: one that calls a maintenance function ({@code SELECT * FROM
 * TABLE(floe.vacuum('t'))}) runs it, and is refused on a read-only connection as that query is.
 */
final class ExplainAnalyze {
  private ExplainAnalyze() {}

  private static final Pattern FORM = Pattern.compile("(?is)\\s*EXPLAIN\\s+ANALY[SZ]E\\s+(.*?)[\\s;]*");

  /** The statement to analyze, if {@code sql} is {@code EXPLAIN ANALYZE statement}. */
  static Optional<String> of(String sql) {
    Matcher m = FORM.matcher(sql);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * Runs {@code query} on {@code statement} and leaves the answer as {@code statement}'s result set.
   *
   * @throws SQLException the query's own error, or 0A000 for a statement that is not a query
   */
  static ResultSet run(Statement statement, String query) throws SQLException {
    String first = SqlText.firstKeyword(query).toUpperCase(Locale.ROOT);
    if (!first.equals("SELECT") && !first.equals("WITH") && !first.equals("VALUES") && !first.equals("TABLE")) {
      throw SqlState.FEATURE_NOT_SUPPORTED.exception("EXPLAIN ANALYZE runs the statement it explains, and Floe"
          + " takes it for queries only (this is " + (first.isEmpty() ? "empty" : first) + "); use EXPLAIN for"
          + " the plan of a write without running it");
    }
    List<String> lines = new ArrayList<>();
    long start = System.nanoTime();
    try (ResultSet plan = statement.executeQuery("EXPLAIN PLAN FOR " + query)) {
      while (plan.next()) {
        for (String line : plan.getString(1).split("\n")) {
          if (!line.isBlank()) {
            lines.add(line);
          }
        }
      }
    }
    long planned = System.nanoTime();
    long rows = 0;
    try (ResultSet r = statement.executeQuery(query)) {
      while (r.next()) {
        rows++;
      }
    }
    long done = System.nanoTime();
    lines.add(String.format(Locale.ROOT, "Planning Time: %.3f ms", (planned - start) / 1e6));
    lines.add(String.format(Locale.ROOT, "Execution Time: %.3f ms (planning again if not cached, and reading every row)",
        (done - planned) / 1e6));
    lines.add("Rows: " + rows);
    StringBuilder values = new StringBuilder("SELECT line AS \"QUERY PLAN\" FROM (VALUES ");
    for (int i = 0; i < lines.size(); i++) {
      values.append(i == 0 ? "" : ", ").append("(").append(i).append(", CAST('")
          .append(lines.get(i).replace("'", "''")).append("' AS VARCHAR))");
    }
    values.append(") AS p(n, line) ORDER BY n");
    return statement.executeQuery(values.toString());
  }
}
