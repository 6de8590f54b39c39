package dev.floe.storage.segment;

import dev.floe.storage.ColumnType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Comparison keys: every physical value maps to a key whose natural order is the column's order.
 * BOOLEAN and integer-like values are their long value (false = 0, true = 1); REAL and DOUBLE map
 * to a long whose signed order is the total order with -0.0 = 0.0 and NaN above +Infinity; DECIMAL
 * keys are the unscaled BigInteger; VARCHAR and VARBINARY keys are byte arrays in unsigned order.
 */
final class Keys {
  private Keys() {}

  /** The sortable long of a double: -0.0 and 0.0 map to the same key, every NaN to the largest. */
  static long ofDouble(double d) {
    if (d == 0.0) {
      d = 0.0;
    }
    long bits = Double.doubleToLongBits(d);
    return bits ^ ((bits >> 63) & Long.MAX_VALUE);
  }

  /** Whether a column of this type compares by long keys. */
  static boolean isLongKeyed(ColumnType type) {
    return switch (type.kind()) {
      case DECIMAL, VARCHAR, VARBINARY -> false;
      default -> true;
    };
  }

  /** The key of a stats value (see {@link ColumnStats} for its class). */
  static Object ofStat(ColumnType type, Object v) {
    return switch (type.kind()) {
      case BOOLEAN -> ((Boolean) v) ? 1L : 0L;
      case REAL, DOUBLE -> ofDouble((Double) v);
      case DECIMAL -> ((BigDecimal) v).setScale(type.scale()).unscaledValue();
      case VARCHAR -> ((String) v).getBytes(StandardCharsets.UTF_8);
      case VARBINARY -> (byte[]) v;
      default -> (Long) v;
    };
  }

  /** Compares two keys of the same class. */
  @SuppressWarnings("unchecked")
  static int compare(Object a, Object b) {
    if (a instanceof byte[] x) {
      return Arrays.compareUnsigned(x, (byte[]) b);
    }
    return ((Comparable<Object>) a).compareTo(b);
  }
}
