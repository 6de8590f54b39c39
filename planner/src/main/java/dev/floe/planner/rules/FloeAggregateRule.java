package dev.floe.planner.rules;

import dev.floe.planner.rel.FloeTableScan;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mapping;
import org.apache.calcite.util.mapping.Mappings;

/**
 * {@code Aggregate(FloeTableScan)} to {@code Aggregate'(FloeTableScan of the used columns)}: an
 * aggregate directly on a scan (Calcite merges plain projects into it) reads only its group keys
 * and arguments; {@code COUNT(*)} reads one column, the cheapest. Declines when every column is
 * used.
 */
public final class FloeAggregateRule extends RelOptRule {

  FloeAggregateRule() {
    super(operand(LogicalAggregate.class, operand(FloeTableScan.class, none())), "FloeAggregateRule");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalAggregate aggregate = call.rel(0);
    FloeTableScan scan = call.rel(1);
    int[] fields = scan.fields();
    ImmutableBitSet used = aggregate.getGroupSet();
    for (AggregateCall c : aggregate.getAggCallList()) {
      used = used.union(ImmutableBitSet.of(c.getArgList()));
      if (c.filterArg >= 0) {
        used = used.set(c.filterArg);
      }
      if (!c.collation.getFieldCollations().isEmpty()) {
        return; // ordered aggregates (LISTAGG ... WITHIN GROUP): leave them alone
      }
    }
    if (used.isEmpty()) {
      used = ImmutableBitSet.of(scan.cheapestField());
    }
    if (used.cardinality() >= fields.length) {
      return;
    }
    FloeTableScan.Pruned p = scan.prune(used, scan.filter());
    FloeTableScan pruned = p.scan();
    Mapping mapping = p.mapping();
    List<AggregateCall> calls = new ArrayList<>();
    for (AggregateCall c : aggregate.getAggCallList()) {
      calls.add(c.transform(mapping));
    }
    ImmutableBitSet groupSet = Mappings.apply(mapping, aggregate.getGroupSet());
    List<ImmutableBitSet> groupSets = new ArrayList<>();
    for (ImmutableBitSet g : aggregate.getGroupSets()) {
      groupSets.add(Mappings.apply(mapping, g));
    }
    call.transformTo(aggregate.copy(aggregate.getTraitSet(), pruned, groupSet, groupSets, calls));
  }
}
