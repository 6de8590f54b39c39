package dev.floe.planner;

import dev.floe.storage.Column;
import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql2rel.InitializerContext;
import org.apache.calcite.sql2rel.NullInitializerExpressionFactory;

/**
 * The values an INSERT gives the columns it omits (or sets to {@code DEFAULT}): a column's recorded
 * DEFAULT expression, parsed and converted the way Calcite converts any expression, else NULL.
 */
final class FloeDefaults extends NullInitializerExpressionFactory {
  /** How recorded DEFAULT text (written by Calcite's own dialect) is read back. */
  private static final SqlParser.Config PARSER = SqlParser.config()
      .withQuoting(Quoting.DOUBLE_QUOTE)
      .withUnquotedCasing(Casing.TO_LOWER)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(false);

  private final List<Column> columns;

  FloeDefaults(List<Column> columns) {
    this.columns = columns;
  }

  @Override
  public ColumnStrategy generationStrategy(RelOptTable table, int iColumn) {
    return columns.get(iColumn).defaultSql() != null ? ColumnStrategy.DEFAULT : super.generationStrategy(table, iColumn);
  }

  @Override
  public RexNode newColumnDefaultValue(RelOptTable table, int iColumn, InitializerContext context) {
    String sql = columns.get(iColumn).defaultSql();
    if (sql == null) {
      return super.newColumnDefaultValue(table, iColumn, context);
    }
    RelDataType type = table.getRowType().getFieldList().get(iColumn).getType();
    SqlNode parsed = context.parseExpression(PARSER, sql);
    SqlNode validated = context.validateExpression(table.getRowType(), parsed);
    RexNode value = context.convertExpression(validated);
    return context.getRexBuilder().makeCast(type, value, true, false);
  }
}
