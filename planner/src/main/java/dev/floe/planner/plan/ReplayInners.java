package dev.floe.planner.plan;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableValues;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.tools.Program;

/**
 * A step of {@link FloeProgram} after optimization: the inner (right) input of every nested-loop
 * join is computed once per execution ({@link Replay}) instead of once per outer row. Nested-loop
 * joins are what Calcite uses for joins without an equality (cross joins, {@code a < b}); it
 * re-enumerates the inner input per outer row, so a Floe scan there was opened and decoded again
 * for every row (sqllogictest select4/select5: over half their time). The inner input is then held
 * in memory for the statement, as the build side of a hash join already is. Answers and row order
 * do not change.
 */
final class ReplayInners implements Program {
  static final ReplayInners PROGRAM = new ReplayInners();

  private ReplayInners() {}

  @Override
  public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    return rewrite(rel);
  }

  private static RelNode rewrite(RelNode rel) {
    return BottomUp.rewrite(rel, ReplayInners::replayInner);
  }

  private static RelNode replayInner(RelNode rel) {
    if (rel instanceof EnumerableNestedLoopJoin join) {
      RelNode inner = join.getRight();
      if (!(inner instanceof Replay) && !(inner instanceof EnumerableValues)) {
        return join.copy(join.getTraitSet(), join.getCondition(), join.getLeft(),
            new Replay(inner.getCluster(), inner.getTraitSet(), inner), join.getJoinType(), join.isSemiJoinDone());
      }
    }
    return rel;
  }
}
