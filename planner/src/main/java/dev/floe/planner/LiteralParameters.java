package dev.floe.planner;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDateLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlTimestampLiteral;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimestampString;

/**
 * A query's literals that a plan need not be specific to, taken out as parameters, so that plain
 * statements differing only in those literals (a BI tool's time slice with a new bound each call)
 * share one plan ({@link PlanCache}).
 *
 * <p>Only a literal compared with a column in a WHERE clause is taken ({@code col = 5}, {@code
 * col BETWEEN TIMESTAMP '...' AND TIMESTAMP '...'}): a number, a character string or a DATE or
 * TIMESTAMP literal. Such a comparison casts the literal to the column's type, which is the type
 * the validator gives a {@code ?} in its place, so the parameterized plan answers exactly what the
 * literal plan does <em>when the literal's value is exactly a value of that type</em>; {@link
 * #bind} checks that for every value of every run and refuses otherwise (the caller then plans
 * the text as written). Literals anywhere else (the select list, LIMIT, GROUP BY ordinals,
 * function arguments, AS OF) stay: they may change the plan's shape or result types.
 */
final class LiteralParameters {
  /**
   * The text with each taken literal replaced by {@code ?} (in order), and the literals.
   *
   * @param kinds what each literal was (part of the plan's key: a number and a string in one
   *     place are different plans)
   */
  record Parameterized(String sql, List<SqlLiteral> literals, String kinds) {}

  private LiteralParameters() {}

  /**
   * {@code sql} with its comparable literals as parameters, or null when it has none, has {@code
   * ?}s of its own, or does not parse (planning the text reports that).
   */
  static Parameterized of(String sql, SqlParser.Config config) {
    if (sql.indexOf('?') >= 0) {
      return null;
    }
    SqlNode node;
    try {
      node = SqlParser.create(sql, config).parseStmt();
    } catch (SqlParseException | RuntimeException e) {
      return null;
    }
    List<SqlLiteral> found = new ArrayList<>();
    node.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select && select.getWhere() != null) {
          collect(select.getWhere(), found);
        }
        return super.visit(call);
      }
    });
    if (found.isEmpty()) {
      return null;
    }
    int[] lineStarts = lineStarts(sql);
    List<int[]> spans = new ArrayList<>();
    for (SqlLiteral l : found) {
      SqlParserPos p = l.getParserPosition();
      int from = offset(lineStarts, p.getLineNum(), p.getColumnNum());
      int to = offset(lineStarts, p.getEndLineNum(), p.getEndColumnNum()) + 1;
      if (from < 0 || to <= from || to > sql.length() || !spells(sql.substring(from, to), l)) {
        return null; // positions of a text the parser rewrote first (a :: cast, say): leave it alone
      }
      spans.add(new int[] {from, to});
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt(i -> spans.get(i)[0]));
    StringBuilder out = new StringBuilder();
    List<SqlLiteral> literals = new ArrayList<>();
    StringBuilder kinds = new StringBuilder();
    int at = 0;
    for (int i : order) {
      int[] s = spans.get(i);
      if (s[0] < at) {
        return null; // overlapping spans: positions are not what they seem
      }
      out.append(sql, at, s[0]).append('?');
      at = s[1];
      literals.add(found.get(i));
      SqlLiteral l = found.get(i);
      kinds.append(l instanceof SqlUnknownLiteral u ? u.tag : l.getTypeName().name()).append(',');
    }
    out.append(sql, at, sql.length());
    return new Parameterized(out.toString(), literals, kinds.toString());
  }

  /**
   * Whether {@code text}, cut from the statement at a literal's parser position, is that literal:
   * the parser may have read a rewritten text (Floe's parser turns {@code x::INT} into a CAST
   * first), whose positions do not fall on the statement as written.
   */
  static boolean spells(String text, SqlLiteral l) {
    try {
      if (l instanceof SqlNumericLiteral n) {
        return new BigDecimal(text.trim()).compareTo(n.getValueAs(BigDecimal.class)) == 0;
      }
      if (l instanceof SqlCharStringLiteral c) {
        int open = text.indexOf('\'');
        return open >= 0 && text.length() >= open + 2 && text.endsWith("'")
            && text.substring(open + 1, text.length() - 1).replace("''", "'").equals(c.getValueAs(NlsString.class).getValue());
      }
      if (l instanceof SqlUnknownLiteral u) {
        String t = text.trim();
        return t.regionMatches(true, 0, u.tag, 0, u.tag.length()) && t.endsWith("'" + u.getValue() + "'");
      }
    } catch (RuntimeException e) {
      return false;
    }
    return false;
  }

  /** Literals of comparisons with a column in {@code where}, through AND, OR and NOT. */
  private static void collect(SqlNode where, List<SqlLiteral> out) {
    if (!(where instanceof SqlBasicCall call)) {
      return;
    }
    SqlKind kind = call.getKind();
    switch (kind) {
      case AND, OR, NOT -> call.getOperandList().forEach(o -> collect(o, out));
      case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> {
        SqlNode a = call.operand(0);
        SqlNode b = call.operand(1);
        if (a instanceof SqlIdentifier && takeable(b)) {
          out.add((SqlLiteral) b);
        } else if (b instanceof SqlIdentifier && takeable(a)) {
          out.add((SqlLiteral) a);
        }
      }
      case BETWEEN -> {
        if (call.operandCount() == 3 && call.operand(0) instanceof SqlIdentifier
            && takeable(call.operand(1)) && takeable(call.operand(2))) {
          out.add(call.operand(1));
          out.add(call.operand(2));
        }
      }
      default -> { }
    }
  }

  private static boolean takeable(SqlNode n) {
    if (n instanceof SqlUnknownLiteral u) { // TIMESTAMP '...' and DATE '...' before validation
      return u.tag.equals("TIMESTAMP") || u.tag.equals("DATE");
    }
    return n instanceof SqlCharStringLiteral || n instanceof SqlNumericLiteral || n instanceof SqlDateLiteral || n instanceof SqlTimestampLiteral;
  }

  private static int[] lineStarts(String sql) {
    List<Integer> starts = new ArrayList<>(List.of(0));
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == sql.length() || sql.charAt(i + 1) != '\n'))) {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int offset(int[] lineStarts, int line, int column) {
    if (line < 1 || line > lineStarts.length || column < 1) {
      return -1;
    }
    return lineStarts[line - 1] + column - 1;
  }

  /**
   * The literals' values in Calcite's internal form as the plan's parameters {@code ?0, ?1, ...},
   * or null unless every value is exactly a value of its parameter's type (then the plan with
   * parameters answers what the text as written would).
   */
  static Map<String, Object> bind(List<SqlLiteral> literals, List<AvaticaParameter> parameters) {
    if (literals.size() != parameters.size()) {
      return null;
    }
    Map<String, Object> values = new java.util.HashMap<>();
    for (int i = 0; i < literals.size(); i++) {
      Object v = value(literals.get(i), parameters.get(i));
      if (v == null) {
        return null;
      }
      values.put("?" + i, v);
    }
    return values;
  }

  private static Object value(SqlLiteral literal, AvaticaParameter p) {
    try {
      SqlLiteral l = literal instanceof SqlUnknownLiteral u
          ? u.resolve(u.tag.equals("DATE") ? SqlTypeName.DATE : SqlTypeName.TIMESTAMP) : literal;
      switch (p.parameterType) {
        case java.sql.Types.TINYINT, java.sql.Types.SMALLINT, java.sql.Types.INTEGER, java.sql.Types.BIGINT -> {
          if (!(l instanceof SqlNumericLiteral n) || !n.isExact()) {
            return null;
          }
          BigDecimal b = n.getValueAs(BigDecimal.class);
          long v = b.longValueExact(); // throws unless integral and in range of a long
          return switch (p.parameterType) {
            case java.sql.Types.TINYINT -> v == (byte) v ? (Object) (byte) v : null;
            case java.sql.Types.SMALLINT -> v == (short) v ? (Object) (short) v : null;
            case java.sql.Types.INTEGER -> v == (int) v ? (Object) (int) v : null;
            default -> v;
          };
        }
        case java.sql.Types.DECIMAL, java.sql.Types.NUMERIC -> {
          if (!(l instanceof SqlNumericLiteral n) || !n.isExact()) {
            return null;
          }
          BigDecimal b = n.getValueAs(BigDecimal.class);
          BigDecimal scaled = b.setScale(p.scale); // throws if digits would be lost
          return scaled.precision() <= p.precision ? scaled : null;
        }
        case java.sql.Types.DOUBLE -> {
          return l instanceof SqlNumericLiteral n ? n.getValueAs(BigDecimal.class).doubleValue() : null;
        }
        case java.sql.Types.VARCHAR -> {
          if (!(l instanceof SqlCharStringLiteral s)) {
            return null;
          }
          String v = s.getValueAs(NlsString.class).getValue();
          return p.precision > 0 && v.length() > p.precision ? null : v;
        }
        case java.sql.Types.DATE -> {
          return l instanceof SqlDateLiteral d ? d.getValueAs(DateString.class).getDaysSinceEpoch() : null;
        }
        case java.sql.Types.TIMESTAMP -> {
          if (!(l instanceof SqlTimestampLiteral t) || !p.typeName.startsWith("TIMESTAMP")
              || p.typeName.contains("ZONE") || t.getPrec() > p.precision) {
            return null;
          }
          TimestampString ts = t.getValueAs(TimestampString.class);
          return ts.getMillisSinceEpoch();
        }
        default -> {
          return null;
        }
      }
    } catch (RuntimeException e) { // not a value of the type (a malformed date, digits lost, ...)
      return null;
    }
  }
}
