package dev.floe.planner.rules;

import dev.floe.planner.AtVersion;
import dev.floe.planner.exec.ReadPoint;
import dev.floe.planner.rel.FloeTableScan;
import dev.floe.planner.rel.ReadAt;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSnapshot;
import java.util.List;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code Snapshot(FloeTableScan)} ({@code t FOR SYSTEM_TIME AS OF expr}), or {@code
 * Snapshot(Project(FloeTableScan))}, to the same without the snapshot and with a {@code FloeTableScan}
 * that reads the version current at {@code expr}: the expression stays in the plan and is
 * evaluated at execution, so {@code ?} and {@code CURRENT_TIMESTAMP} work; the filter and project
 * rules then push into the historical scan as into any other. A period that is the {@link
 * AtVersion} marker ({@code floe.at_version}) reads that version number instead.
 */
public final class FloeSnapshotRule extends RelOptRule {
  private final boolean withProject;

  /**
   * @param withProject match {@code Snapshot(Project(FloeTableScan))}, the shape Calcite's field
   *     trimming leaves when a query reads only some columns, rather than {@code
   *     Snapshot(FloeTableScan)}
   */
  FloeSnapshotRule(boolean withProject) {
    super(withProject
        ? operand(LogicalSnapshot.class, operand(LogicalProject.class, operand(FloeTableScan.class, none())))
        : operand(LogicalSnapshot.class, operand(FloeTableScan.class, none())),
        withProject ? "FloeSnapshotRule:project" : "FloeSnapshotRule");
    this.withProject = withProject;
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalSnapshot snapshot = call.rel(0);
    LogicalProject project = withProject ? call.rel(1) : null;
    FloeTableScan scan = call.rel(withProject ? 2 : 1);
    if (scan.at() != null) {
      return; // already historical (a table function's version): the validator allows no second point
    }
    RexNode period = snapshot.getPeriod();
    RexNode version = AtVersion.versionOf(period);
    ReadAt at;
    if (version != null) {
      at = new ReadAt(ReadPoint.Kind.VERSION, version);
    } else {
      at = new ReadAt(period.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
          ? ReadPoint.Kind.INSTANT : ReadPoint.Kind.LOCAL_TIMESTAMP, period);
    }
    FloeTableScan historical = scan.at(at);
    // The result is a logical project over the new scan, never the bare scan: the snapshot's
    // parents (a filter, an aggregate) reference its set's logical subset, and Volcano only matches
    // them with rels of that subset, so a bare scan (Floe's convention) would hide from the pushdown
    // rules. Calcite's transpose rules and FloeProjectRule then bring the scan up to them.
    if (project != null) {
      call.transformTo(project.copy(project.getTraitSet(), historical, project.getProjects(), project.getRowType()));
    } else {
      RelBuilder b = call.builder().push(historical);
      call.transformTo(b.project(b.fields(), List.of(), true).build());
    }
  }
}
