package dev.floe.planner;

import dev.floe.planner.types.PgNumericRewrite;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Calcite's convertlets, but a CAST of a REAL, DOUBLE or DECIMAL to an integer type becomes
 * PostgreSQL's rounding, range-checked cast ({@link PgNumericRewrite#integerCast}) before Calcite
 * can fold it: Calcite folds {@code CAST(9519.7E0 AS INTEGER)} to 9519 while converting, where
 * PostgreSQL gives 9520.
 */
final class FloeConvertlets implements SqlRexConvertletTable {
  static final FloeConvertlets INSTANCE = new FloeConvertlets();

  private static final SqlRexConvertlet CAST = (cx, call) -> {
    SqlNode operand = call.operand(0);
    RelDataType target = cx.getValidator().getValidatedNodeTypeIfKnown(call);
    RelDataType source = cx.getValidator().getValidatedNodeTypeIfKnown(operand);
    if (target != null && source != null && SqlTypeUtil.isIntType(target)
        && (SqlTypeUtil.isApproximateNumeric(source) || SqlTypeUtil.isDecimal(source))) {
      RexNode r = new PgNumericRewrite(cx.getRexBuilder()).integerCast(target, cx.convertExpression(operand));
      if (r != null) {
        return r;
      }
    }
    return StandardConvertletTable.INSTANCE.get(call).convertCall(cx, call);
  };

  private FloeConvertlets() {}

  @Override
  public SqlRexConvertlet get(SqlCall call) {
    if (call.getKind() == SqlKind.CAST && call.operandCount() == 2) {
      return CAST;
    }
    return StandardConvertletTable.INSTANCE.get(call);
  }
}
