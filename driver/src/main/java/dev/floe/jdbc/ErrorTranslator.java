package dev.floe.jdbc;

import dev.floe.planner.csv.CsvException;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.io.StoreException;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;

/**
 * Turns whatever a statement threw (Calcite's state-less {@link SQLException}s, parser and
 * validator exceptions, raw runtime exceptions from generated code, storage failures) into one
 * {@link SQLException} with a SQLState, the JDBC 4 subclass of its class, a message of a sentence
 * or two, and the original chained as the cause.
 */
final class ErrorTranslator {
  private static final Pattern POSITION =
      Pattern.compile("^From line (\\d+), column (\\d+) to line \\d+, column \\d+: (.*)$", Pattern.DOTALL);
  /** Calcite's words for a datetime literal or string it cannot read (parser, validator, runtime). */
  private static final Pattern BAD_DATETIME = Pattern.compile(
      "(?s)(Illegal (DATE|TIME|TIMESTAMP)[A-Z_ ]* literal .*|Invalid (DATE|TIME|TIMESTAMP)[A-Z_ ]* value.*"
          + "|Value of \\w+ field is out of range in .*)");
  private static final Pattern AT_POSITION =
      Pattern.compile("^At line (\\d+), column (\\d+): (.*)$", Pattern.DOTALL);

  private ErrorTranslator() {}

  /** What executeQuery says about a statement that ran but returns no rows (Calcite's or Floe's own). */
  static SQLException noResultSet(Throwable cause) {
    return SqlState.NO_RESULT_SET.exception("the statement ran, but it is not a query and returns no rows,"
        + " so executeQuery has no result set to return; run statements other than queries with execute or"
        + " executeUpdate", cause);
  }

  /** The translated exception; an exception that already carries a SQLState is returned as is. */
  static SQLException translate(Throwable t) {
    if (t instanceof SQLException && ((SQLException) t).getSQLState() != null) {
      return (SQLException) t;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof CsvException) { // wherever it is: CREATE TABLE AS wraps its query's failures
        return fromCsv((CsvException) c);
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException && c != t && ((SQLException) c).getSQLState() != null) {
        return (SQLException) c;
      }
      if (c instanceof FloeException) {
        return fromFloe((FloeException) c);
      }
      if (c instanceof StoreException) {
        return StoreErrors.toSql((StoreException) c);
      }
    }
    Throwable root = rootCause(t);
    String cls = root.getClass().getName();
    String msg = root.getMessage() == null ? "" : root.getMessage().trim();
    if (root instanceof SQLException && msg.equals("Statement canceled")) { // Avatica's check in ResultSet.next
      return SqlState.QUERY_CANCELED.exception("the statement was cancelled (Statement.cancel); nothing it wrote"
          + " was committed and the connection is usable", t);
    }
    if (root instanceof SQLException && msg.equals("Statement did not return a result set")) {
      return noResultSet(t); // Avatica's words after running DDL or DML through executeQuery
    }
    if (root instanceof IllegalStateException && msg.startsWith("more than one value in agg SINGLE_VALUE")) {
      return SqlState.CARDINALITY_VIOLATION.exception("a scalar subquery returned more than one row; make it"
          + " return at most one (a WHERE on a key, an aggregate, or LIMIT 1)", t);
    }
    if ((root instanceof IllegalArgumentException || cls.endsWith("CalciteException"))
        && BAD_DATETIME.matcher(msg).matches()) {
      return SqlState.INVALID_DATETIME_FORMAT.exception("invalid datetime: " + located(t, msg)
          + "; write dates as 'yyyy-MM-dd' and timestamps as 'yyyy-MM-dd HH:mm:ss[.fff]' with real"
          + " months, days and times", t);
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      String n = c.getClass().getName();
      if (n.endsWith("SqlParseException") || n.endsWith(".ParseException") || n.endsWith("TokenMgrError")) {
        String line = firstLine(c.getMessage() == null ? msg : c.getMessage().trim());
        return SqlState.SYNTAX_ERROR.exception("syntax error: " + line + syntaxHint(line), t);
      }
    }
    if (cls.endsWith("SqlValidatorException") || cls.endsWith("CalciteContextException")) {
      return validation(located(t, msg), t);
    }
    if (root instanceof ArithmeticException) {
      return msg.contains("by zero")
          ? SqlState.DIVISION_BY_ZERO.exception("division by zero", t)
          : SqlState.NUMERIC_VALUE_OUT_OF_RANGE.exception("numeric value out of range: " + msg, t);
    }
    if (root instanceof ClassCastException) {
      return SqlState.DATATYPE_MISMATCH.exception("a value has the wrong type for where it is used (" + msg
          + "); bind each parameter with the setter of its column's type, or CAST it in the SQL", t);
    }
    if (root instanceof NumberFormatException) {
      return SqlState.INVALID_TEXT_REPRESENTATION.exception(
          "invalid number: " + msg + "; cast only text that holds a number, or use a number literal", t);
    }
    if (root instanceof AssertionError && List.of("UPDATE", "DELETE", "MERGE").contains(msg)) {
      // Calcite's own collection-based modify refuses these; Floe's copy-on-write path is pending
      return SqlState.FEATURE_NOT_SUPPORTED.exception("not supported: " + dev.floe.planner.FloeTable.REWRITE_LIMITS, t);
    }
    if (root instanceof java.sql.SQLFeatureNotSupportedException) {
      return SqlState.FEATURE_NOT_SUPPORTED.exception("not supported: " + (msg.isEmpty() || msg.startsWith("java.")
          ? "this JDBC method" : msg), t);
    }
    if (root instanceof UnsupportedOperationException) {
      return SqlState.FEATURE_NOT_SUPPORTED.exception(
          "not supported: " + (msg.isEmpty() ? "this operation" : msg), t);
    }
    if (root instanceof java.util.NoSuchElementException && msg.startsWith("Expecting cursor position")) {
      return SqlState.INVALID_CURSOR_STATE.exception("no current row: read values only after next() returned"
          + " true", t);
    }
    if (root instanceof SQLException && msg.equals("ResultSet closed")) {
      return SqlState.INVALID_CURSOR_STATE.exception("the result set is closed; run the query again to read"
          + " its rows", t);
    }
    if (msg.contains("operation=[MERGE]")) {
      return SqlState.FEATURE_NOT_SUPPORTED.exception("not supported: MERGE; write it as an UPDATE of the"
          + " matching rows and an INSERT ... SELECT of the others (WHERE NOT EXISTS), in one transaction", t);
    }
    if (msg.startsWith("Unable to implement") && msg.contains("CURRENT_SCHEMA")) {
      return SqlState.FEATURE_NOT_SUPPORTED.exception("not supported: CURRENT_SCHEMA; Floe's tables are in"
          + " schema 'floe' (Connection.getSchema() says so)", t);
    }
    SQLException misuse = misuse(root, msg, t);
    if (misuse != null) {
      return misuse;
    }
    String text = t.getMessage() == null ? t.toString() : stripCalcitePrefix(t.getMessage());
    return SqlState.INTERNAL_ERROR.exception(firstLines(text), t);
  }

  private static final Pattern PARAMETER_ORDINAL = Pattern.compile("parameter ordinal (-?\\d+) out of range");
  private static final Pattern COLUMN_ORDINAL = Pattern.compile("invalid column ordinal: (-?\\d+)");
  private static final Pattern COLUMN_LABEL = Pattern.compile("column '(.*)' not found", Pattern.DOTALL);
  private static final Pattern CANNOT_CONVERT = Pattern.compile("cannot convert to ([\\w.\\[\\]]+)(?: \\(.*\\))?",
      Pattern.DOTALL);

  /**
   * A JDBC call used wrongly (a parameter left unset or out of range, a column that is not in the
   * result, a getter of the wrong type, a closed object), or a statement Calcite could not handle
   * for a reason of the user's (more values than columns, an operator it cannot run), as Avatica
   * and Calcite report them without a state; null if {@code msg} is none of these.
   */
  private static SQLException misuse(Throwable root, String msg, Throwable t) {
    if (msg.contains("unbound parameter")) {
      return SqlState.PARAMETER_NOT_SET.exception("a ? parameter has no value: set every parameter before"
          + " executing (setNull for NULL); values stay set until clearParameters", t);
    }
    Matcher m = PARAMETER_ORDINAL.matcher(msg);
    if (m.find()) {
      return SqlState.INVALID_PARAMETER_VALUE.exception("parameter index " + m.group(1) + " is out of range:"
          + " parameters are numbered from 1 to the number of ? in the statement"
          + " (getParameterMetaData().getParameterCount())", t);
    }
    m = COLUMN_ORDINAL.matcher(msg);
    if (m.find()) {
      return SqlState.INVALID_PARAMETER_VALUE.exception("column index " + m.group(1) + " is out of range:"
          + " columns are numbered from 1 to getMetaData().getColumnCount()", t);
    }
    m = COLUMN_LABEL.matcher(msg);
    if (root instanceof SQLException && m.matches()) {
      return SqlState.UNDEFINED_COLUMN.exception("column '" + m.group(1) + "' is not in this result set; use a"
          + " column name or alias of the query (getMetaData().getColumnLabel lists them)", t);
    }
    m = CANNOT_CONVERT.matcher(msg);
    if (root instanceof SQLException && m.matches()) {
      return SqlState.INVALID_CHARACTER_VALUE_FOR_CAST.exception("cannot read this value as " + m.group(1)
          + ": the column holds another type; use the getter of the column's type (getString for text), or"
          + " CAST it in the query", t);
    }
    if (root instanceof SQLException && (msg.equals("Statement closed") || msg.equals("Connection closed"))) {
      String what = msg.startsWith("Statement") ? "statement" : "connection";
      return SqlState.CONNECTION_DOES_NOT_EXIST.exception("the " + what + " is closed; "
          + (what.equals("statement") ? "create a new statement" : "open a new connection"), t);
    }
    if (root instanceof IndexOutOfBoundsException && calledFrom(root, "getLogicalTargetRowType")) {
      return SqlState.SYNTAX_ERROR.exception("INSERT has more expressions than target columns; give one value"
          + " per column of the table (or name the columns you insert)", t);
    }
    if (msg.startsWith("There are not enough rules to produce a node")) {
      Matcher missing = Pattern.compile("Missing conversions? is (\\w+)").matcher(msg);
      String op = missing.find() ? missing.group(1).replaceFirst("^Logical", "") : "an operator";
      return SqlState.FEATURE_NOT_SUPPORTED.exception("not supported: this query needs a form of " + op
          + " Floe cannot run (an aggregate or window function its executor has no implementation of);"
          + " rewrite it without that construct", t);
    }
    return null;
  }

  private static boolean calledFrom(Throwable t, String method) {
    for (StackTraceElement e : t.getStackTrace()) {
      if (e.getMethodName().equals(method)) {
        return true;
      }
    }
    return false;
  }

  /**
   * An internal error's message without the planner's dump of sets and Graphviz that follows
   * Calcite's "not enough rules" (hundreds of lines); the whole text stays in the cause.
   */
  private static String firstLines(String text) {
    int dump = text.indexOf("\nRoot: ");
    return dump < 0 ? text : text.substring(0, dump).trim() + " (the planner's state is in the cause)";
  }

  /**
   * A storage failure: its own code decides, except that a wrapped store failure keeps the
   * store's finer kind (credentials refused is 28000, not a generic store error).
   */
  private static SQLException fromCsv(CsvException e) {
    switch (e.kind()) {
      case FILE_NOT_FOUND:
        return SqlState.UNDEFINED_FILE.exception(e.getMessage(), e);
      case IO:
        return SqlState.IO_ERROR.exception(e.getMessage(), e);
      case BAD_FORMAT:
        return SqlState.BAD_COPY_FILE_FORMAT.exception(e.getMessage(), e);
      case BAD_VALUE:
        return SqlState.INVALID_TEXT_REPRESENTATION.exception(e.getMessage(), e);
      case ACCESS_DENIED:
        return SqlState.INSUFFICIENT_PRIVILEGE.exception(e.getMessage(), e);
      default:
        return SqlState.INVALID_PARAMETER_VALUE.exception(e.getMessage(), e);
    }
  }

  private static SQLException fromFloe(FloeException e) {
    if (e.code() == ErrorCode.STORE_ERROR || e.code() == ErrorCode.STORE_UNAVAILABLE) {
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        if (c instanceof StoreException) {
          return StoreErrors.stateOf(((StoreException) c).kind()).exception(e.getMessage(), e);
        }
      }
    }
    if (e.code() == ErrorCode.QUERY_TIMEOUT) {
      return SqlState.QUERY_TIMEOUT.exception(e.getMessage(), e); // 57014 is QUERY_CANCELED's code too
    }
    if (e.code() == ErrorCode.READ_ONLY) {
      // the refusal is the whole story: the SQLException is the most specific cause a caller finds
      // (Spring's getMostSpecificCause), as when the read-only check was the driver's own
      return SqlState.READ_ONLY_TRANSACTION.exception(e.getMessage());
    }
    return SqlState.forCode(e.code().sqlState()).exception(e.getMessage(), e);
  }

  private static SQLException validation(String msg, Throwable t) {
    String m = msg;
    if (m.matches("(?s).*Object '[^']*' not found.*") || m.matches("(?s).*Table '[^']*' not found.*")) {
      return SqlState.UNDEFINED_TABLE.exception(m + "; check the name (unquoted names are lower-cased)"
          + " and that the table exists", t);
    }
    if (m.matches("(?s).*Column '[^']*' not found.*") || m.contains("Unknown target column")) {
      return SqlState.UNDEFINED_COLUMN.exception(m + "; check the column name (unquoted names are lower-cased)", t);
    }
    if (m.contains("No match found for function signature")) {
      return SqlState.UNDEFINED_FUNCTION.exception(m + "; check the function's name and argument types", t);
    }
    if (m.startsWith("Illegal use of dynamic parameter")) {
      return SqlState.INDETERMINATE_DATATYPE.exception(m + "; nothing around this ? gives it a type: write"
          + " CAST(? AS VARCHAR) (or the type you bind)", t);
    }
    if (m.matches("(?s).*Table '[^']*' already exists.*")) {
      return SqlState.DUPLICATE_TABLE.exception(m + "; use IF NOT EXISTS or another name", t);
    }
    if (m.contains("does not allow NULLs") || m.contains("has no default value")) {
      return SqlState.NOT_NULL_VIOLATION.exception(m, t);
    }
    if (m.contains("Cannot apply") || m.contains("Cannot assign") || m.contains("incompatible")) {
      return SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception(m, t);
    }
    return SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception(m, t);
  }

  /** The validator's message with Calcite's "From line..." prefix turned into a suffix. */
  private static String located(Throwable t, String rootMessage) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getClass().getName().endsWith("CalciteContextException") && c.getMessage() != null) {
        Matcher m = POSITION.matcher(c.getMessage());
        if (m.matches()) {
          return m.group(3) + " (line " + m.group(1) + ", column " + m.group(2) + ")";
        }
        Matcher a = AT_POSITION.matcher(c.getMessage());
        if (a.matches()) {
          return a.group(3) + " (line " + a.group(1) + ", column " + a.group(2) + ")";
        }
      }
    }
    return rootMessage;
  }

  private static String stripCalcitePrefix(String m) {
    String s = m;
    if (s.startsWith("Error while executing SQL \"")) {
      int end = s.indexOf("\": ");
      if (end > 0) {
        s = s.substring(end + 3);
      }
    }
    return s;
  }

  /**
   * Advice for syntax other databases take and Floe's grammar does not: SELECT ... FOR UPDATE.
   */
  private static String syntaxHint(String line) {
    String stop = line.endsWith(".") ? "" : ".";
    if (line.startsWith("Encountered \"FOR\"")) {
      return stop + " If this is SELECT ... FOR UPDATE: Floe takes no row locks (of two transactions changing"
          + " the same rows, the second to commit fails with 40001 and may run again); leave FOR UPDATE out";
    }
    Matcher word = RESERVED_WORD.matcher(line);
    if (word.find() && SqlAbstractParserImpl.getSql92ReservedWords().contains(word.group(2).toUpperCase(Locale.ROOT))) {
      String w = word.group(2).toLowerCase(Locale.ROOT);
      return stop + " '" + w + "' is a reserved word; to use it as a name, write it in double quotes (\"" + w + "\")";
    }
    return "";
  }

  /** A syntax error's first line naming the word where parsing stopped: Calcite's two wordings. */
  private static final Pattern RESERVED_WORD =
      Pattern.compile("^(Encountered \"|Incorrect syntax near the keyword ')([A-Za-z_]+)[\"']");

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.replace("Encountered \"<EOF>\"", "unexpected end of statement");
  }

  private static Throwable rootCause(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    return r;
  }
}
