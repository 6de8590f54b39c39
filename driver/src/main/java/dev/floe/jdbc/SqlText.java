package dev.floe.jdbc;

import java.util.Locale;

/**
 * The first keyword of a statement's text, for choosing a fast path (a batched INSERT) or which
 * failures to explain (writes to a view). Never a permission decision: what a read-only connection
 * may run is decided from the parsed statement ({@code dev.floe.planner.ReadOnlyCheck}) and by the
 * connection's store handle, because comments and line ends make text lie.
 */
final class SqlText {
  private SqlText() {}

  /** The first word after whitespace, parentheses and comments (a line comment ends at CR or LF), upper-cased. */
  static String firstKeyword(String sql) {
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (sql.startsWith("--", i)) {
        while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
          i++;
        }
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
