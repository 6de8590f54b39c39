package dev.floe.planner.rules;

import dev.floe.planner.exec.ReadPoint;
import dev.floe.planner.rel.FloeTableScan;
import dev.floe.planner.rel.ReadAt;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.logical.LogicalSnapshot;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code Snapshot(FloeTableScan)} ({@code t FOR SYSTEM_TIME AS OF expr}) to a {@code FloeTableScan}
 * that reads the version current at {@code expr}: the expression stays in the plan and is
 * evaluated at execution, so {@code ?} and {@code CURRENT_TIMESTAMP} work; the filter and project
 * rules then push into the historical scan as into any other.
 */
public final class FloeSnapshotRule extends RelOptRule {

  FloeSnapshotRule() {
    super(operand(LogicalSnapshot.class, operand(FloeTableScan.class, none())), "FloeSnapshotRule");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalSnapshot snapshot = call.rel(0);
    FloeTableScan scan = call.rel(1);
    if (scan.at() != null) {
      return; // already historical (a table function's version): the validator allows no second point
    }
    RexNode period = snapshot.getPeriod();
    ReadPoint.Kind kind = period.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
        ? ReadPoint.Kind.INSTANT : ReadPoint.Kind.LOCAL_TIMESTAMP;
    call.transformTo(scan.at(new ReadAt(kind, period)));
  }
}
