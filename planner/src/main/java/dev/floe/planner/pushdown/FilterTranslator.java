package dev.floe.planner.pushdown;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * Translates a Calcite filter condition into the predicate a Floe scan evaluates itself. A
 * condition is split into its conjuncts; each conjunct that the segment reader supports is pushed,
 * the rest stay in Calcite's plan ({@link Split#residual}). Supported: {@code =, <>, <, <=, >, >=}
 * between a column and a literal or {@code ?} (either side), IS [NOT] NULL, {@code LIKE
 * 'prefix%'}, IN and BETWEEN (Calcite's SEARCH), and AND, OR, NOT of supported conditions. A column
 * wrapped in a CAST is not pushed: the cast may change the comparison.
 */
public final class FilterTranslator {
  private final List<Column> fields;
  private final RexBuilder rexBuilder;

  /**
   * @param fields the column behind each input field of the filter
   * @param rexBuilder to expand SEARCH into plain comparisons
   */
  public FilterTranslator(List<Column> fields, RexBuilder rexBuilder) {
    this.fields = fields;
    this.rexBuilder = rexBuilder;
  }

  /**
   * The pushed and the remaining parts of a condition.
   *
   * @param pushed the conjuncts the scan evaluates (null if none)
   * @param residual the conjuncts Calcite must still evaluate
   */
  public record Split(FilterSpec pushed, List<RexNode> residual) {}

  /** Splits {@code condition} into what the scan takes and what remains. */
  public Split split(RexNode condition) {
    List<FilterSpec> pushed = new ArrayList<>();
    List<RexNode> residual = new ArrayList<>();
    for (RexNode conjunct : RexUtil.flattenAnd(List.of(condition))) {
      Optional<FilterSpec> t = translate(RexUtil.expandSearch(rexBuilder, null, conjunct));
      if (t.isPresent()) {
        pushed.add(t.get());
      } else {
        residual.add(conjunct);
      }
    }
    FilterSpec spec = pushed.isEmpty() ? null : pushed.size() == 1 ? pushed.get(0) : new FilterSpec.And(pushed);
    return new Split(spec, residual);
  }

  private Optional<FilterSpec> translate(RexNode node) {
    if (!(node instanceof RexCall)) {
      return Optional.empty();
    }
    RexCall call = (RexCall) node;
    switch (call.getKind()) {
      case AND:
      case OR: {
        List<FilterSpec> parts = new ArrayList<>();
        for (RexNode operand : call.getOperands()) {
          Optional<FilterSpec> p = translate(operand);
          if (p.isEmpty()) {
            return Optional.empty(); // all or nothing below the top level
          }
          parts.add(p.get());
        }
        return Optional.of(call.getKind() == SqlKind.AND ? new FilterSpec.And(parts) : new FilterSpec.Or(parts));
      }
      case NOT:
        return translate(call.getOperands().get(0)).map(FilterSpec.Not::new);
      case IS_NULL:
      case IS_NOT_NULL: {
        Column c = column(call.getOperands().get(0));
        return c == null ? Optional.empty()
            : Optional.of(new FilterSpec.IsNull(c.id(), call.getKind() == SqlKind.IS_NOT_NULL));
      }
      case EQUALS:
      case NOT_EQUALS:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
        return comparison(call);
      case LIKE: // not ILIKE (case-insensitive) nor the other library forms, which share the kind
        return call.getOperator() == SqlStdOperatorTable.LIKE ? like(call) : Optional.empty();
      default:
        return Optional.empty();
    }
  }

  private Optional<FilterSpec> comparison(RexCall call) {
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    SqlKind kind = call.getKind();
    Column c = column(left);
    RexNode other = right;
    if (c == null) {
      c = column(right);
      other = left;
      kind = kind.reverse();
    }
    if (c == null) {
      return Optional.empty();
    }
    Optional<FilterSpec.Value> v = value(other, c.type());
    if (v.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new FilterSpec.Compare(c.id(), op(kind), v.get()));
  }

  private Optional<FilterSpec> like(RexCall call) {
    if (call.getOperands().size() != 2) {
      return Optional.empty(); // LIKE ... ESCAPE
    }
    Column c = column(call.getOperands().get(0));
    if (c == null || c.type().kind() != ColumnType.Kind.VARCHAR
        || !(call.getOperands().get(1) instanceof RexLiteral)) {
      return Optional.empty();
    }
    String pattern = ((RexLiteral) call.getOperands().get(1)).getValueAs(String.class);
    if (pattern == null || !pattern.endsWith("%")) {
      return Optional.empty();
    }
    String prefix = pattern.substring(0, pattern.length() - 1);
    if (prefix.contains("%") || prefix.contains("_") || prefix.contains("\\")) {
      return Optional.empty();
    }
    return Optional.of(new FilterSpec.StartsWith(c.id(), FilterSpec.Value.literal(prefix)));
  }

  private Column column(RexNode node) {
    return node instanceof RexInputRef ref ? fields.get(ref.getIndex()) : null;
  }

  private static String op(SqlKind kind) {
    switch (kind) {
      case EQUALS:
        return "EQ";
      case NOT_EQUALS:
        return "NE";
      case LESS_THAN:
        return "LT";
      case LESS_THAN_OR_EQUAL:
        return "LE";
      case GREATER_THAN:
        return "GT";
      default:
        return "GE";
    }
  }

  /** A literal in the column's physical domain, or a parameter; empty if neither fits. */
  public static Optional<FilterSpec.Value> value(RexNode node, ColumnType type) {
    RexNode n = node;
    if (n.getKind() == SqlKind.CAST && ((RexCall) n).getOperands().get(0) instanceof RexDynamicParam) {
      n = ((RexCall) n).getOperands().get(0);
    }
    if (n instanceof RexDynamicParam p) {
      return Optional.of(FilterSpec.Value.param(p.getIndex()));
    }
    if (!(n instanceof RexLiteral lit)) {
      return Optional.empty();
    }
    if (lit.isNull()) {
      return Optional.of(new FilterSpec.Value(null, null));
    }
    String text = literalText(lit, type);
    return text == null ? Optional.empty() : Optional.of(FilterSpec.Value.literal(text));
  }

  /** The literal as physical-domain text for a column of {@code type}, or null if it cannot be. */
  public static String literalText(RexLiteral lit, ColumnType type) {
    try {
      switch (type.kind()) {
        case BOOLEAN:
          Boolean b = lit.getValueAs(Boolean.class);
          return b == null ? null : b.toString();
        case TINYINT:
        case SMALLINT:
        case INTEGER:
        case BIGINT: {
          BigDecimal d = lit.getValueAs(BigDecimal.class);
          return d == null ? null : d.toBigIntegerExact().toString();
        }
        case REAL:
        case DOUBLE: {
          Double d = lit.getValueAs(Double.class);
          return d == null ? null : Double.toString(d);
        }
        case DECIMAL: {
          BigDecimal d = lit.getValueAs(BigDecimal.class);
          return d == null ? null : d.toPlainString();
        }
        case VARCHAR:
          return lit.getValueAs(String.class);
        case VARBINARY: {
          ByteString bs = lit.getValueAs(ByteString.class);
          return bs == null ? null : Base64.getEncoder().encodeToString(bs.getBytes());
        }
        case DATE: {
          Integer days = lit.getValueAs(Integer.class);
          return days == null ? null : days.toString();
        }
        case TIME: {
          Integer ms = lit.getValueAs(Integer.class);
          return ms == null ? null : Long.toString(ms * 1000L);
        }
        case TIMESTAMP:
        case TIMESTAMP_LTZ: {
          Long ms = lit.getValueAs(Long.class);
          return ms == null ? null : Long.toString(Math.multiplyExact(ms, 1000L));
        }
        default:
          return null;
      }
    } catch (RuntimeException e) {
      return null; // a literal the column cannot hold exactly: leave the comparison to Calcite
    }
  }
}
