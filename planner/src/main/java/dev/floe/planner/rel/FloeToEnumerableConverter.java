package dev.floe.planner.rel;

import dev.floe.planner.FloeTable;
import dev.floe.planner.pushdown.FilterSpecCodec;
import dev.floe.storage.Column;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterImpl;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.util.BuiltInMethod;

/**
 * Runs a {@link FloeTableScan} for the enumerable plan above it: the generated code calls {@link
 * FloeTable#scan} with the column ids and the encoded filter, and gets rows as {@code Object[]}.
 * A one-column scan hands on bare values ({@link JavaRowFormat#SCALAR}): Calcite's enumerable
 * operators re-derive their row format with {@code PhysTypeImpl.of(.., format)}, which turns ARRAY
 * into SCALAR for one field, so a one-column {@code Object[]} under e.g. a Sort would reach the
 * result set as an array instead of its value.
 */
public final class FloeToEnumerableConverter extends ConverterImpl implements EnumerableRel {

  public FloeToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
    super(cluster, ConventionTraitDef.INSTANCE, traits, input);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new FloeToEnumerableConverter(getCluster(), traitSet, sole(inputs));
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    RelOptCost cost = super.computeSelfCost(planner, mq);
    return cost == null ? null : cost.multiplyBy(0.1);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    FloeTableScan scan = (FloeTableScan) stripped(getInput());
    int[] ids = scan.columns().stream().mapToInt(Column::id).toArray();
    Expression rows = Expressions.call(scan.getTable().getExpression(FloeTable.class), "scan",
        implementor.getRootExpression(),
        Expressions.constant(ids),
        Expressions.constant(FilterSpecCodec.encode(scan.filter()), String.class));
    JavaRowFormat format = JavaRowFormat.ARRAY;
    if (getRowType().getFieldCount() == 1) {
      rows = Expressions.call(BuiltInMethod.SLICE0.method, rows);
      format = JavaRowFormat.SCALAR;
    }
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), format, false);
    return implementor.result(physType, Blocks.toBlock(rows));
  }

  private static RelNode stripped(RelNode node) {
    RelNode n = node;
    if (n instanceof org.apache.calcite.plan.volcano.RelSubset) {
      org.apache.calcite.plan.volcano.RelSubset s = (org.apache.calcite.plan.volcano.RelSubset) n;
      n = s.getBest() != null ? s.getBest() : s.getOriginal();
    }
    return n;
  }
}
