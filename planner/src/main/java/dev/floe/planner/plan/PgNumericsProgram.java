package dev.floe.planner.plan;

import dev.floe.planner.types.PgNumericRewrite;
import java.util.List;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.tools.Program;

/**
 * Gives every expression of the plan PostgreSQL's numeric semantics ({@link PgNumericRewrite}):
 * run once before optimization (so constant folding evaluates the PostgreSQL forms) and once at the
 * end (for the divisions Calcite makes itself, AVG as SUM / COUNT).
 */
final class PgNumericsProgram implements Program {
  static final PgNumericsProgram PROGRAM = new PgNumericsProgram();

  private PgNumericsProgram() {}

  @Override
  public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    return BottomUp.rewrite(rel, r -> r.accept(new PgNumericRewrite(r.getCluster().getRexBuilder())));
  }
}
