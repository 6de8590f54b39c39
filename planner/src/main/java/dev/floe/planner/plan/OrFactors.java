package dev.floe.planner.plan;

import java.util.List;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.Program;

/**
 * A step of {@link FloeProgram} before join planning: in every filter and join condition, the
 * conjuncts common to all branches of an OR are pulled out of it ({@link RexUtil#pullFactors}):
 * {@code (a AND b) OR (a AND c)} becomes {@code a AND (b OR c)}. A join condition repeated in each
 * branch (TPC-H Q19: {@code p_partkey = l_partkey} in all three) then stands on its own, so the
 * planner pushes it into the join and makes it an equi-join, instead of filtering a cross product.
 * The rewritten condition is equivalent (also under three-valued logic); answers do not change.
 */
final class OrFactors implements Program {
  static final OrFactors PROGRAM = new OrFactors();

  private OrFactors() {}

  @Override
  public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    return BottomUp.rewrite(rel, OrFactors::pull);
  }

  private static RelNode pull(RelNode rel) {
    if (rel instanceof Filter filter) {
      RexNode c = pulled(filter, filter.getCondition());
      return c == filter.getCondition() ? rel : filter.copy(filter.getTraitSet(), filter.getInput(), c);
    }
    if (rel instanceof Join join) {
      RexNode c = pulled(join, join.getCondition());
      return c == join.getCondition() ? rel
          : join.copy(join.getTraitSet(), c, join.getLeft(), join.getRight(), join.getJoinType(), join.isSemiJoinDone());
    }
    return rel;
  }

  /** {@code condition} with common factors pulled out of its ORs, or {@code condition} itself if it has none. */
  private static RexNode pulled(RelNode rel, RexNode condition) {
    if (!containsOr(condition)) {
      return condition;
    }
    RexNode p = RexUtil.pullFactors(rel.getCluster().getRexBuilder(), condition);
    return p.equals(condition) ? condition : p;
  }

  private static boolean containsOr(RexNode node) {
    return node instanceof RexCall call
        && (call.getKind() == SqlKind.OR || call.getOperands().stream().anyMatch(OrFactors::containsOr));
  }
}
