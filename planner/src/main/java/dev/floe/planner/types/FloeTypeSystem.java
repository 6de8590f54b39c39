package dev.floe.planner.types;

import java.math.RoundingMode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type system with Floe's limits: DECIMAL up to precision and scale 38 (Calcite's default
 * stops at 19), and decimal rounding half-up when a value is cast to a smaller scale, as
 * PostgreSQL does (Calcite's default truncates), and TIME and TIMESTAMP to milliseconds by default.
 */
public final class FloeTypeSystem extends RelDataTypeSystemImpl {
  /** The instance the driver names in its {@code typeSystem} connection property. */
  public static final RelDataTypeSystem INSTANCE = new FloeTypeSystem();

  private FloeTypeSystem() {}

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxPrecision(typeName);
  }

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxScale(typeName);
  }

  /**
   * TIME and TIMESTAMP without a precision keep milliseconds (Calcite's finest; Floe stores
   * microseconds), rather than Calcite's default of whole seconds.
   */
  @Override
  public int getDefaultPrecision(SqlTypeName typeName) {
    switch (typeName) {
      case TIME:
      case TIMESTAMP:
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
        return 3;
      default:
        return super.getDefaultPrecision(typeName);
    }
  }

  /**
   * SUM of TINYINT, SMALLINT and INTEGER is a BIGINT, as in PostgreSQL (Calcite's default keeps the
   * argument's type, so the sum of two large INTEGERs wrapped around, and so did AVG, which Calcite
   * computes from it); other types keep Calcite's rule.
   */
  @Override
  public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    RelDataType wide = widened(typeFactory, argumentType);
    return wide != null ? wide : super.deriveSumType(typeFactory, argumentType);
  }

  /**
   * AVG of TINYINT, SMALLINT and INTEGER is a BIGINT (still Calcite's integer division of the sum
   * by the count): Calcite computes AVG as its SUM cast to the AVG type, divided by the count, so
   * an INTEGER AVG failed as soon as the sum left INTEGER's range.
   */
  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    RelDataType wide = widened(typeFactory, argumentType);
    return wide != null ? wide : super.deriveAvgAggType(typeFactory, argumentType);
  }

  /** BIGINT (with the argument's nullability) for the integer types narrower than it; else null. */
  private static RelDataType widened(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    switch (argumentType.getSqlTypeName()) {
      case TINYINT:
      case SMALLINT:
      case INTEGER:
        return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.BIGINT),
            argumentType.isNullable());
      default:
        return null;
    }
  }

  @Override
  public RoundingMode roundingMode() {
    return RoundingMode.HALF_UP;
  }
}
