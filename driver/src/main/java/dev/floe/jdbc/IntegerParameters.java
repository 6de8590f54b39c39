package dev.floe.jdbc;

import dev.floe.planner.types.PgNumerics;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * A REAL, DOUBLE or DECIMAL bound to a parameter whose type is an integer type ({@code setDouble}
 * on {@code INSERT INTO t (int_column) VALUES (?)}) is rounded and range-checked as PostgreSQL's
 * assignment cast does (half to even from a float, half away from zero from a numeric; 22003 out
 * of range), like a CAST in the SQL ({@link PgNumerics}). Calcite's generated code would take the
 * value's {@code intValue()}: 9519.7 became 9519 and 3e9 became 2147483647.
 */
final class IntegerParameters {
  private IntegerParameters() {}

  /**
   * The arguments of a {@code setObject(index, whole number)} call for the setter call {@code args}
   * ({@code setDouble}, {@code setFloat}, {@code setBigDecimal} or {@code setObject} of such a value),
   * or null when the parameter's type is not an integer type or cannot be known.
   *
   * @throws SQLException 22003 when the rounded value is out of the parameter type's range
   */
  static Object[] rounded(PreparedStatement ps, Object[] args) throws SQLException {
    if (args.length > 2 && !(args[2] instanceof Integer t && isInteger(t))) {
      return null; // setObject with a target type: the caller said what it wants
    }
    int type;
    try {
      type = ps.getParameterMetaData().getParameterType((Integer) args[0]);
    } catch (SQLException | RuntimeException e) {
      return null; // the setter itself will report a bad index
    }
    Object whole = rounded(type, args[1]);
    return whole == null ? null : new Object[] {args[0], whole};
  }

  /**
   * {@code value} (a Float, Double or BigDecimal) as the whole number of {@code type} (a {@link
   * Types} code): a Byte, Short, Integer or Long; null when {@code type} is not an integer type.
   *
   * @throws SQLException 22003 when the rounded value is out of the type's range
   */
  static Object rounded(int type, Object value) throws SQLException {
    long min;
    long max;
    switch (type) {
      case Types.TINYINT: min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; break;
      case Types.SMALLINT: min = Short.MIN_VALUE; max = Short.MAX_VALUE; break;
      case Types.INTEGER: min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; break;
      case Types.BIGINT: min = Long.MIN_VALUE; max = Long.MAX_VALUE; break;
      default: return null;
    }
    long v;
    try {
      v = value instanceof BigDecimal d ? PgNumerics.fromDecimal(d, min, max)
          : PgNumerics.fromDouble(((Number) value).doubleValue(), min, max);
    } catch (ArithmeticException e) {
      throw ErrorTranslator.translate(e);
    }
    return switch (type) {
      case Types.TINYINT -> (byte) v;
      case Types.SMALLINT -> (short) v;
      case Types.INTEGER -> (int) v;
      default -> v;
    };
  }

  private static boolean isInteger(int type) {
    return type == Types.TINYINT || type == Types.SMALLINT || type == Types.INTEGER || type == Types.BIGINT;
  }
}
