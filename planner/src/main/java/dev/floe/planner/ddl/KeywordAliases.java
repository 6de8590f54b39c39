package dev.floe.planner.ddl;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl.LexicalState;
import org.apache.calcite.sql.parser.ddl.ParseException;
import org.apache.calcite.sql.parser.ddl.Token;

/**
 * PostgreSQL's keywords as names, for Calcite's parser, which reserves many words that PostgreSQL
 * does not ({@code VALUE}, {@code YEAR}, {@code DATE}, ...): when a statement fails to parse at a
 * word Calcite reserves, and that word
 *
 * <ul>
 *   <li>directly follows {@code AS} (PostgreSQL accepts any keyword as a column label there: TPC-H
 *       Q11's {@code sum(...) AS value}), or
 *   <li>stands where the parser would accept an identifier (directly or after a {@code .}) and is
 *       not one of {@link #PG_RESERVED}, the words PostgreSQL reserves too ({@code ORDER BY value},
 *       {@code t.value}),
 * </ul>
 *
 * the statement is parsed again with that word written as the quoted identifier an unquoted name
 * would have become (under the connection's casing, so {@code value} names the column {@code value}
 * exactly as {@code val} names {@code val}). Every other syntax error stays one.
 */
final class KeywordAliases {
  /**
   * PostgreSQL's reserved key words (the "reserved" and "reserved (can be function or type)"
   * columns of its SQL Key Words appendix): never a name unless quoted, in PostgreSQL as here.
   */
  static final Set<String> PG_RESERVED = Set.copyOf(Arrays.asList(("ALL ANALYSE ANALYZE AND ANY ARRAY AS ASC"
      + " ASYMMETRIC BOTH CASE CAST CHECK COLLATE COLUMN CONSTRAINT CREATE CURRENT_CATALOG CURRENT_DATE"
      + " CURRENT_ROLE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER DEFAULT DEFERRABLE DESC DISTINCT DO ELSE END"
      + " EXCEPT FALSE FETCH FOR FOREIGN FROM GRANT GROUP HAVING IN INITIALLY INTERSECT INTO LATERAL LEADING LIMIT"
      + " LOCALTIME LOCALTIMESTAMP NOT NULL OFFSET ON ONLY OR ORDER PLACING PRIMARY REFERENCES RETURNING SELECT"
      + " SESSION_USER SOME SYMMETRIC SYSTEM_USER TABLE THEN TO TRAILING TRUE UNION UNIQUE USER USING VARIADIC"
      + " WHEN WHERE WINDOW WITH AUTHORIZATION BINARY COLLATION CONCURRENTLY CROSS CURRENT_SCHEMA FREEZE FULL"
      + " ILIKE INNER IS ISNULL JOIN LEFT LIKE NATURAL NOTNULL OUTER OVERLAPS RIGHT SIMILAR TABLESAMPLE VERBOSE")
      .split(" ")));
  private static final String IDENTIFIER = "<IDENTIFIER>";

  private KeywordAliases() {}

  /**
   * {@code sql} with the word at which {@code e} stopped quoted, or null if {@code e} did not stop
   * at such a word (see the class comment).
   */
  static String quoteKeyword(String sql, ParseException e, SqlAbstractParserImpl.Metadata metadata,
      Casing unquotedCasing, LexicalState lexicalState) {
    Token before = e.currentToken;
    Token word = before == null ? null : before.next;
    if (sql == null || word == null) {
      return null;
    }
    boolean afterAs = "AS".equalsIgnoreCase(before.image);
    if (".".equals(word.image) && word.next != null) { // t.value: the parser stops at the dot
      before = word;
      word = word.next;
    }
    if (word.image == null || !word.image.matches("[A-Za-z_]+") || word.beginLine != word.endLine) {
      return null;
    }
    String upper = word.image.toUpperCase(Locale.ROOT);
    if (!metadata.isReservedWord(upper)) {
      return null;
    }
    boolean asName = afterAs && before == e.currentToken
        || !PG_RESERVED.contains(upper) && (".".equals(before.image) || expectsIdentifier(e));
    if (!asName) {
      return null;
    }
    int start = offset(sql, word.beginLine, word.beginColumn);
    int end = start + word.image.length();
    if (start < 0 || end > sql.length() || !sql.substring(start, end).equals(word.image)) {
      return null;
    }
    String name = switch (unquotedCasing) {
      case TO_LOWER -> word.image.toLowerCase(Locale.ROOT);
      case TO_UPPER -> upper;
      case UNCHANGED -> word.image;
    };
    String quoted = switch (lexicalState) {
      case DQID -> '"' + name + '"';
      case BTID, BQID -> '`' + name + '`';
      case DEFAULT -> '[' + name + ']';
    };
    return sql.substring(0, start) + quoted + sql.substring(end);
  }

  /** Whether an identifier is one of the tokens the parser would have accepted where it stopped. */
  private static boolean expectsIdentifier(ParseException e) {
    if (e.expectedTokenSequences == null || e.tokenImage == null) {
      return false;
    }
    for (int[] sequence : e.expectedTokenSequences) {
      if (sequence.length > 0 && sequence[0] < e.tokenImage.length && IDENTIFIER.equals(e.tokenImage[sequence[0]])) {
        return true;
      }
    }
    return false;
  }

  /** The offset of 1-based {@code line} and {@code column} in {@code sql} (tab size 1), or -1. */
  private static int offset(String sql, int line, int column) {
    int l = 1;
    int i = 0;
    while (l < line && i < sql.length()) {
      char c = sql.charAt(i++);
      if (c == '\n' || c == '\r' && (i >= sql.length() || sql.charAt(i) != '\n')) {
        l++;
      }
    }
    return l == line ? i + column - 1 : -1;
  }
}
