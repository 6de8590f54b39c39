package dev.floe.planner.ddl;

import java.util.regex.Pattern;

/**
 * PostgreSQL's and DuckDB's {@code EXPLAIN query}, which Calcite's grammar reads only as {@code
 * EXPLAIN PLAN FOR query}, written that way before the statement is parsed. {@code EXPLAIN ANALYZE}
 * is left alone: the driver runs it (it executes the query), and Calcite's own forms ({@code EXPLAIN
 * PLAN ...}) are left as written.
 */
final class ExplainForms {
  private ExplainForms() {}

  private static final Pattern BARE = Pattern.compile("(?is)^(\\s*EXPLAIN)\\s+(?!PLAN\\b|ANALY[SZ]E\\b)(?=\\S)");

  /** {@code sql} with a bare {@code EXPLAIN} written as {@code EXPLAIN PLAN FOR}; {@code sql} itself otherwise. */
  static String rewrite(String sql) {
    return BARE.matcher(sql).replaceFirst("$1 PLAN FOR ");
  }
}
