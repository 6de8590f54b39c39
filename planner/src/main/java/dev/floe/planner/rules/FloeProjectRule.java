package dev.floe.planner.rules;

import dev.floe.planner.rel.FloeTableScan;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mapping;

/**
 * {@code Project(FloeTableScan)} to {@code Project'(FloeTableScan of the used columns)}: the scan
 * fetches only the columns the project reads; a project that only reorders or selects columns
 * disappears. Declines when the project uses every column the scan produces.
 */
public final class FloeProjectRule extends RelOptRule {

  FloeProjectRule() {
    super(operand(LogicalProject.class, operand(FloeTableScan.class, none())), "FloeProjectRule");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalProject project = call.rel(0);
    FloeTableScan scan = call.rel(1);
    int[] fields = scan.fields();
    ImmutableBitSet used = ImmutableBitSet.of();
    for (RexNode e : project.getProjects()) {
      used = used.union(org.apache.calcite.plan.RelOptUtil.InputFinder.bits(e));
    }
    if (used.cardinality() == fields.length && isIdentityOrReorder(project) == false) {
      return; // every column is needed and the project computes something: nothing to prune
    }
    if (used.isEmpty()) {
      used = ImmutableBitSet.of(scan.cheapestField()); // COUNT(*): one column, the cheapest
    }
    FloeTableScan.Pruned p = scan.prune(used, scan.filter());
    FloeTableScan pruned = p.scan();
    Mapping mapping = p.mapping();
    List<RexNode> projects = new ArrayList<>();
    RexPermuteInputsShuttle shuttle = RexPermuteInputsShuttle.of(mapping);
    for (RexNode e : project.getProjects()) {
      projects.add(e.accept(shuttle));
    }
    RelNode result = project.copy(project.getTraitSet(), pruned, projects, project.getRowType());
    if (isTrivial(projects, pruned)) {
      result = pruned;
    }
    if (used.cardinality() == fields.length && result != pruned) {
      return; // no column saved and the project stays: no progress
    }
    call.transformTo(result);
  }

  private static boolean isIdentityOrReorder(LogicalProject project) {
    return project.getProjects().stream().allMatch(e -> e instanceof org.apache.calcite.rex.RexInputRef);
  }

  private static boolean isTrivial(List<RexNode> projects, FloeTableScan scan) {
    if (projects.size() != scan.fields().length) {
      return false;
    }
    for (int i = 0; i < projects.size(); i++) {
      if (!(projects.get(i) instanceof org.apache.calcite.rex.RexInputRef ref) || ref.getIndex() != i) {
        return false;
      }
    }
    return true;
  }
}
