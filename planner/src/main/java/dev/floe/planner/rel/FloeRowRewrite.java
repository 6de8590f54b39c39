package dev.floe.planner.rel;

import dev.floe.planner.FloeTable;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.BuiltInMethod;

/**
 * A DELETE or UPDATE of a Floe table that Calcite evaluates: its input yields each row to change
 * (the table's columns, then for an UPDATE the new values, cast to the column types), and {@link
 * FloeTable#rewriteRows} rewrites the stored rows with those values in one copy-on-write commit
 * (or into the open transaction). For WHERE clauses and SET values the segment reader cannot
 * evaluate: computed values, functions, subqueries.
 */
public final class FloeRowRewrite extends TableModify implements EnumerableRel {

  /** @param sourceExpressions for UPDATE, input references to the new values, one per updated column */
  public FloeRowRewrite(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
      Prepare.CatalogReader catalogReader, RelNode input, Operation operation, List<String> updateColumns,
      List<RexNode> sourceExpressions) {
    super(cluster, traits, table, catalogReader, input, operation, updateColumns, sourceExpressions, false);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new FloeRowRewrite(getCluster(), traitSet, getTable(), getCatalogReader(), sole(inputs), getOperation(),
        getUpdateColumnList(), getSourceExpressionList());
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // more than FloeRewrite (which has no input), less than any collection-based modify
    return planner.getCostFactory().makeTinyCost();
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    Expression rows = builder.append("rows", input.block);
    List<String> columns = isUpdate() ? getUpdateColumnList() : List.of();
    StringBuilder sources = new StringBuilder();
    if (isUpdate()) {
      for (RexNode e : getSourceExpressionList()) {
        sources.append(sources.length() == 0 ? "" : ",").append(((RexInputRef) e).getIndex());
      }
    }
    Expression count = Expressions.call(getTable().getExpression(FloeTable.class), "rewriteRows",
        implementor.getRootExpression(), Expressions.convert_(rows, Enumerable.class),
        Expressions.constant(input.physType.getFormat() == JavaRowFormat.SCALAR),
        Expressions.constant(isDelete()), Expressions.constant(String.join("\u0000", columns)),
        Expressions.constant(sources.toString()));
    builder.add(Expressions.return_(null,
        Expressions.call(BuiltInMethod.SINGLETON_ENUMERABLE.method, Expressions.convert_(count, Object.class))));
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        pref == Prefer.ARRAY ? JavaRowFormat.ARRAY : JavaRowFormat.SCALAR);
    return implementor.result(physType, builder.toBlock());
  }
}
