package dev.floe.planner.rules;

import dev.floe.planner.rel.FloeLogicalTableModify;
import dev.floe.planner.rel.FloeTableModify;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** Implements INSERT into a Floe table; UPDATE and DELETE are refused until the rewrite path lands. */
public final class FloeTableModifyRule extends ConverterRule {
  static final FloeTableModifyRule DEFAULT = Config.INSTANCE
      .withConversion(FloeLogicalTableModify.class, Convention.NONE, EnumerableConvention.INSTANCE,
          "FloeTableModifyRule")
      .withRuleFactory(FloeTableModifyRule::new)
      .toRule(FloeTableModifyRule.class);

  private FloeTableModifyRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    FloeLogicalTableModify modify = (FloeLogicalTableModify) rel;
    if (!modify.isInsert()) {
      throw new UnsupportedOperationException(modify.getOperation() + " of a Floe table (copy-on-write"
          + " UPDATE and DELETE arrive with the SQL issue)");
    }
    return new FloeTableModify(modify.getCluster(), modify.getTraitSet().replace(EnumerableConvention.INSTANCE),
        modify.getTable(), modify.getCatalogReader(),
        convert(modify.getInput(), modify.getInput().getTraitSet().replace(EnumerableConvention.INSTANCE)),
        modify.getOperation(), modify.getUpdateColumnList(), modify.getSourceExpressionList(), modify.isFlattened());
  }
}
