package dev.floe.planner.plan;

import java.lang.reflect.Type;
import java.util.List;
import org.apache.calcite.adapter.enumerable.AggAddContext;
import org.apache.calcite.adapter.enumerable.AggContext;
import org.apache.calcite.adapter.enumerable.AggImplementor;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.StrictAggImplementor;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.AggregateFunction;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableAggFunction;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.util.Optionality;

/**
 * SUM and {@code $SUM0} of BIGINT or INTEGER results whose additions are {@link Math#addExact}:
 * a sum that leaves its result type raises {@link ArithmeticException} ("long overflow",
 * SQLState 22003), as the sums Floe computes inside a scan do. Calcite's own SUM adds with Java's
 * {@code +} and wraps around; it has no checked variant. These operators replace Calcite's in a
 * plan only after optimization ({@link CheckedSums}), so no planner rule ever sees them; they
 * carry SUM's name and kind, so EXPLAIN reads the same.
 */
final class CheckedSum implements AggregateFunction, ImplementableAggFunction {
  /** Checked {@code SUM}. */
  static final SqlAggFunction SUM = operator(SqlStdOperatorTable.SUM, SqlKind.SUM);

  /** Checked {@code $SUM0} (SUM that is 0 over no rows; Calcite's window SUM uses it). */
  static final SqlAggFunction SUM0 = operator(SqlStdOperatorTable.SUM0, SqlKind.SUM0);

  private CheckedSum() {}

  private static SqlAggFunction operator(SqlAggFunction unchecked, SqlKind kind) {
    return new SqlUserDefinedAggFunction(new SqlIdentifier(unchecked.getName(), SqlParserPos.ZERO), kind,
        unchecked.getReturnTypeInference(), null, null, new CheckedSum(), false, false, Optionality.FORBIDDEN);
  }

  /** Whether a sum of this result type wraps in Calcite and is checked here. */
  static boolean checks(RelDataType resultType) {
    SqlTypeName t = resultType.getSqlTypeName();
    return t == SqlTypeName.BIGINT || t == SqlTypeName.INTEGER;
  }

  @Override
  public List<FunctionParameter> getParameters() {
    return List.of(); // never validated: the operator enters plans after validation
  }

  @Override
  public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
    return typeFactory.createSqlType(SqlTypeName.BIGINT); // unused: calls keep their type
  }

  @Override
  public AggImplementor getImplementor(boolean windowContext) {
    return new Implementor();
  }

  /** Calcite's SUM implementor for primitive {@code long}/{@code int} state, adding exactly. */
  private static final class Implementor extends StrictAggImplementor {
    @Override
    protected void implementNotNullAdd(AggContext info, AggAddContext add) {
      Expression acc = add.accumulator().get(0);
      Type type = acc.type;
      Expression arg = EnumUtils.convert(add.arguments().get(0), type);
      accAdvance(add, acc, Expressions.call(Math.class, "addExact", acc, arg));
    }
  }
}
