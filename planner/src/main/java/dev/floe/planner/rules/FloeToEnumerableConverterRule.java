package dev.floe.planner.rules;

import dev.floe.planner.rel.FloeRel;
import dev.floe.planner.rel.FloeToEnumerableConverter;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** Converts a plan in {@link FloeRel#CONVENTION} to the enumerable convention. */
public final class FloeToEnumerableConverterRule extends ConverterRule {
  static final FloeToEnumerableConverterRule DEFAULT = Config.INSTANCE
      .withConversion(RelNode.class, FloeRel.CONVENTION, EnumerableConvention.INSTANCE,
          "FloeToEnumerableConverterRule")
      .withRuleFactory(FloeToEnumerableConverterRule::new)
      .toRule(FloeToEnumerableConverterRule.class);

  private FloeToEnumerableConverterRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    RelTraitSet traits = rel.getTraitSet().replace(EnumerableConvention.INSTANCE);
    return new FloeToEnumerableConverter(rel.getCluster(), traits, rel);
  }
}
