package dev.floe.planner.plan;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.SingleRel;

/**
 * Its input's rows, computed once per execution and replayed to every consumer that enumerates
 * them again ({@link ReplayEnumerable}). {@link ReplayInners} puts it above the inner input of a
 * nested-loop join, which Calcite's nested-loop join enumerates afresh for every outer row: over a
 * Floe scan that opened the table (its version, manifest and segment footers) once per outer row.
 * The replays check the statement's cancel flag, as a scan's rows do.
 */
final class Replay extends SingleRel implements EnumerableRel {
  Replay(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
    super(cluster, traits, input);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new Replay(getCluster(), traitSet, sole(inputs));
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
    BlockBuilder b = new BlockBuilder();
    Expression rows = b.append("replayed", input.block);
    b.add(Expressions.return_(null,
        Expressions.call(ReplayEnumerable.class, "of", rows, implementor.getRootExpression())));
    return implementor.result(input.physType, b.toBlock());
  }
}
