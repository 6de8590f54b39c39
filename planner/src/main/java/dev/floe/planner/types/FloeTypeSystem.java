package dev.floe.planner.types;

import java.math.RoundingMode;
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

  @Override
  public RoundingMode roundingMode() {
    return RoundingMode.HALF_UP;
  }
}
