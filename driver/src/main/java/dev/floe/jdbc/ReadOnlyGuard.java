package dev.floe.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses statements that would write when the connection is read-only ({@link
 * Connection#setReadOnly} or the {@code readOnly} URL property): SQLState 25006, before anything is
 * planned or written. A statement writes if its first keyword (after comments and parentheses) is
 * one of INSERT, UPSERT, UPDATE, DELETE, MERGE, CREATE, DROP, ALTER or TRUNCATE, or if it calls a
 * maintenance function that writes ({@code floe.vacuum}, {@code floe.compact}, snapshots).
 */
final class ReadOnlyGuard {
  private static final Set<String> WRITES =
      Set.of("INSERT", "UPSERT", "UPDATE", "DELETE", "MERGE", "CREATE", "DROP", "ALTER", "TRUNCATE");

  private ReadOnlyGuard() {}

  /** A call of a maintenance function that writes, such as {@code floe.vacuum(}. */
  private static final java.util.regex.Pattern MAINTENANCE = java.util.regex.Pattern.compile(
      "(?i)\\bfloe\\s*\\.\\s*(" + String.join("|", dev.floe.planner.admin.Maintenance.writingFunctions())
          + ")\\s*\\(");

  static void check(Connection connection, String sql) throws SQLException {
    if (sql == null || !connection.isReadOnly()) {
      return;
    }
    java.util.regex.Matcher m = MAINTENANCE.matcher(sql);
    String what = WRITES.contains(firstKeyword(sql)) ? firstKeyword(sql) : m.find() ? "floe." + m.group(1) : null;
    if (what != null) {
      throw SqlState.READ_ONLY_TRANSACTION.exception("cannot run " + what
          + " on a read-only connection; to write, open a connection without readOnly=true or"
          + " snapshot=NAME (or call setReadOnly(false) on one without a snapshot)");
    }
  }

  static String firstKeyword(String sql) {
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (sql.startsWith("--", i)) {
        int nl = sql.indexOf('\n', i);
        i = nl < 0 ? n : nl + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        break;
      }
    }
    int start = i;
    while (i < n && Character.isLetter(sql.charAt(i))) {
      i++;
    }
    return sql.substring(start, i).toUpperCase(Locale.ROOT);
  }
}
