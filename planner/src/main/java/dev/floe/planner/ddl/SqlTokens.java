package dev.floe.planner.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of a SQL text as the lexer sees them, with their positions: words (keywords and
 * unquoted names), double-quoted names, string literals, numbers and single-character symbols.
 * Comments and white space are skipped. For rewrites that must respect quoting and comments (a
 * keyword inside a string or a comment is never a keyword), never for evaluation.
 */
final class SqlTokens {
  /** The kinds of token. */
  enum Kind {
    WORD, QUOTED, STRING, NUMBER, SYMBOL
  }

  /**
   * One token.
   *
   * @param start offset of its first character
   * @param end offset after its last character
   */
  record Token(Kind kind, String text, int start, int end) {
    /** Whether this is the word {@code word} (case-insensitive). */
    boolean is(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    /** Whether this is the symbol {@code c}. */
    boolean is(char c) {
      return kind == Kind.SYMBOL && text.charAt(0) == c;
    }

    /**
     * The name this token spells, as the driver's lexer reads it: an unquoted word in lower case, a
     * quoted name as written (doubled quotes undone).
     */
    String name() {
      return kind == Kind.QUOTED ? text.substring(1, text.length() - 1).replace("\"\"", "\"")
          : text.toLowerCase(Locale.ROOT);
    }
  }

  private SqlTokens() {}

  /** The tokens of {@code sql}; an unterminated quote or comment runs to the end. */
  static List<Token> of(String sql) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (sql.startsWith("--", i)) {
        while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
          i++;
        }
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '\'' || c == '"') {
        int end = i + 1;
        while (end < n && !(sql.charAt(end) == c && (end + 1 >= n || sql.charAt(end + 1) != c))) {
          end += sql.charAt(end) == c ? 2 : 1; // a doubled quote stays inside
        }
        end = Math.min(end + 1, n);
        out.add(new Token(c == '"' ? Kind.QUOTED : Kind.STRING, sql.substring(i, end), i, end));
        i = end;
      } else if (Character.isLetter(c) || c == '_') {
        int end = i + 1;
        while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
            || sql.charAt(end) == '$')) {
          end++;
        }
        out.add(new Token(Kind.WORD, sql.substring(i, end), i, end));
        i = end;
      } else if (Character.isDigit(c)) {
        int end = i + 1;
        while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
          end++;
        }
        out.add(new Token(Kind.NUMBER, sql.substring(i, end), i, end));
        i = end;
      } else {
        out.add(new Token(Kind.SYMBOL, String.valueOf(c), i, i + 1));
        i++;
      }
    }
    return out;
  }
}
