package dev.floe.planner.rel;

import dev.floe.planner.FloeTable;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.util.BuiltInMethod;

/**
 * A DELETE or UPDATE of a Floe table whose WHERE clause the segment reader evaluates itself and
 * whose new values are constants or parameters: one copy-on-write commit that rewrites only the
 * segments holding matching rows ({@link FloeTable#rewrite}). Yields the number of rows changed.
 */
public final class FloeRewrite extends AbstractRelNode implements EnumerableRel {
  private final RelOptTable table;
  private final String spec;
  private final RelDataType rowType;

  /**
   * @param spec the rewrite, encoded by {@link dev.floe.planner.pushdown.RewriteSpec#encode}
   * @param rowType the statement's row type (the update count)
   */
  public FloeRewrite(RelOptCluster cluster, RelOptTable table, String spec, RelDataType rowType) {
    super(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE));
    this.table = table;
    this.spec = spec;
    this.rowType = rowType;
  }

  @Override
  protected RelDataType deriveRowType() {
    return rowType;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("table", table.getQualifiedName()).item("rewrite", spec);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return planner.getCostFactory().makeTinyCost(); // always preferred over a row-by-row modify
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        pref.prefer(JavaRowFormat.SCALAR));
    return implementor.result(physType, Blocks.toBlock(Expressions.call(BuiltInMethod.SINGLETON_ENUMERABLE.method,
        Expressions.convert_(Expressions.call(table.getExpression(FloeTable.class), "rewrite",
            implementor.getRootExpression(), Expressions.constant(spec)), Object.class))));
  }

  @Override
  public List<org.apache.calcite.rel.RelNode> getInputs() {
    return List.of();
  }
}
