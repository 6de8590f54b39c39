package dev.floe.planner.rules;

import dev.floe.planner.pushdown.FilterSpec;
import dev.floe.planner.pushdown.FilterTranslator;
import dev.floe.planner.pushdown.RewriteSpec;
import dev.floe.planner.rel.FloeRewrite;
import dev.floe.planner.rel.FloeTableScan;
import dev.floe.storage.Column;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptRuleOperand;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;

/**
 * DELETE and UPDATE of a Floe table as one copy-on-write rewrite ({@link FloeRewrite}), when the
 * segment reader can evaluate the whole WHERE clause and every new value is a literal or a {@code
 * ?} parameter. Other DELETEs and UPDATEs are not matched and fail as not supported (0A000).
 */
public final class FloeRewriteRule extends RelOptRule {

  /** The tree shapes below a DELETE or UPDATE: with or without its project and WHERE filter. */
  enum Shape {
    PROJECT_FILTER, PROJECT, FILTER, SCAN;

    boolean hasProject() {
      return this == PROJECT_FILTER || this == PROJECT;
    }

    boolean hasFilter() {
      return this == PROJECT_FILTER || this == FILTER;
    }
  }

  private final Shape shape;

  FloeRewriteRule(Shape shape) {
    super(operandFor(shape), "FloeRewriteRule:" + shape);
    this.shape = shape;
  }

  private static RelOptRuleOperand operandFor(Shape shape) {
    RelOptRuleOperand scan = operand(FloeTableScan.class, none());
    switch (shape) {
      case PROJECT_FILTER:
        return operand(LogicalTableModify.class,
            operand(LogicalProject.class, operand(LogicalFilter.class, scan)));
      case PROJECT:
        return operand(LogicalTableModify.class, operand(LogicalProject.class, scan));
      case FILTER:
        return operand(LogicalTableModify.class, operand(LogicalFilter.class, scan));
      default:
        return operand(LogicalTableModify.class, scan);
    }
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalTableModify modify = call.rel(0);
    boolean delete = modify.getOperation() == TableModify.Operation.DELETE;
    boolean update = modify.getOperation() == TableModify.Operation.UPDATE;
    if (!(delete || update) || (update && !shape.hasProject())) {
      return;
    }
    FloeTableScan scan = call.rel(call.rels.length - 1);
    if (scan.fields().length != scan.getTable().getRowType().getFieldCount() || scan.filter() != null) {
      return; // only the scan as SQL-to-rel conversion made it
    }
    FilterSpec where = null;
    if (shape.hasFilter()) {
      LogicalFilter filter = call.rel(shape.hasProject() ? 2 : 1);
      FilterTranslator.Split split =
          new FilterTranslator(scan.columns(), filter.getCluster().getRexBuilder()).split(filter.getCondition());
      if (!split.residual().isEmpty() || split.pushed() == null) {
        return; // the reader cannot decide every row
      }
      where = split.pushed();
    }
    Map<Integer, FilterSpec.Value> set = new LinkedHashMap<>();
    if (update) {
      List<Column> columns = scan.columns();
      List<String> names = modify.getUpdateColumnList();
      List<RexNode> values = modify.getSourceExpressionList();
      LogicalProject project = call.rel(1);
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        RexNode value = values.get(i);
        if (value instanceof RexInputRef ref) {
          value = project.getProjects().get(ref.getIndex()); // the new value, computed by the project
        }
        Column column = columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
        Optional<FilterSpec.Value> v = column == null ? Optional.empty()
            : FilterTranslator.value(value, column.type());
        if (v.isEmpty()) {
          return; // a computed new value (SET x = x + 1) needs row-by-row rewriting
        }
        set.put(column.id(), v.get());
      }
    }
    call.transformTo(new FloeRewrite(modify.getCluster(), modify.getTable(),
        new RewriteSpec(delete, where, set).encode(), modify.getRowType()));
  }
}
