package dev.floe.planner.ddl;

import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.util.Static;

/**
 * Checks a column's DEFAULT at CREATE TABLE, so that a bad one fails there and not at every later
 * INSERT: it must not refer to columns, and its type must be assignable to the column's. The
 * expression is kept as SQL text in the schema and evaluated by each INSERT that omits the column.
 */
final class ColumnDefaults {
  private ColumnDefaults() {}

  /**
   * @return the DEFAULT as SQL text to record
   * @throws org.apache.calcite.runtime.CalciteContextException for a column reference or a type
   *     that does not fit the column
   */
  static String check(SqlNode expression, String column, RelDataType type, SqlValidator validator) {
    expression.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlIdentifier id) {
        if (validator.makeNullaryCall(id) == null) {
          throw SqlUtil.newContextException(id.getParserPosition(),
              Static.RESOURCE.columnNotFound(id.toString()));
        }
        return null;
      }

      @Override
      public Void visit(SqlCall call) {
        for (SqlNode operand : call.getOperandList()) {
          if (operand != null) {
            operand.accept(this);
          }
        }
        return null;
      }
    });
    SqlNode validated = validator.validateParameterizedExpression(expression, Map.of());
    RelDataType actual = validator.getValidatedNodeType(validated);
    if (!SqlTypeUtil.canAssignFrom(type, actual)) {
      throw SqlUtil.newContextException(expression.getParserPosition(),
          Static.RESOURCE.typeNotAssignable(column, type.getFullTypeString(), "DEFAULT", actual.getFullTypeString()));
    }
    return expression.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
  }
}
