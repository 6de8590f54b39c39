package dev.floe.planner.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.calcite.rel.RelNode;

/** Rewrites a plan bottom-up without shared state: safe for concurrently planning connections. */
final class BottomUp {
  private BottomUp() {}

  /**
   * {@code rel} with each node replaced by what {@code visit} makes of it, inputs first: a node is
   * copied (same traits) only when one of its inputs changed, then given to {@code visit}.
   */
  static RelNode rewrite(RelNode rel, UnaryOperator<RelNode> visit) {
    List<RelNode> inputs = rel.getInputs();
    List<RelNode> newInputs = new ArrayList<>(inputs.size());
    boolean changed = false;
    for (RelNode input : inputs) {
      RelNode n = rewrite(input, visit);
      changed |= n != input;
      newInputs.add(n);
    }
    return visit.apply(changed ? rel.copy(rel.getTraitSet(), newInputs) : rel);
  }
}
