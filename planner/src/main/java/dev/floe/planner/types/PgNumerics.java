package dev.floe.planner.types;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.calcite.linq4j.function.Strict;

/**
 * PostgreSQL's arithmetic where Calcite's differs, called by generated code (see {@link
 * PgNumericRewrite}): DECIMAL division at the result type's scale, rounded half away from zero
 * (Calcite divides to 16 significant digits, rounds half-even, then rounds again to its type), and
 * casts to an integer type that round (PostgreSQL's {@code rint}, half to even, from REAL and
 * DOUBLE; half away from zero from DECIMAL) and fail with "integer out of range" (22003) instead of
 * truncating or wrapping around. Every method returns null for a null argument.
 */
public final class PgNumerics {
  private PgNumerics() {}

  /** {@code a / b} at {@code scale} places, half away from zero; "division by zero" for {@code b = 0}. */
  @Strict
  public static BigDecimal divide(BigDecimal a, BigDecimal b, int scale) {
    if (b.signum() == 0) {
      throw new ArithmeticException("division by zero");
    }
    return a.divide(b, scale, RoundingMode.HALF_UP);
  }

  /** A REAL or DOUBLE as a whole number, rounded half to even ({@code rint}), within {@code [min, max]}. */
  @Strict
  public static long fromDouble(double v, long min, long max) {
    double r = Math.rint(v);
    if (Double.isNaN(r) || r < min || r > max) {
      throw outOfRange(min);
    }
    return (long) r;
  }

  /** A DECIMAL as a whole number, rounded half away from zero, within {@code [min, max]}. */
  @Strict
  public static long fromDecimal(BigDecimal v, long min, long max) {
    BigDecimal r = v.setScale(0, RoundingMode.HALF_UP);
    if (r.compareTo(BigDecimal.valueOf(min)) < 0 || r.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw outOfRange(min);
    }
    return r.longValueExact();
  }

  private static ArithmeticException outOfRange(long min) {
    String type = min == Long.MIN_VALUE ? "bigint" : min == Integer.MIN_VALUE ? "integer"
        : min == Short.MIN_VALUE ? "smallint" : "tinyint";
    return new ArithmeticException(type + " out of range");
  }
}
