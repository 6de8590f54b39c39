package dev.floe.planner.plan;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.Program;

/**
 * {@code PERCENTILE_CONT} and {@code PERCENTILE_DISC ... WITHIN GROUP (ORDER BY x)}, which Calcite
 * validates but cannot run, become calls of {@link Percentiles}' aggregates over {@code (x,
 * fraction)}, before any other rule sees the plan. The aggregate keeps its row type, so nothing above
 * it changes.
 */
final class OrderedSetAggregates {
  private OrderedSetAggregates() {}

  static final Program PROGRAM = (planner, rel, traits, materializations, lattices) ->
      rel.accept(new RelHomogeneousShuttle() {
        @Override
        public RelNode visit(RelNode other) {
          RelNode visited = super.visit(other);
          return visited instanceof Aggregate a ? rewrite(a) : visited;
        }
      });

  private static RelNode rewrite(Aggregate aggregate) {
    boolean changed = false;
    List<AggregateCall> calls = new ArrayList<>();
    for (AggregateCall call : aggregate.getAggCallList()) {
      SqlKind kind = call.getAggregation().getKind();
      boolean ordered = kind == SqlKind.PERCENTILE_CONT || kind == SqlKind.PERCENTILE_DISC;
      if (!ordered || call.getCollation().getFieldCollations().size() != 1 || call.getArgList().size() != 1
          || call.getAggregation() instanceof org.apache.calcite.sql.validate.SqlUserDefinedAggFunction) {
        calls.add(call);
        continue;
      }
      RelFieldCollation order = call.getCollation().getFieldCollations().get(0);
      calls.add(AggregateCall.create(Percentiles.forKind(kind, order.getDirection().isDescending()),
          call.isDistinct(), call.isApproximate(), call.ignoreNulls(), call.rexList,
          List.of(order.getFieldIndex(), call.getArgList().get(0)), call.filterArg, call.distinctKeys,
          RelCollations.EMPTY, call.getType(), call.getName()));
      changed = true;
    }
    return changed ? aggregate.copy(aggregate.getTraitSet(), aggregate.getInput(), aggregate.getGroupSet(),
        aggregate.getGroupSets(), calls) : aggregate;
  }
}
