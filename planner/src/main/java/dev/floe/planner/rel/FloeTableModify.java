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
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.BuiltInMethod;

/**
 * Executes an INSERT into a Floe table: the generated code streams the input rows into {@link
 * FloeTable#insert}, which writes them as segments and commits them as one append, and yields the
 * number of rows inserted.
 */
public final class FloeTableModify extends TableModify implements EnumerableRel {

  public FloeTableModify(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
      Prepare.CatalogReader catalogReader, RelNode input, Operation operation, List<String> updateColumns,
      List<RexNode> sourceExpressions, boolean flattened) {
    super(cluster, traits, table, catalogReader, input, operation, updateColumns, sourceExpressions, flattened);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new FloeTableModify(getCluster(), traitSet, getTable(), getCatalogReader(), sole(inputs),
        getOperation(), getUpdateColumnList(), getSourceExpressionList(), isFlattened());
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    Expression rows = builder.append("rows", input.block);
    Expression count = Expressions.call(getTable().getExpression(FloeTable.class), "insert",
        implementor.getRootExpression(), Expressions.convert_(rows, Enumerable.class),
        Expressions.constant(input.physType.getFormat() == JavaRowFormat.SCALAR));
    builder.add(Expressions.return_(null,
        Expressions.call(BuiltInMethod.SINGLETON_ENUMERABLE.method, Expressions.convert_(count, Object.class))));
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        pref == Prefer.ARRAY ? JavaRowFormat.ARRAY : JavaRowFormat.SCALAR);
    return implementor.result(physType, builder.toBlock());
  }
}
