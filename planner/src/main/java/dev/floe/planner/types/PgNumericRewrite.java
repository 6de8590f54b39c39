package dev.floe.planner.types;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Replaces, in an expression, the arithmetic whose Calcite semantics differ from PostgreSQL's by
 * calls to {@link PgNumerics}: a division with a DECIMAL result (user-written, or Calcite's
 * {@code SUM / COUNT} for AVG) is computed at exactly the result type's scale, and a CAST of a
 * REAL, DOUBLE or DECIMAL to TINYINT, SMALLINT, INTEGER or BIGINT rounds and checks the
 * range (Calcite already checks a cast between integer types). Applied to every
 * node of a plan by {@code dev.floe.planner.plan.PgNumericsProgram}; idempotent.
 */
public final class PgNumericRewrite extends RexShuttle {
  private static final SqlOperator DIVIDE = operator("floe_decimal_divide", "divide");
  private static final SqlOperator FROM_DOUBLE = operator("floe_round_double", "fromDouble");
  private static final SqlOperator FROM_DECIMAL = operator("floe_round_decimal", "fromDecimal");

  private final RexBuilder rexBuilder;

  public PgNumericRewrite(RexBuilder rexBuilder) {
    this.rexBuilder = rexBuilder;
  }

  private static SqlOperator operator(String name, String method) {
    Method m = null;
    for (Method candidate : PgNumerics.class.getMethods()) {
      if (candidate.getName().equals(method)) {
        m = candidate;
      }
    }
    return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO),
        ReturnTypes.ARG0, null, OperandTypes.VARIADIC, List.of(), ScalarFunctionImpl.create(m));
  }

  @Override
  public RexNode visitCall(RexCall call) {
    RexCall c = (RexCall) super.visitCall(call);
    switch (c.getKind()) {
      case DIVIDE:
      case CHECKED_DIVIDE:
        return c.getType().getSqlTypeName() == SqlTypeName.DECIMAL ? divide(c) : c;
      case CAST:
      case SAFE_CAST:
        return c.getKind() == SqlKind.CAST ? integerCast(c) : c;
      default:
        return c;
    }
  }

  private RexNode divide(RexCall c) {
    RelDataTypeFactory f = rexBuilder.getTypeFactory();
    RexNode a = asDecimal(c.getOperands().get(0), f);
    RexNode b = asDecimal(c.getOperands().get(1), f);
    if (a == null || b == null) {
      return c;
    }
    return rexBuilder.makeCall(c.getType(), DIVIDE,
        List.of(a, b, rexBuilder.makeExactLiteral(java.math.BigDecimal.valueOf(c.getType().getScale()))));
  }

  private RexNode asDecimal(RexNode e, RelDataTypeFactory f) {
    RelDataType t = e.getType();
    if (t.getSqlTypeName() == SqlTypeName.DECIMAL) {
      return e;
    }
    if (!SqlTypeUtil.isExactNumeric(t)) {
      return null;
    }
    RelDataType d = f.createTypeWithNullability(f.createSqlType(SqlTypeName.DECIMAL, 19, 0), t.isNullable());
    return rexBuilder.makeCast(d, e);
  }

  private RexNode integerCast(RexCall c) {
    RexNode arg = c.getOperands().get(0);
    if (arg instanceof RexCall a && (a.getOperator() == FROM_DOUBLE || a.getOperator() == FROM_DECIMAL)) {
      return c; // already rewritten
    }
    RexNode r = integerCast(c.getType(), arg);
    return r == null ? c : r;
  }

  /**
   * {@code CAST(arg AS target)} rounded and range-checked as PostgreSQL does, or null when {@code
   * target} is not an integer type or {@code arg} is not a REAL, DOUBLE or DECIMAL.
   */
  public RexNode integerCast(RelDataType target, RexNode arg) {
    long min;
    long max;
    switch (target.getSqlTypeName()) {
      case TINYINT: min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; break;
      case SMALLINT: min = Short.MIN_VALUE; max = Short.MAX_VALUE; break;
      case INTEGER: min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; break;
      case BIGINT: min = Long.MIN_VALUE; max = Long.MAX_VALUE; break;
      default: return null;
    }
    RelDataTypeFactory f = rexBuilder.getTypeFactory();
    RelDataType source = arg.getType();
    SqlOperator op;
    switch (source.getSqlTypeName()) {
      case REAL:
      case FLOAT:
      case DOUBLE:
        op = FROM_DOUBLE;
        arg = rexBuilder.makeCast(f.createTypeWithNullability(f.createSqlType(SqlTypeName.DOUBLE), source.isNullable()), arg);
        break;
      case DECIMAL:
        op = FROM_DECIMAL;
        break;
      default:
        return null;
    }
    RelDataType bigint = f.createTypeWithNullability(f.createSqlType(SqlTypeName.BIGINT), target.isNullable());
    RexNode checked = rexBuilder.makeCall(bigint, op, List.of(arg,
        rexBuilder.makeBigintLiteral(java.math.BigDecimal.valueOf(min)),
        rexBuilder.makeBigintLiteral(java.math.BigDecimal.valueOf(max))));
    return target.getSqlTypeName() == SqlTypeName.BIGINT ? checked : rexBuilder.makeCast(target, checked);
  }
}
