package dev.floe.planner.pushdown;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import dev.floe.storage.segment.Predicate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Turns a {@link FilterSpec} into the segment reader's {@link Predicate} at execution: literals
 * from their text, {@code ?} parameters from the execution's values (Calcite's internal
 * representation: DATE int days, TIME int milliseconds, TIMESTAMP long milliseconds), each
 * converted to the column's physical domain.
 */
public final class FilterBinder {
  private FilterBinder() {}

  /**
   * @param schema the pinned version's schema (to find each column's type by id)
   * @param params the value of parameter {@code i}
   */
  public static Predicate bind(FilterSpec spec, Schema schema, IntFunction<Object> params) {
    if (spec == null) {
      return Predicate.TRUE;
    }
    if (spec instanceof FilterSpec.Compare c) {
      Column col = column(schema, c.columnId());
      return new Predicate.Compare(c.columnId(), Predicate.Op.valueOf(c.op()), value(c.value(), col.type(), params));
    }
    if (spec instanceof FilterSpec.IsNull n) {
      return n.negated() ? new Predicate.IsNotNull(n.columnId()) : new Predicate.IsNull(n.columnId());
    }
    if (spec instanceof FilterSpec.StartsWith p) {
      Object prefix = value(p.prefix(), ColumnType.of(ColumnType.Kind.VARCHAR), params);
      return prefix == null ? Predicate.FALSE : new Predicate.StartsWith(p.columnId(), (String) prefix);
    }
    if (spec instanceof FilterSpec.And a) {
      return new Predicate.And(all(a.operands(), schema, params));
    }
    if (spec instanceof FilterSpec.Or o) {
      return new Predicate.Or(all(o.operands(), schema, params));
    }
    return new Predicate.Not(bind(((FilterSpec.Not) spec).operand(), schema, params));
  }

  private static List<Predicate> all(List<FilterSpec> specs, Schema schema, IntFunction<Object> params) {
    List<Predicate> out = new ArrayList<>(specs.size());
    for (FilterSpec s : specs) {
      out.add(bind(s, schema, params));
    }
    return out;
  }

  private static Column column(Schema schema, int id) {
    return schema.byId(id).orElseThrow(() -> new IllegalStateException(
        "pushed filter names column id " + id + ", which the table no longer has; prepare the statement again"));
  }

  /** A literal or parameter in the physical domain of a column of {@code type} (null for NULL). */
  public static Object value(FilterSpec.Value v, ColumnType type, IntFunction<Object> params) {
    if (v.param() != null) {
      return fromInternal(params.apply(v.param()), type);
    }
    if (v.literal() == null) {
      return null;
    }
    String t = v.literal();
    switch (type.kind()) {
      case BOOLEAN:
        return Boolean.valueOf(t);
      case REAL:
      case DOUBLE:
        return Double.valueOf(t);
      case DECIMAL:
        return new BigDecimal(t);
      case VARCHAR:
        return t;
      case VARBINARY:
        return Base64.getDecoder().decode(t);
      default:
        return Long.valueOf(t); // integers, DATE days, TIME and TIMESTAMP micros
    }
  }

  /** A parameter value in Calcite's internal representation, in the column's physical domain. */
  public static Object fromInternal(Object o, ColumnType type) {
    if (o == null) {
      return null;
    }
    switch (type.kind()) {
      case BOOLEAN:
        return o;
      case TINYINT:
      case SMALLINT:
      case INTEGER:
      case BIGINT:
        return o instanceof BigDecimal d ? d : o instanceof Number n && !(o instanceof Double || o instanceof Float)
            ? (Object) n.longValue() : new BigDecimal(o.toString());
      case REAL:
      case DOUBLE:
        return ((Number) o).doubleValue();
      case DECIMAL:
        return o instanceof BigDecimal ? o : new BigDecimal(o.toString());
      case VARCHAR:
        return o.toString();
      case VARBINARY:
        return o instanceof ByteString bs ? bs.getBytes() : o;
      case DATE:
        return o instanceof java.sql.Date d ? Math.floorDiv(d.getTime(), 86_400_000L) : ((Number) o).longValue();
      case TIME:
        return o instanceof java.sql.Time t ? t.getTime() * 1000L : ((Number) o).longValue() * 1000L;
      default: // TIMESTAMP, TIMESTAMP_LTZ: milliseconds to microseconds
        return o instanceof java.sql.Timestamp ts ? Math.multiplyExact(ts.getTime(), 1000L)
            : Math.multiplyExact(((Number) o).longValue(), 1000L);
    }
  }
}
