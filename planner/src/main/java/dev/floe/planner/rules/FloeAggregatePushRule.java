package dev.floe.planner.rules;

import dev.floe.planner.rel.FloeAggregate;
import dev.floe.planner.rel.FloeTableScan;
import java.util.EnumSet;
import java.util.Set;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code Aggregate(FloeTableScan)} to {@link FloeAggregate}: the scan computes the aggregates over
 * its Arrow batches. Runs after {@link FloeAggregateRule} and {@link FloeAggregateFilterRule} have
 * pruned the scan and pushed the filter, so the aggregate reads only what it uses. Accepts one
 * plain grouping set of any column types and calls COUNT(*), COUNT(x), SUM/$SUM0 of integer and
 * DOUBLE columns with an integer or DOUBLE result, MIN/MAX of numbers, dates, times and
 * timestamps; no DISTINCT, FILTER or WITHIN GROUP. Anything else stays with Calcite.
 */
public final class FloeAggregatePushRule extends RelOptRule {
  private static final Set<SqlTypeName> INTEGERS =
      EnumSet.of(SqlTypeName.TINYINT, SqlTypeName.SMALLINT, SqlTypeName.INTEGER, SqlTypeName.BIGINT);
  private static final Set<SqlTypeName> SUMMABLE = EnumSet.of(SqlTypeName.TINYINT, SqlTypeName.SMALLINT,
      SqlTypeName.INTEGER, SqlTypeName.BIGINT, SqlTypeName.DOUBLE, SqlTypeName.FLOAT);
  private static final Set<SqlTypeName> ORDERED = EnumSet.of(SqlTypeName.TINYINT, SqlTypeName.SMALLINT,
      SqlTypeName.INTEGER, SqlTypeName.BIGINT, SqlTypeName.REAL, SqlTypeName.DOUBLE, SqlTypeName.FLOAT,
      SqlTypeName.DATE, SqlTypeName.TIME, SqlTypeName.TIMESTAMP, SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE);

  FloeAggregatePushRule() {
    super(operand(LogicalAggregate.class, operand(FloeTableScan.class, none())), "FloeAggregatePushRule");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalAggregate aggregate = call.rel(0);
    FloeTableScan scan = call.rel(1);
    if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
      return;
    }
    for (AggregateCall c : aggregate.getAggCallList()) {
      if (!supported(c, scan.getRowType())) {
        return;
      }
    }
    call.transformTo(new FloeAggregate(aggregate.getCluster(), scan.getTraitSet(), scan, aggregate.getGroupSet(),
        aggregate.getAggCallList()));
  }

  private static boolean supported(AggregateCall c, RelDataType input) {
    if (c.isDistinct() || c.filterArg >= 0 || !c.collation.getFieldCollations().isEmpty() || c.isApproximate()
        || c.getArgList().size() > 1) {
      return false;
    }
    SqlKind kind = c.getAggregation().getKind();
    if (kind == SqlKind.COUNT) {
      return true;
    }
    if (c.getArgList().size() != 1) {
      return false;
    }
    SqlTypeName arg = input.getFieldList().get(c.getArgList().get(0)).getType().getSqlTypeName();
    SqlTypeName result = c.getType().getSqlTypeName();
    switch (kind) {
      case SUM:
      case SUM0:
        return SUMMABLE.contains(arg) && SUMMABLE.contains(result)
            && (INTEGERS.contains(arg) || !INTEGERS.contains(result));
      case MIN:
      case MAX:
        return ORDERED.contains(arg) && arg == result;
      default:
        return false;
    }
  }
}
