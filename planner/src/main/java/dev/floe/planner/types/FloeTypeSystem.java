package dev.floe.planner.types;

import java.math.RoundingMode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.rel.type.RelDataTypeFactoryImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's type system with Floe's limits: DECIMAL up to precision and scale 38 (Calcite's default
 * stops at 19), and decimal rounding half-up when a value is cast to a smaller scale, as
 * PostgreSQL does (Calcite's default truncates), TIME and TIMESTAMP to milliseconds by default,
 * and PostgreSQL's scale for AVG and DECIMAL division (RFC 0002, "Numbers and strings").
 */
public final class FloeTypeSystem extends RelDataTypeSystemImpl {
  /** The instance the driver names in its {@code typeSystem} connection property. */
  public static final RelDataTypeSystem INSTANCE = new FloeTypeSystem();

  private FloeTypeSystem() {}

  private static final int MAX_DECIMAL = 38;

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL : super.getMaxPrecision(typeName);
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
   * Digits after the point of a DECIMAL quotient and of AVG of an exact number: PostgreSQL's
   * {@code NUMERIC_MIN_SIG_DIGITS}. PostgreSQL's numeric division ({@code select_div_scale})
   * gives at least 16 significant digits and never fewer places than either input has; its scale
   * depends on the values (16 places when the quotient is between 1 and 9999), Floe's on the types
   * only: 16 places, or the larger input scale.
   */
  static final int QUOTIENT_SCALE = 16;

  /**
   * AVG of an exact number is a DECIMAL with {@value #QUOTIENT_SCALE} places (or the argument's
   * scale if larger), as PostgreSQL's AVG of an integer or numeric is a numeric with the fraction:
   * AVG of INTEGER 1 and 2 is 1.5000000000000000, not 1. Calcite computes AVG as {@code CAST(SUM AS
   * avg type) / COUNT}; the division of that type by a BIGINT count has this same type (see {@link
   * #deriveDecimalDivideType}), so no second rounding follows. REAL and DOUBLE keep Calcite's rule
   * (a DOUBLE).
   */
  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    int scale;
    int precision;
    switch (argumentType.getSqlTypeName()) {
      case TINYINT:
      case SMALLINT:
      case INTEGER:
      case BIGINT:
        scale = QUOTIENT_SCALE;
        precision = 19 + scale; // SUM is a BIGINT
        break;
      case DECIMAL:
        scale = Math.min(Math.max(QUOTIENT_SCALE, argumentType.getScale()), MAX_DECIMAL - 1);
        precision = MAX_DECIMAL; // SUM of DECIMAL(p,s) is DECIMAL(38,s)
        break;
      default:
        return super.deriveAvgAggType(typeFactory, argumentType);
    }
    return typeFactory.createTypeWithNullability(
        typeFactory.createSqlType(SqlTypeName.DECIMAL, precision, scale), argumentType.isNullable());
  }

  /**
   * A quotient with a DECIMAL operand (and no REAL or DOUBLE) has {@value #QUOTIENT_SCALE} places,
   * or the larger input scale if that is larger (PostgreSQL's {@code select_div_scale} with a
   * quotient between 1 and 9999), and as many whole digits as the dividend's whole digits plus the
   * divisor's scale, within DECIMAL(38): the places win, a quotient too large for the rest fails
   * with 22003. Calcite's rule kept 6 places when the operands were wide (a SUM / SUM, as in TPC-H
   * Q8). The value is computed at exactly this scale, rounded half away from zero, by {@link
   * PgNumerics#divide}; integer / integer stays an integer division, as in PostgreSQL.
   */
  @Override
  public RelDataType deriveDecimalDivideType(RelDataTypeFactory typeFactory, RelDataType type1,
      RelDataType type2) {
    if (!SqlTypeUtil.isExactNumeric(type1) || !SqlTypeUtil.isExactNumeric(type2)
        || !SqlTypeUtil.isDecimal(type1) && !SqlTypeUtil.isDecimal(type2)) {
      return null;
    }
    RelDataType t1 = RelDataTypeFactoryImpl.isJavaType(type1) ? typeFactory.decimalOf(type1) : type1;
    RelDataType t2 = RelDataTypeFactoryImpl.isJavaType(type2) ? typeFactory.decimalOf(type2) : type2;
    int s1 = Math.max(0, t1.getScale());
    int s2 = Math.max(0, t2.getScale());
    int scale = Math.min(Math.max(QUOTIENT_SCALE, Math.max(s1, s2)), MAX_DECIMAL - 1);
    int whole = Math.max(1, Math.min(t1.getPrecision() - s1 + s2, MAX_DECIMAL - scale));
    return typeFactory.createSqlType(SqlTypeName.DECIMAL, whole + scale, scale);
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
