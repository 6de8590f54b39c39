package dev.floe.planner.rel;

import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexNode;

/**
 * INSERT, UPDATE or DELETE of a Floe table before planning. A type of its own (not Calcite's
 * {@code LogicalTableModify}), so that only {@link dev.floe.planner.rules.FloeTableModifyRule}
 * implements it, as one commit, and never Calcite's collection-based modify.
 */
public final class FloeLogicalTableModify extends TableModify {

  public FloeLogicalTableModify(RelOptCluster cluster, RelOptTable table, Prepare.CatalogReader catalogReader,
      RelNode input, Operation operation, List<String> updateColumns, List<RexNode> sourceExpressions,
      boolean flattened) {
    super(cluster, cluster.traitSetOf(Convention.NONE), table, catalogReader, input, operation,
        updateColumns, sourceExpressions, flattened);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new FloeLogicalTableModify(getCluster(), getTable(), getCatalogReader(), sole(inputs),
        getOperation(), getUpdateColumnList(), getSourceExpressionList(), isFlattened());
  }
}
