package dev.floe.storage.segment;

import dev.floe.storage.ColumnType;

/**
 * Copies the selected rows of a decoded column straight into primitive arrays, without an Arrow
 * vector in between: an aggregate over a few rows of a batch then decodes only those rows of a
 * {@link ColumnData#deferred} column (random access into its stream), and one over all rows skips
 * the copy into and out of Arrow memory.
 */
final class ColumnGather {
  private ColumnGather() {}

  /** Whether {@link #longs} reads {@code c}: integers, DATE, TIME, TIMESTAMP and TIMESTAMP_LTZ. */
  static boolean isInteger(ColumnData c) {
    return switch (c.type.kind()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ -> true;
      default -> false;
    };
  }

  /** Whether {@link #doubles} reads {@code c}. */
  static boolean isFloating(ColumnData c) {
    return c.type.kind() == ColumnType.Kind.DOUBLE || c.type.kind() == ColumnType.Kind.REAL;
  }

  /**
   * Writes the stored value of row {@code first + sel[k]} ({@code first + k} when {@code sel} is
   * null) to {@code out[k]}, sign-extended, for k below {@code n}; NULL rows get an unspecified value.
   */
  static void longs(ColumnData c, int first, int[] sel, int n, long[] out) {
    int w = ArrowTypes.byteWidth(c.type);
    if (c.values != null) {
      byte[] v = c.values;
      for (int k = 0; k < n; k++) {
        out[k] = IntPacking.signedAt(v, first + (sel == null ? k : sel[k]), w);
      }
    } else if (c.deferred != null) {
      c.deferred.longs(first, sel, n, out);
    } else {
      java.util.Arrays.fill(out, 0, n, 0L); // a column the segment does not hold: all NULL
    }
  }

  /**
   * The sum of rows {@code [first, first + n)} of a BIGINT column with no NULL row, from its packed
   * words without decoding them ({@link IntPacking#sumRange}); null when the column is not such a
   * deferred FOR stream, or the sum leaves the 64-bit range.
   */
  static Long sum(ColumnData c, int first, int n) {
    if (c.type.kind() != ColumnType.Kind.BIGINT || c.validity != null || c.deferred == null
        || c.deferred.exponent() >= 0) {
      return null;
    }
    return IntPacking.sumRange(c.deferred.stream(), first, n);
  }

  /** As {@link #longs} for REAL and DOUBLE columns. */
  static void doubles(ColumnData c, int first, int[] sel, int n, double[] out) {
    if (c.values != null) {
      byte[] v = c.values;
      if (c.type.kind() == ColumnType.Kind.REAL) {
        for (int k = 0; k < n; k++) {
          out[k] = Float.intBitsToFloat((int) IntPacking.INT.get(v, (first + (sel == null ? k : sel[k])) << 2));
        }
      } else {
        for (int k = 0; k < n; k++) {
          out[k] = Double.longBitsToDouble((long) IntPacking.LONG.get(v, (first + (sel == null ? k : sel[k])) << 3));
        }
      }
    } else if (c.deferred != null) {
      c.deferred.doubles(first, sel, n, out);
    } else {
      java.util.Arrays.fill(out, 0, n, 0.0);
    }
  }

  /** Writes whether row {@code first + sel[k]} is NULL to {@code out[k]}; returns whether any is. */
  static boolean nulls(ColumnData c, int first, int[] sel, int n, boolean[] out) {
    long[] valid = c.validity;
    if (valid == null) {
      java.util.Arrays.fill(out, 0, n, false);
      return false;
    }
    boolean any = false;
    for (int k = 0; k < n; k++) {
      int row = first + (sel == null ? k : sel[k]);
      boolean isNull = (valid[row >>> 6] & (1L << row)) == 0;
      out[k] = isNull;
      any |= isNull;
    }
    return any;
  }
}
