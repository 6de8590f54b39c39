package dev.floe.planner.ddl;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlJdbcFunctionCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Rewrites, in a parsed statement, the calls PostgreSQL users type that Calcite's grammar and
 * function library read otherwise:
 *
 * <ul>
 *   <li>{@code NOW()} becomes {@code CURRENT_TIMESTAMP} (the statement's start time, as in
 *       PostgreSQL);
 *   <li>{@code DATE_TRUNC('month', ts)} becomes {@code FLOOR(ts TO MONTH)}: the unit must be a
 *       string literal, one of {@link #UNITS}; {@code week} truncates to the Monday, as PostgreSQL's
 *       ISO weeks do;
 *   <li>{@code PERCENTILE_CONT(f) WITHIN GROUP (ORDER BY x)} orders by {@code CAST(x AS DOUBLE)}, so
 *       that its result is PostgreSQL's double precision;
 *   <li>a JDBC escape {@code {fn now()}} is looked up by its upper-case name: the connection folds
 *       unquoted names to lower case, and Calcite's table of JDBC functions knows only {@code NOW}.
 * </ul>
 */
final class PgCalls {
  private PgCalls() {}

  /** PostgreSQL's {@code date_trunc} units (and their plurals) that map onto {@code FLOOR ... TO}. */
  static final Map<String, TimeUnit> UNITS = Map.ofEntries(
      Map.entry("microseconds", TimeUnit.MICROSECOND), Map.entry("milliseconds", TimeUnit.MILLISECOND),
      Map.entry("second", TimeUnit.SECOND), Map.entry("minute", TimeUnit.MINUTE), Map.entry("hour", TimeUnit.HOUR),
      Map.entry("day", TimeUnit.DAY), Map.entry("week", TimeUnit.WEEK), Map.entry("month", TimeUnit.MONTH),
      Map.entry("quarter", TimeUnit.QUARTER), Map.entry("year", TimeUnit.YEAR), Map.entry("decade", TimeUnit.DECADE),
      Map.entry("century", TimeUnit.CENTURY), Map.entry("millennium", TimeUnit.MILLENNIUM));

  /** {@code node}'s replacement, or null if it is none of the calls this class rewrites. */
  static SqlNode replacement(SqlNode node) {
    if (!(node instanceof SqlCall call)) {
      return null;
    }
    if (call.getOperator() instanceof SqlJdbcFunctionCall jdbc) {
      String name = jdbc.getName(); // "{fn name}"
      String upper = name.toUpperCase(Locale.ROOT);
      if (name.equals(upper) || !name.startsWith("{fn ") || !name.endsWith("}")) {
        return null;
      }
      return new SqlJdbcFunctionCall(upper.substring(4, upper.length() - 1))
          .createCall(call.getParserPosition(), call.getOperandList().toArray(new SqlNode[0]));
    }
    if (call.getKind() == SqlKind.WITHIN_GROUP && call.operand(0).getKind() == SqlKind.PERCENTILE_CONT
        && call.operand(1) instanceof SqlNodeList order && !(order.size() == 1 && isDoubleCast(order.get(0)))) {
      return percentileCont(call, order);
    }
    String fn = name(call);
    if (fn == null) {
      return null;
    }
    SqlParserPos pos = call.getParserPosition();
    if (fn.equals("now") && call.operandCount() == 0) {
      return SqlStdOperatorTable.CURRENT_TIMESTAMP.createCall(pos);
    }
    if (fn.equals("date_trunc") && call.operandCount() == 2) {
      return floor(call, pos);
    }
    return null;
  }

  /**
   * The lower-case unqualified name {@code call}'s function was written with, or null if it is
   * qualified ({@code DATE_TRUNC} is parsed to Calcite's BigQuery operator, the rest are unresolved).
   */
  private static String name(SqlCall call) {
    if (call.getOperator() instanceof SqlUnresolvedFunction f) {
      return f.getSqlIdentifier() == null || f.getSqlIdentifier().names.size() != 1 ? null
          : f.getSqlIdentifier().getSimple().toLowerCase(Locale.ROOT);
    }
    return call.getOperator().getName().equalsIgnoreCase("DATE_TRUNC") ? "date_trunc" : null;
  }

  private static SqlNode floor(SqlCall call, SqlParserPos pos) {
    if (!(call.operand(0) instanceof SqlCharStringLiteral literal)) {
      throw new IndexStatements.IndexSyntaxException("DATE_TRUNC with a unit that is not a string literal; write"
          + " the unit as text, as in DATE_TRUNC('month', ts)");
    }
    String unit = literal.getValueAs(String.class).toLowerCase(Locale.ROOT).trim();
    TimeUnit u = UNITS.get(unit);
    if (u == null) {
      u = UNITS.get(unit + "s"); // millisecond, microsecond
    }
    if (u == null && unit.endsWith("s")) {
      u = UNITS.get(unit.substring(0, unit.length() - 1)); // months, days
    }
    if (u == null) {
      throw new IllegalArgumentException(new java.sql.SQLDataException("DATE_TRUNC unit '" + unit + "' is not"
          + " recognized; use one of " + String.join(", ", new java.util.TreeSet<>(UNITS.keySet())), "22023"));
    }
    if (u != TimeUnit.WEEK) {
      return SqlStdOperatorTable.FLOOR.createCall(pos, call.operand(1), new SqlIntervalQualifier(u, null, pos));
    }
    // Calcite's weeks start on Sunday, PostgreSQL's (ISO) on Monday: floor the day before, then add it back
    SqlNode dayBefore = SqlStdOperatorTable.MINUS.createCall(pos, call.operand(1), oneDay(pos));
    SqlNode sunday = SqlStdOperatorTable.FLOOR.createCall(pos, dayBefore, new SqlIntervalQualifier(u, null, pos));
    return SqlStdOperatorTable.PLUS.createCall(pos, sunday, oneDay(pos));
  }

  private static SqlNode oneDay(SqlParserPos pos) {
    return SqlLiteral.createInterval(1, "1", new SqlIntervalQualifier(TimeUnit.DAY, null, pos), pos);
  }

  /**
   * {@code PERCENTILE_CONT(f) WITHIN GROUP (ORDER BY x)} with {@code x} cast to DOUBLE: PostgreSQL's
   * result is a double precision interpolated between two values, where Calcite would type it as
   * {@code x} (an INTEGER column would then answer 2 where the percentile is 2.5).
   */
  private static SqlNode percentileCont(SqlCall call, SqlNodeList order) {
    SqlNode item = order.get(0);
    SqlNode cast;
    if (item.getKind() == SqlKind.DESCENDING && item instanceof SqlCall desc) {
      cast = SqlStdOperatorTable.DESC.createCall(desc.getParserPosition(), toDouble(desc.operand(0)));
    } else {
      cast = toDouble(item);
    }
    return SqlStdOperatorTable.WITHIN_GROUP.createCall(call.getParserPosition(), call.operand(0),
        new SqlNodeList(List.of(cast), order.getParserPosition()));
  }

  private static SqlNode toDouble(SqlNode node) {
    SqlParserPos pos = node.getParserPosition();
    return SqlStdOperatorTable.CAST.createCall(pos, node,
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DOUBLE, pos), pos));
  }

  private static boolean isDoubleCast(SqlNode item) {
    SqlNode x = item.getKind() == SqlKind.DESCENDING ? ((SqlCall) item).operand(0) : item;
    return x.getKind() == SqlKind.CAST && ((SqlCall) x).operand(1) instanceof SqlDataTypeSpec t
        && t.getTypeName().getSimple().equals("DOUBLE");
  }

  /** Replaces, in {@code list}, each element that has a {@link #replacement}. */
  static void replaceIn(SqlNodeList list) {
    List<SqlNode> nodes = list.getList();
    for (int i = 0; i < nodes.size(); i++) {
      SqlNode r = replacement(nodes.get(i));
      if (r != null) {
        list.set(i, r);
      }
    }
  }
}
