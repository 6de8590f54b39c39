package dev.floe.planner.ddl;

import dev.floe.planner.ddl.SqlTokens.Kind;
import dev.floe.planner.ddl.SqlTokens.Token;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Parses COPY, which Calcite's grammar lacks, on the statement's tokens:
 *
 * <pre>
 * COPY (query) TO 'file' [[WITH] (FORMAT parquet [, COMPRESSION snappy | zstd | gzip | uncompressed])]
 * COPY [schema.]table TO 'file' [...]
 * </pre>
 *
 * The format is Parquet, named by the option or by the file's {@code .parquet} extension; any other
 * format, COPY FROM, and a file name with neither are refused with what to write instead.
 */
final class CopyStatements {
  private CopyStatements() {}

  /** The COPY statement {@code sql} is, or empty if it does not start with COPY. */
  static Optional<SqlNode> parse(String sql) {
    if (!mayBeCopy(sql)) {
      return Optional.empty(); // most statements: not tokenized again
    }
    List<Token> t = SqlTokens.of(sql);
    if (!t.isEmpty() && t.get(t.size() - 1).is(';')) {
      t = t.subList(0, t.size() - 1);
    }
    if (t.isEmpty() || !t.get(0).is("COPY")) {
      return Optional.empty();
    }
    int i = 1;
    String query;
    if (i < t.size() && t.get(i).is('(')) {
      int depth = 0;
      int end = i;
      for (; end < t.size(); end++) {
        if (t.get(end).is('(')) {
          depth++;
        } else if (t.get(end).is(')') && --depth == 0) {
          break;
        }
      }
      if (end >= t.size()) {
        throw syntax("the query's parenthesis is not closed");
      }
      query = sql.substring(t.get(i).end(), t.get(end).start()).trim();
      i = end + 1;
    } else {
      int start = i;
      while (i < t.size() && (t.get(i).kind() == Kind.WORD || t.get(i).kind() == Kind.QUOTED || t.get(i).is('.'))
          && !t.get(i).is("TO") && !t.get(i).is("FROM")) {
        i++;
      }
      if (i == start) {
        throw syntax("expected a table name or a parenthesized query after COPY");
      }
      query = "SELECT * FROM " + sql.substring(t.get(start).start(), t.get(i - 1).end());
    }
    if (i < t.size() && t.get(i).is("FROM")) {
      throw syntax("COPY ... FROM is not supported; load a file with INSERT INTO t SELECT * FROM"
          + " TABLE(floe.read_csv('f.csv')) or TABLE(floe.read_parquet('f.parquet'))");
    }
    if (i >= t.size() || !t.get(i).is("TO")) {
      throw syntax("expected TO 'file'");
    }
    i++;
    if (i >= t.size() || t.get(i).kind() != Kind.STRING) {
      throw syntax("expected the target file as a string literal after TO, such as TO 'out.parquet'");
    }
    String target = unquote(t.get(i++).text());
    String format = target.toLowerCase(Locale.ROOT).endsWith(".parquet") ? "parquet" : null;
    String compression = "snappy";
    if (i < t.size() && t.get(i).is("WITH")) {
      i++;
    }
    if (i < t.size() && t.get(i).is('(')) {
      i++;
      while (i < t.size() && !t.get(i).is(')')) {
        String option = t.get(i++).text().toUpperCase(Locale.ROOT);
        if (i >= t.size() || t.get(i).is(',') || t.get(i).is(')')) {
          throw syntax("option " + option + " needs a value");
        }
        String value = t.get(i).kind() == Kind.STRING ? unquote(t.get(i).text()) : t.get(i).text();
        i++;
        switch (option) {
          case "FORMAT" -> format = value.toLowerCase(Locale.ROOT);
          case "COMPRESSION", "CODEC" -> compression = value.toLowerCase(Locale.ROOT);
          default -> throw syntax("unknown option " + option + "; COPY TO takes FORMAT parquet and COMPRESSION"
              + " snappy | zstd | gzip | uncompressed");
        }
        if (i < t.size() && t.get(i).is(',')) {
          i++;
        }
      }
      if (i >= t.size()) {
        throw syntax("the options' parenthesis is not closed");
      }
      i++;
    }
    if (i < t.size()) {
      throw syntax("unexpected '" + t.get(i).text() + "' at offset " + t.get(i).start());
    }
    return Optional.of(new SqlCopy(SqlParserPos.ZERO, query, target, format, compression));
  }

  /** False when the text's first word is plainly not COPY (true when a comment comes first). */
  private static boolean mayBeCopy(String sql) {
    int i = 0;
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return i < sql.length() && (sql.charAt(i) == '-' || sql.charAt(i) == '/' || sql.regionMatches(true, i, "COPY", 0, 4));
  }

  private static String unquote(String literal) {
    return literal.substring(1, Math.max(1, literal.length() - 1)).replace("''", "'");
  }

  private static IndexStatements.IndexSyntaxException syntax(String what) {
    return new IndexStatements.IndexSyntaxException("Syntax error in COPY: " + what + ". Write COPY (query)"
        + " TO 'file.parquet' [(FORMAT parquet, COMPRESSION zstd)] or COPY table TO 'file.parquet'");
  }
}
