package dev.floe.planner.rules;

import dev.floe.planner.pushdown.FilterSpec;
import dev.floe.planner.pushdown.FilterTranslator;
import dev.floe.planner.rel.FloeTableScan;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mapping;
import org.apache.calcite.util.mapping.Mappings;

/**
 * {@code Aggregate(Filter(FloeTableScan))} in one step: the pushable conjuncts go into the scan,
 * and the scan reads only the columns the aggregate and the remaining conjuncts use ({@code
 * COUNT(*) ... WHERE ts > x} reads {@code ts} alone). Calcite's planner does not combine the
 * separate filter and aggregate rules into that plan by itself.
 */
public final class FloeAggregateFilterRule extends RelOptRule {

  FloeAggregateFilterRule() {
    super(operand(LogicalAggregate.class, operand(LogicalFilter.class, operand(FloeTableScan.class, none()))),
        "FloeAggregateFilterRule");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalAggregate aggregate = call.rel(0);
    LogicalFilter filter = call.rel(1);
    FloeTableScan scan = call.rel(2);
    for (AggregateCall c : aggregate.getAggCallList()) {
      if (!c.collation.getFieldCollations().isEmpty()) {
        return;
      }
    }
    FilterTranslator.Split split =
        new FilterTranslator(scan.columns(), filter.getCluster().getRexBuilder()).split(filter.getCondition());
    FilterSpec combined = scan.filterAnd(split.pushed());
    ImmutableBitSet used = aggregate.getGroupSet();
    for (AggregateCall c : aggregate.getAggCallList()) {
      used = used.union(ImmutableBitSet.of(c.getArgList()));
      if (c.filterArg >= 0) {
        used = used.set(c.filterArg);
      }
    }
    for (RexNode r : split.residual()) {
      used = used.union(RelOptUtil.InputFinder.bits(r));
    }
    int[] fields = scan.fields();
    FloeTableScan filtered = scan.with(fields, combined);
    if (used.isEmpty()) {
      used = ImmutableBitSet.of(filtered.cheapestField());
    }
    if (used.cardinality() >= fields.length && split.pushed() == null) {
      return; // nothing pushed, nothing pruned
    }
    FloeTableScan.Pruned p = scan.prune(used, combined);
    Mapping mapping = p.mapping();
    RelNode input = p.scan();
    if (!split.residual().isEmpty()) {
      RexPermuteInputsShuttle shuttle = RexPermuteInputsShuttle.of(mapping);
      List<RexNode> residual = new ArrayList<>();
      for (RexNode r : split.residual()) {
        residual.add(r.accept(shuttle));
      }
      input = filter.copy(filter.getTraitSet(), input,
          RexUtil.composeConjunction(filter.getCluster().getRexBuilder(), residual));
    }
    List<AggregateCall> calls = new ArrayList<>();
    for (AggregateCall c : aggregate.getAggCallList()) {
      calls.add(c.transform(mapping));
    }
    List<ImmutableBitSet> groupSets = new ArrayList<>();
    for (ImmutableBitSet g : aggregate.getGroupSets()) {
      groupSets.add(Mappings.apply(mapping, g));
    }
    call.transformTo(aggregate.copy(aggregate.getTraitSet(), input,
        Mappings.apply(mapping, aggregate.getGroupSet()), groupSets, calls));
  }
}
