package dev.floe.planner.ddl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PostgreSQL's cast operator {@code x::INTEGER}, which Calcite's grammar lacks, written as {@code
 * CAST(x AS INTEGER)} before the statement is parsed. As in PostgreSQL it binds tighter than any
 * other operator: its operand is the primary just before it (a name such as {@code t.x}, a
 * literal, a parenthesized expression or a function call); {@code -1::TEXT} is {@code -CAST(1 AS
 * TEXT)}. The type is a name, a multi-word name ({@code DOUBLE PRECISION}, {@code TIMESTAMP WITH
 * LOCAL TIME ZONE}) and optional arguments ({@code DECIMAL(10, 2)}). Text in string literals,
 * quoted identifiers and comments is left alone.
 */
final class InfixCasts {
  private InfixCasts() {}

  /** Words that continue a type name after its first word. */
  private static final List<String> CONTINUATIONS = List.of("PRECISION", "VARYING", "WITH", "WITHOUT", "LOCAL",
      "TIME", "ZONE");

  /** {@code sql} with every {@code ::} cast written as CAST; {@code sql} itself if it has none. */
  static String rewrite(String sql) {
    if (!sql.contains("::")) {
      return sql;
    }
    String s = sql;
    for (String next = once(s); next != null; next = once(s)) {
      s = next;
    }
    return s;
  }

  /** {@code s} with its first {@code ::} cast rewritten, or null if it has none. */
  private static String once(String s) {
    Map<Integer, Integer> openOf = new HashMap<>(); // end of a (...), '...' or "..." -> its start
    Deque<Integer> open = new ArrayDeque<>();
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '\'' || c == '"') {
        int end = closing(s, i, c);
        openOf.put(end, i);
        i = end;
      } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
        int eol = s.indexOf('\n', i);
        i = eol < 0 ? n : eol;
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 1;
      } else if (c == '(') {
        open.push(i);
      } else if (c == ')' && !open.isEmpty()) {
        openOf.put(i, open.pop());
      } else if (c == ':' && i + 1 < n && s.charAt(i + 1) == ':') {
        int start = operandStart(s, i, openOf);
        int end = typeEnd(s, i + 2);
        if (start < 0 || end < 0) {
          return null; // no operand or no type: let the parser say where
        }
        return s.substring(0, start) + "CAST(" + s.substring(start, i).strip() + " AS "
            + s.substring(i + 2, end).strip() + ")" + s.substring(end);
      }
    }
    return null;
  }

  /** The index of the quote closing the literal or identifier opened at {@code from}. */
  static int closing(String s, int from, char quote) {
    for (int i = from + 1; i < s.length(); i++) {
      if (s.charAt(i) == quote) {
        if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
          i++; // a doubled quote stands for itself
        } else {
          return i;
        }
      }
    }
    return s.length() - 1;
  }

  /** Where the primary ending just before {@code at} starts, or -1 if there is none. */
  private static int operandStart(String s, int at, Map<Integer, Integer> openOf) {
    int i = at - 1;
    while (i >= 0 && Character.isWhitespace(s.charAt(i))) {
      i--;
    }
    if (i < 0) {
      return -1;
    }
    int start;
    char c = s.charAt(i);
    if (openOf.containsKey(i) && s.charAt(openOf.get(i)) == '(') {
      start = name(s, openOf.get(i), openOf); // a function's name, if any
    } else if (openOf.containsKey(i) && c == '\'') {
      start = openOf.get(i);
    } else {
      start = name(s, i + 1, openOf);
      if (start == i + 1) {
        return -1;
      }
    }
    return start;
  }

  /** Where the (possibly qualified, possibly quoted) name or number ending before {@code end} starts. */
  private static int name(String s, int end, Map<Integer, Integer> openOf) {
    int i = end - 1;
    while (i >= 0) {
      char c = s.charAt(i);
      if (c == '"' && openOf.containsKey(i)) {
        i = openOf.get(i) - 1;
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.') {
        i--;
      } else {
        break;
      }
    }
    return i + 1;
  }

  /** Where the type name starting at {@code from} (after spaces) ends, or -1 if there is none. */
  private static int typeEnd(String s, int from) {
    int i = word(s, skip(s, from));
    if (i == skip(s, from)) {
      return -1;
    }
    while (true) {
      int next = skip(s, i);
      int after = word(s, next);
      if (after == next || !CONTINUATIONS.contains(s.substring(next, after).toUpperCase(Locale.ROOT))) {
        break;
      }
      i = after;
    }
    int paren = skip(s, i);
    if (paren < s.length() && s.charAt(paren) == '(') {
      int close = s.indexOf(')', paren);
      return close < 0 ? -1 : close + 1;
    }
    return i;
  }

  private static int skip(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int word(String s, int i) {
    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
      i++;
    }
    return i;
  }
}
