package dev.floe.planner.rules;

import dev.floe.planner.pushdown.FilterSpec;
import dev.floe.planner.pushdown.FilterTranslator;
import dev.floe.planner.rel.FloeTableScan;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexUtil;

/**
 * {@code Filter(FloeTableScan)} to {@code Filter'(FloeTableScan with filter)}: the conjuncts the
 * segment reader supports move into the scan; the others stay in a filter above it (or none).
 * Declines when nothing can be pushed.
 */
public final class FloeFilterRule extends RelOptRule {

  FloeFilterRule() {
    super(operand(LogicalFilter.class, operand(FloeTableScan.class, none())), "FloeFilterRule");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalFilter filter = call.rel(0);
    FloeTableScan scan = call.rel(1);
    FilterTranslator translator = new FilterTranslator(scan.columns(), filter.getCluster().getRexBuilder());
    FilterTranslator.Split split = translator.split(filter.getCondition());
    if (split.pushed() == null) {
      return;
    }
    FilterSpec combined = scan.filterAnd(split.pushed());
    RelNode result = scan.with(scan.fields(), combined);
    if (!split.residual().isEmpty()) {
      result = filter.copy(filter.getTraitSet(), result,
          RexUtil.composeConjunction(filter.getCluster().getRexBuilder(), split.residual()));
    }
    call.transformTo(result);
  }
}
