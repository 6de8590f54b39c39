package dev.floe.planner.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A GROUP BY that the Floe scan below it computes over its Arrow batches ({@link
 * dev.floe.planner.exec.BatchAggregator}) instead of handing rows to Calcite: one plain grouping
 * set, and only calls {@link dev.floe.planner.rules.FloeAggregatePushRule} accepts. Its input is
 * always a {@link FloeTableScan}.
 */
public final class FloeAggregate extends Aggregate implements FloeRel {

  public FloeAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input, ImmutableBitSet groupSet,
      List<AggregateCall> calls) {
    super(cluster, traits, List.of(), input, groupSet, null, calls);
  }

  @Override
  public Aggregate copy(RelTraitSet traitSet, RelNode input, ImmutableBitSet groupSet,
      List<ImmutableBitSet> groupSets, List<AggregateCall> aggCalls) {
    return new FloeAggregate(getCluster(), traitSet, input, groupSet, aggCalls);
  }

  /** Far cheaper than Calcite's row-at-a-time aggregate over the same scan: no row is built. */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    RelOptCost cost = super.computeSelfCost(planner, mq);
    return cost == null ? null : cost.multiplyBy(0.01);
  }
}
