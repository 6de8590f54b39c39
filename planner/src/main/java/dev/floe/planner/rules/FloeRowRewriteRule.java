package dev.floe.planner.rules;

import dev.floe.planner.FloeTable;
import dev.floe.planner.rel.FloeRowRewrite;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;

/**
 * Any DELETE or UPDATE of a Floe table as a {@link FloeRowRewrite}: Calcite computes the rows to
 * change and their new values; the input is topped with a project that yields the table's columns
 * and then each new value cast to its column's type. {@link FloeRewriteRule} wins where it applies.
 */
public final class FloeRowRewriteRule extends RelOptRule {

  FloeRowRewriteRule() {
    super(operand(LogicalTableModify.class, any()), "FloeRowRewriteRule");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalTableModify modify = call.rel(0);
    boolean update = modify.getOperation() == TableModify.Operation.UPDATE;
    if (!(update || modify.getOperation() == TableModify.Operation.DELETE)
        || modify.getTable().unwrap(FloeTable.class) == null) {
      return;
    }
    RelNode input = modify.getInput();
    RexBuilder rex = modify.getCluster().getRexBuilder();
    List<RelDataTypeField> tableFields = modify.getTable().getRowType().getFieldList();
    int n = tableFields.size();
    List<RexNode> projects = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      projects.add(rex.makeInputRef(input, i));
      names.add(tableFields.get(i).getName());
    }
    List<RexNode> sources = new ArrayList<>();
    if (update) {
      List<String> columns = modify.getUpdateColumnList();
      for (int i = 0; i < columns.size(); i++) {
        RelDataType target = modify.getTable().getRowType().getField(columns.get(i), true, false).getType();
        RexNode source = modify.getSourceExpressionList().get(i);
        RelDataType type = rex.getTypeFactory().createTypeWithNullability(target, source.getType().isNullable());
        RexNode value = rex.makeCast(type, source, true, false);
        projects.add(value);
        names.add("$new" + i);
        sources.add(rex.makeInputRef(value.getType(), n + i));
      }
    }
    RelNode project = LogicalProject.create(input, List.of(), projects, names, java.util.Set.of());
    RelNode enumerable = convert(project, project.getTraitSet().replace(EnumerableConvention.INSTANCE));
    call.transformTo(new FloeRowRewrite(modify.getCluster(), modify.getTraitSet().replace(EnumerableConvention.INSTANCE),
        modify.getTable(), modify.getCatalogReader(), enumerable, modify.getOperation(),
        update ? modify.getUpdateColumnList() : null, update ? sources : null));
  }
}
