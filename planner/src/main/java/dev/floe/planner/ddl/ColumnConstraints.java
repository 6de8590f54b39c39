package dev.floe.planner.ddl;

import dev.floe.planner.ddl.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Column constraints that Calcite's DDL grammar takes only as table constraints, moved there on the
 * statement's tokens before it is parsed: in {@code CREATE TABLE t (id INTEGER [CONSTRAINT c]
 * PRIMARY KEY, email VARCHAR UNIQUE, ...)} the constraint words are blanked (so every other
 * token keeps its position in error messages) and {@code , [CONSTRAINT c] PRIMARY KEY (id),
 * CONSTRAINT "t_email_key" UNIQUE (email)} is inserted before the closing parenthesis. A column
 * UNIQUE without a name gets PostgreSQL's, {@code <table>_<column>_key}. Anything else is left as
 * written, including table constraints and text inside quotes and comments.
 */
final class ColumnConstraints {
  private ColumnConstraints() {}

  /** {@code sql} with its column constraints written as table constraints; {@code sql} itself if none. */
  static String rewrite(String sql) {
    List<Token> t = SqlTokens.of(sql);
    int i = 0;
    if (t.isEmpty() || !t.get(i++).is("CREATE")) {
      return sql;
    }
    if (i + 1 < t.size() && t.get(i).is("OR") && t.get(i + 1).is("REPLACE")) {
      i += 2;
    }
    if (i < t.size() && (t.get(i).is("TEMPORARY") || t.get(i).is("TEMP"))) {
      i++;
    }
    if (i >= t.size() || !t.get(i++).is("TABLE")) {
      return sql;
    }
    if (i + 2 < t.size() && t.get(i).is("IF") && t.get(i + 1).is("NOT") && t.get(i + 2).is("EXISTS")) {
      i += 3;
    }
    Token table = null;
    while (i < t.size() && !t.get(i).is('(')) {
      if (t.get(i).kind() == SqlTokens.Kind.WORD || t.get(i).kind() == SqlTokens.Kind.QUOTED) {
        table = t.get(i);
      }
      i++;
    }
    if (table == null || i >= t.size()) {
      return sql;
    }
    StringBuilder out = new StringBuilder(sql);
    List<String> added = new ArrayList<>();
    int depth = 1;
    int element = i + 1;
    for (int j = i + 1; j < t.size() && depth > 0; j++) {
      Token k = t.get(j);
      if (k.is('(')) {
        depth++;
      } else if (k.is(')')) {
        depth--;
      }
      if (depth == 0 || depth == 1 && k.is(',')) {
        column(t, element, j, table, out, added);
        if (depth == 0 && !added.isEmpty()) {
          out.insert(k.start(), ", " + String.join(", ", added) + " ");
        }
        element = j + 1;
      }
    }
    return out.toString();
  }

  /**
   * The advice for an identity column ({@code GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY}) in a
   * CREATE TABLE, which Floe cannot take (it has no sequences), or empty if there is none.
   */
  static java.util.Optional<String> identityAdvice(String sql) {
    List<Token> t = SqlTokens.of(sql);
    if (t.isEmpty() || !t.get(0).is("CREATE")) {
      return java.util.Optional.empty();
    }
    for (int j = 0; j + 2 < t.size(); j++) {
      if (t.get(j).is("AS") && t.get(j + 1).is("IDENTITY") && j >= 1
          && (t.get(j - 1).is("ALWAYS") || t.get(j - 1).is("DEFAULT"))) {
        return java.util.Optional.of("GENERATED ... AS IDENTITY (offset " + t.get(j + 1).start() + "): Floe has no"
            + " identity columns or sequences; declare the key column without it and supply its values (a UUID,"
            + " or a counter kept by the application)");
      }
    }
    return java.util.Optional.empty();
  }

  /** Moves the constraints of the column defined by tokens {@code from..to-1}, if it is a column. */
  private static void column(List<Token> t, int from, int to, Token table, StringBuilder out, List<String> added) {
    if (from >= to) {
      return;
    }
    Token first = t.get(from);
    for (String word : List.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "LIKE", "PERIOD")) {
      if (first.is(word)) {
        return; // a table constraint: Calcite's to parse (or refuse)
      }
    }
    String name = null;
    int depth = 0;
    for (int j = from + 1; j < to; j++) {
      Token k = t.get(j);
      if (k.is('(')) {
        depth++;
      } else if (k.is(')')) {
        depth--;
      }
      if (depth > 0) {
        continue;
      }
      if (k.is("CONSTRAINT") && j + 1 < to) {
        name = t.get(j + 1).text();
        blank(out, k, t.get(j + 1));
        j++;
      } else if (k.is("PRIMARY") && j + 1 < to && t.get(j + 1).is("KEY")) {
        blank(out, k, t.get(j + 1));
        added.add((name == null ? "" : "CONSTRAINT " + name + " ") + "PRIMARY KEY (" + first.text() + ")");
        name = null;
        j++;
      } else if (k.is("UNIQUE")) {
        blank(out, k, k);
        String shown = name != null ? name
            : "\"" + (table.name() + "_" + first.name() + "_key").replace("\"", "\"\"") + "\"";
        added.add("CONSTRAINT " + shown + " UNIQUE (" + first.text() + ")");
        name = null;
      }
    }
  }

  /** Replaces the text of tokens {@code a..b} by spaces (lengths and line breaks kept). */
  private static void blank(StringBuilder out, Token a, Token b) {
    for (int p = a.start(); p < b.end(); p++) {
      if (!Character.isWhitespace(out.charAt(p))) {
        out.setCharAt(p, ' ');
      }
    }
  }
}
