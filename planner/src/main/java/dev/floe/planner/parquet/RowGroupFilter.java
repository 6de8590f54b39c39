package dev.floe.planner.parquet;

import dev.floe.storage.ColumnType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import org.apache.calcite.sql.type.SqlTypeName;
import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.io.api.Binary;

/**
 * The part of a scan's pushed conditions that footer statistics can decide, as a parquet-java
 * {@link FilterPredicate}: conjuncts {@code column op literal} ({@code =, <>, <, <=, >, >=}, IS [NOT]
 * NULL) on integer, DATE, TIMESTAMP, VARCHAR and BOOLEAN columns. Row groups whose min/max (or
 * dictionary) prove that no row can match are then never read. Only a superset of the matching
 * rows is kept this way: every condition is still evaluated on every row read, so a conjunct left
 * out (an expression, a cast, a floating-point or DECIMAL column) costs reading, never correctness.
 */
final class RowGroupFilter {
  private static final RexBuilder REX = new RexBuilder(new JavaTypeFactoryImpl());

  private static final Set<SqlTypeName> INTEGERS =
      EnumSet.of(SqlTypeName.TINYINT, SqlTypeName.SMALLINT, SqlTypeName.INTEGER, SqlTypeName.BIGINT);
  private static final Set<SqlTypeName> DATES = EnumSet.of(SqlTypeName.DATE);
  private static final Set<SqlTypeName> STRINGS = EnumSet.of(SqlTypeName.CHAR, SqlTypeName.VARCHAR);
  private static final Set<SqlTypeName> TIMESTAMPS = EnumSet.of(SqlTypeName.TIMESTAMP,
      SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE);

  private RowGroupFilter() {}

  /** Whether the literal's own type is one of {@code types}: its value then converts exactly. */
  private static boolean literalIs(RexLiteral literal, Set<SqlTypeName> types) {
    return types.contains(literal.getType().getSqlTypeName());
  }

  /** The filter for {@code conditions} over {@code columns} (the table's, in order), or NOOP. */
  static FilterCompat.Filter of(List<RexNode> conditions, List<ParquetColumn> columns) {
    List<FilterPredicate> parts = new ArrayList<>();
    for (RexNode condition : conditions) {
      for (RexNode c : RelOptUtil.conjunctions(RexUtil.expandSearch(REX, null, condition))) {
        FilterPredicate p = predicate(c, columns);
        if (p != null) {
          parts.add(p);
        }
      }
    }
    if (parts.isEmpty()) {
      return FilterCompat.NOOP;
    }
    FilterPredicate all = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      all = FilterApi.and(all, parts.get(i));
    }
    return FilterCompat.get(all);
  }

  private static FilterPredicate predicate(RexNode node, List<ParquetColumn> columns) {
    if (!(node instanceof RexCall call)) {
      return null;
    }
    SqlKind kind = call.getKind();
    if ((kind == SqlKind.IS_NULL || kind == SqlKind.IS_NOT_NULL) && call.getOperands().get(0) instanceof RexInputRef ref) {
      return nullTest(columns.get(ref.getIndex()), kind == SqlKind.IS_NULL);
    }
    if (call.getOperands().size() != 2) {
      return null;
    }
    RexNode a = call.getOperands().get(0);
    RexNode b = call.getOperands().get(1);
    if (a instanceof RexLiteral && b instanceof RexInputRef) {
      RexNode t = a;
      a = b;
      b = t;
      kind = kind.reverse();
    }
    if (!(a instanceof RexInputRef ref) || !(b instanceof RexLiteral literal) || literal.isNull()) {
      return null;
    }
    switch (kind) {
      case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL:
        return compare(columns.get(ref.getIndex()), kind, literal);
      default:
        return null;
    }
  }

  private static FilterPredicate nullTest(ParquetColumn c, boolean isNull) {
    if (c.name().contains(".")) {
      return null;
    }
    switch (c.primitive().getPrimitiveTypeName()) {
      case INT32:
        return isNull ? FilterApi.eq(FilterApi.intColumn(c.name()), null) : FilterApi.notEq(FilterApi.intColumn(c.name()), null);
      case INT64:
        return isNull ? FilterApi.eq(FilterApi.longColumn(c.name()), null) : FilterApi.notEq(FilterApi.longColumn(c.name()), null);
      case BINARY:
        return isNull ? FilterApi.eq(FilterApi.binaryColumn(c.name()), null) : FilterApi.notEq(FilterApi.binaryColumn(c.name()), null);
      default:
        return null;
    }
  }

  private static FilterPredicate compare(ParquetColumn c, SqlKind kind, RexLiteral literal) {
    if (c.name().contains(".")) {
      return null; // parquet-java's filter API splits column paths at dots
    }
    switch (c.decode()) {
      case PLAIN:
        switch (c.type().kind()) {
          case TINYINT, SMALLINT, INTEGER, DATE: {
            if (!literalIs(literal, c.type().kind() == ColumnType.Kind.DATE ? DATES : INTEGERS)) {
              return null;
            }
            Integer v = literal.getValueAs(Integer.class);
            return v == null ? null : ordered(kind, FilterApi.intColumn(c.name()), v);
          }
          case BIGINT: {
            if (!literalIs(literal, INTEGERS)) {
              return null;
            }
            Long v = literal.getValueAs(Long.class);
            return v == null ? null : ordered(kind, FilterApi.longColumn(c.name()), v);
          }
          case BOOLEAN: {
            Boolean v = literal.getValueAs(Boolean.class);
            return v == null || kind != SqlKind.EQUALS ? null : FilterApi.eq(FilterApi.booleanColumn(c.name()), v);
          }
          default:
            return null;
        }
      case STRING: {
        if (!literalIs(literal, STRINGS)) {
          return null;
        }
        String v = literal.getValueAs(String.class);
        return v == null ? null : ordered(kind, FilterApi.binaryColumn(c.name()), Binary.fromString(v));
      }
      case TIMESTAMP_MILLIS:
        return timestamp(c, kind, literal, 1);
      case TIMESTAMP_MICROS:
        return timestamp(c, kind, literal, 1_000);
      case TIMESTAMP_NANOS:
        return timestamp(c, kind, literal, 1_000_000);
      default:
        return null;
    }
  }

  /**
   * A timestamp compared at millisecond precision (what SQL sees) against values stored in units of
   * {@code 1/factor} ms: the stored value {@code x} shows as {@code floor(x / factor)}.
   */
  private static FilterPredicate timestamp(ParquetColumn c, SqlKind kind, RexLiteral literal, long factor) {
    if (!literalIs(literal, TIMESTAMPS)) {
      return null;
    }
    Long ms = literal.getValueAs(Long.class);
    if (ms == null || Math.abs(ms) > Long.MAX_VALUE / factor / 2) {
      return null;
    }
    long low = ms * factor;
    long high = low + factor - 1;
    var col = FilterApi.longColumn(c.name());
    switch (kind) {
      case LESS_THAN:
        return FilterApi.lt(col, low);
      case LESS_THAN_OR_EQUAL:
        return FilterApi.ltEq(col, high);
      case GREATER_THAN:
        return FilterApi.gt(col, high);
      case GREATER_THAN_OR_EQUAL:
        return FilterApi.gtEq(col, low);
      case EQUALS:
        return FilterApi.and(FilterApi.gtEq(col, low), FilterApi.ltEq(col, high));
      default:
        return null;
    }
  }

  private static <T extends Comparable<T>, C extends org.apache.parquet.filter2.predicate.Operators.Column<T>
      & org.apache.parquet.filter2.predicate.Operators.SupportsLtGt> FilterPredicate ordered(SqlKind kind, C col, T v) {
    switch (kind) {
      case EQUALS:
        return FilterApi.eq(col, v);
      case NOT_EQUALS:
        return FilterApi.notEq(col, v);
      case LESS_THAN:
        return FilterApi.lt(col, v);
      case LESS_THAN_OR_EQUAL:
        return FilterApi.ltEq(col, v);
      case GREATER_THAN:
        return FilterApi.gt(col, v);
      case GREATER_THAN_OR_EQUAL:
        return FilterApi.gtEq(col, v);
      default:
        return null;
    }
  }
}
