package dev.floe.planner.plan;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.tools.Program;

/**
 * The last step of Floe's program: in the optimized enumerable plan, every SUM and {@code $SUM0}
 * with a BIGINT or INTEGER result (in aggregates and in window functions) becomes its
 * {@link CheckedSum} twin, so an overflow raises 22003 whether or not the aggregate was pushed into
 * a Floe scan. Nothing else of the plan changes: a node is copied only when it or one of its inputs
 * changed. AVG over integers is Calcite's SUM/COUNT by then and so is checked too.
 */
final class CheckedSums implements Program {
  static final CheckedSums PROGRAM = new CheckedSums();

  private static final ConverterRule WINDOW_RULE = (ConverterRule) (Object) EnumerableRules.ENUMERABLE_WINDOW_RULE;

  private CheckedSums() {}

  @Override
  public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    return rewrite(rel);
  }

  static RelNode rewrite(RelNode rel) {
    return BottomUp.rewrite(rel, CheckedSums::checked);
  }

  private static RelNode checked(RelNode r) {
    if (!(r instanceof EnumerableRel)) {
      return r;
    }
    if (r instanceof Aggregate agg) {
      return checkedAggregate(agg);
    }
    if (r instanceof Window w) {
      return checkedWindow(w);
    }
    return r;
  }

  private static RelNode checkedAggregate(Aggregate agg) {
    List<AggregateCall> calls = new ArrayList<>();
    boolean changed = false;
    for (AggregateCall c : agg.getAggCallList()) {
      SqlAggFunction checked = checked(c.getAggregation(), c.getType());
      if (checked == null) {
        calls.add(c);
        continue;
      }
      changed = true;
      calls.add(AggregateCall.create(c.getParserPosition(), checked, c.isDistinct(), c.isApproximate(),
          c.ignoreNulls(), c.rexList, c.getArgList(), c.filterArg, c.distinctKeys, c.collation, c.type, c.name));
    }
    return changed ? agg.copy(agg.getTraitSet(), agg.getInput(), agg.getGroupSet(), agg.getGroupSets(), calls) : agg;
  }

  private static RelNode checkedWindow(Window w) {
    List<Window.Group> groups = new ArrayList<>();
    boolean changed = false;
    for (Window.Group g : w.groups) {
      List<Window.RexWinAggCall> calls = new ArrayList<>();
      for (Window.RexWinAggCall c : g.aggCalls) {
        SqlAggFunction checked = checked((SqlAggFunction) c.getOperator(), c.getType());
        if (checked == null) {
          calls.add(c);
          continue;
        }
        changed = true;
        calls.add(new Window.RexWinAggCall(c.getParserPosition(), checked, c.getType(), c.getOperands(), c.ordinal,
            c.distinct, c.ignoreNulls));
      }
      groups.add(new Window.Group(g.keys, g.isRows, g.lowerBound, g.upperBound, g.exclude, g.orderKeys, calls));
    }
    if (!changed) {
      return w;
    }
    // EnumerableWindow's constructor is package-private; its converter rule builds one from a logical window
    LogicalWindow logical = LogicalWindow.create(w.getTraitSet(), w.getInput(), w.getConstants(), w.getRowType(), groups);
    return WINDOW_RULE.convert(logical);
  }

  /** The checked twin of a SUM or {@code $SUM0} whose result type would wrap, else null. */
  private static SqlAggFunction checked(SqlAggFunction f, org.apache.calcite.rel.type.RelDataType type) {
    if (f instanceof SqlUserDefinedAggFunction || !CheckedSum.checks(type)) {
      return null;
    }
    if (f.getKind() == SqlKind.SUM) {
      return CheckedSum.SUM;
    }
    if (f.getKind() == SqlKind.SUM0) {
      return CheckedSum.SUM0;
    }
    return null;
  }
}
