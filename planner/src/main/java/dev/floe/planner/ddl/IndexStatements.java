package dev.floe.planner.ddl;

import dev.floe.planner.ddl.SqlTokens.Kind;
import dev.floe.planner.ddl.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Parses the index statements Calcite's DDL grammar lacks, on the statement's tokens:
 *
 * <pre>
 * CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] [schema.]table [USING method]
 *     (column [ASC | DESC] [NULLS FIRST | LAST], ...)
 * DROP INDEX [CONCURRENTLY] [IF EXISTS] name [CASCADE | RESTRICT] [ON [schema.]table]
 * </pre>
 *
 * A CREATE INDEX without a name gets PostgreSQL's, {@code <table>_<columns>_idx}. An index on an
 * expression is refused (0A000).
 */
final class IndexStatements {
  private final List<Token> t;
  private int i;

  private IndexStatements(List<Token> tokens) {
    this.t = tokens;
  }

  /** The index statement {@code sql} is, or empty if it is not one. */
  static Optional<SqlNode> parse(String sql) {
    List<Token> tokens = SqlTokens.of(sql);
    if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).is(';')) {
      tokens = tokens.subList(0, tokens.size() - 1);
    }
    IndexStatements p = new IndexStatements(tokens);
    if (p.accept("CREATE")) {
      boolean unique = p.accept("UNIQUE");
      return p.accept("INDEX") ? Optional.of(p.create(unique)) : Optional.empty();
    }
    if (p.accept("DROP") && p.accept("INDEX")) {
      return Optional.of(p.drop());
    }
    return Optional.empty();
  }

  private SqlNode create(boolean unique) {
    accept("CONCURRENTLY");
    boolean ifNotExists = accept("IF", "NOT", "EXISTS");
    SqlIdentifier name = null;
    if (!peek("ON")) {
      name = identifier();
    }
    expect("ON");
    accept("ONLY");
    SqlIdentifier table = compound();
    if (accept("USING")) {
      identifier();
    }
    expect("(");
    List<SqlNode> columns = new ArrayList<>();
    List<String> names = new ArrayList<>();
    do {
      SqlIdentifier c = identifier();
      if (peek("(") || i < t.size() && (t.get(i).kind() == Kind.SYMBOL && !t.get(i).is(',') && !t.get(i).is(')'))) {
        throw new IndexSyntaxException("an index on an expression (at '" + t.get(i).text() + "'); Floe"
            + " indexes name columns, as in CREATE INDEX i ON t (a, b)");
      }
      if (!accept("ASC")) {
        accept("DESC");
      }
      if (accept("NULLS") && !accept("FIRST")) {
        expect("LAST");
      }
      columns.add(c);
      names.add(c.getSimple());
    } while (accept(","));
    expect(")");
    end();
    if (name == null) {
      name = new SqlIdentifier(table.names.get(table.names.size() - 1) + "_" + String.join("_", names) + "_idx",
          SqlParserPos.ZERO);
    }
    return new SqlCreateIndex(SqlParserPos.ZERO, ifNotExists, unique, name, table,
        new SqlNodeList(columns, SqlParserPos.ZERO));
  }

  private SqlNode drop() {
    accept("CONCURRENTLY");
    boolean ifExists = accept("IF", "EXISTS");
    SqlIdentifier name = compound();
    if (!accept("CASCADE")) {
      accept("RESTRICT");
    }
    SqlIdentifier table = accept("ON") ? compound() : null;
    end();
    return new SqlDropIndex(SqlParserPos.ZERO, ifExists, name, table);
  }

  private boolean peek(String word) {
    return i < t.size() && (word.length() == 1 ? t.get(i).is(word.charAt(0)) : t.get(i).is(word));
  }

  /** Consumes the words (or one-character symbols) if they come next, all of them. */
  private boolean accept(String... words) {
    for (int k = 0; k < words.length; k++) {
      Token next = i + k < t.size() ? t.get(i + k) : null;
      if (next == null || !(words[k].length() == 1 ? next.is(words[k].charAt(0)) : next.is(words[k]))) {
        return false;
      }
    }
    i += words.length;
    return true;
  }

  private void expect(String word) {
    if (!accept(word)) {
      throw syntax("expected " + word);
    }
  }

  private void end() {
    if (i < t.size()) {
      throw syntax("unexpected '" + t.get(i).text() + "'");
    }
  }

  private SqlIdentifier identifier() {
    if (i >= t.size() || t.get(i).kind() != Kind.WORD && t.get(i).kind() != Kind.QUOTED) {
      throw syntax("expected a name");
    }
    return new SqlIdentifier(t.get(i++).name(), SqlParserPos.ZERO);
  }

  /** A name, possibly qualified: {@code schema.table}. */
  private SqlIdentifier compound() {
    List<String> names = new ArrayList<>();
    names.add(identifier().getSimple());
    while (accept(".")) {
      names.add(identifier().getSimple());
    }
    return new SqlIdentifier(names, SqlParserPos.ZERO);
  }

  private IndexSyntaxException syntax(String what) {
    String at = i < t.size() ? " at '" + t.get(i).text() + "' (offset " + t.get(i).start() + ")" : " at the end";
    return new IndexSyntaxException("Syntax error in an index statement" + at + ": " + what + ". Write CREATE"
        + " [UNIQUE] INDEX [IF NOT EXISTS] name ON table (column, ...), or DROP INDEX [IF EXISTS] name");
  }

  /** A malformed index statement (42601). */
  static final class IndexSyntaxException extends RuntimeException {
    IndexSyntaxException(String message) {
      super(message);
    }
  }
}
