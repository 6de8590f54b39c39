package dev.floe.planner.rules;

import dev.floe.planner.pushdown.FilterSpec;
import dev.floe.planner.pushdown.FilterTranslator;
import dev.floe.planner.rel.FloeTableScan;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mapping;

/**
 * {@code Project(Filter(FloeTableScan))} in one step: the pushable conjuncts go into the scan, and
 * the scan reads only the columns the project and the remaining conjuncts use ({@code SELECT a
 * FROM t WHERE b > 1} reads {@code a} alone, the reader evaluating {@code b} by column id). The
 * separate filter and project rules do not reach that plan: once the filter is in the scan, the
 * project's columns are pruned only if Calcite happens to match the project again.
 */
public final class FloeProjectFilterRule extends RelOptRule {

  FloeProjectFilterRule() {
    super(operand(LogicalProject.class, operand(LogicalFilter.class, operand(FloeTableScan.class, none()))),
        "FloeProjectFilterRule");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalProject project = call.rel(0);
    LogicalFilter filter = call.rel(1);
    FloeTableScan scan = call.rel(2);
    FilterTranslator.Split split =
        new FilterTranslator(scan.columns(), filter.getCluster().getRexBuilder()).split(filter.getCondition());
    if (split.pushed() == null) {
      return; // FloeProjectRule prunes below a plain filter's input through Calcite's trimming
    }
    FilterSpec combined = scan.filterAnd(split.pushed());
    ImmutableBitSet used = ImmutableBitSet.of();
    for (RexNode e : project.getProjects()) {
      used = used.union(RelOptUtil.InputFinder.bits(e));
    }
    for (RexNode r : split.residual()) {
      used = used.union(RelOptUtil.InputFinder.bits(r));
    }
    if (used.isEmpty()) {
      used = ImmutableBitSet.of(scan.with(scan.fields(), combined).cheapestField());
    }
    FloeTableScan.Pruned p = scan.prune(used, combined);
    Mapping mapping = p.mapping();
    RexPermuteInputsShuttle shuttle = RexPermuteInputsShuttle.of(mapping);
    RelNode input = p.scan();
    if (!split.residual().isEmpty()) {
      List<RexNode> residual = new ArrayList<>();
      for (RexNode r : split.residual()) {
        residual.add(r.accept(shuttle));
      }
      input = filter.copy(filter.getTraitSet(), input,
          RexUtil.composeConjunction(filter.getCluster().getRexBuilder(), residual));
    }
    List<RexNode> projects = new ArrayList<>();
    for (RexNode e : project.getProjects()) {
      projects.add(e.accept(shuttle));
    }
    call.transformTo(project.copy(project.getTraitSet(), input, projects, project.getRowType()));
  }
}
