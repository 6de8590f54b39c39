package dev.floe.planner.exec;

import dev.floe.storage.ColumnType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Rows of a table held by column, every value already its column's value (as {@link
 * DirectInsert#bind(ParameterColumns)} made them): fixed-width numbers, dates and timestamps in {@code
 * long}s (REAL and DOUBLE as their bits, a DECIMAL of up to 18 digits as its unscaled value), strings
 * as Strings, and other types as the objects {@link ColumnWriter} takes. Written into Arrow vectors a column at a time ({@link RowAppender#add(ColumnBatch)}).
 */
public final class ColumnBatch {
  private final ColumnType[] types;
  private final long[][] prims;
  private final Object[][] objects;
  private final boolean[][] nulls;
  private final int rows;

  ColumnBatch(ColumnType[] types, long[][] prims, Object[][] objects, boolean[][] nulls, int rows) {
    this.types = types;
    this.prims = prims;
    this.objects = objects;
    this.nulls = nulls;
    this.rows = rows;
  }

  int rows() {
    return rows;
  }

  /** Whether column {@code c} is held in {@code long}s (else as objects). */
  static boolean primitive(ColumnType type) {
    return switch (type.kind()) {
      case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, DATE, TIMESTAMP, TIMESTAMP_LTZ -> true;
      case DECIMAL -> type.precision() <= LONG_DECIMAL_DIGITS;
      default -> false;
    };
  }

  /** The most digits of a DECIMAL held as its unscaled {@code long}. */
  static final int LONG_DECIMAL_DIGITS = 18;

  /** The unscaled value of {@code d} at {@code scale} (no rounding: {@code d}'s scale is at most it), for a DECIMAL of at most 18 digits. */
  static long unscaled(java.math.BigDecimal d, int scale) {
    return d.scaleByPowerOfTen(scale).longValueExact();
  }

  /** Writes rows {@code [from, from + n)} of column {@code c} into {@code v} at {@code [at, at + n)}. */
  void write(int c, FieldVector v, int from, int n, int at) {
    boolean[] isNull = nulls[c];
    long[] p = prims[c];
    Object[] o = objects[c];
    if (p == null && o == null) { // every value NULL
      for (int i = 0; i < n; i++) {
        setNull(v, at + i);
      }
      return;
    }
    switch (types[c].kind()) {
      case BOOLEAN -> {
        BitVector b = (BitVector) v;
        for (int i = 0; i < n; i++) {
          if (isNull != null && isNull[from + i]) {
            b.setNull(at + i);
          } else {
            b.setSafe(at + i, p[from + i] != 0 ? 1 : 0);
          }
        }
      }
      case TINYINT -> bulk((BaseFixedWidthVector) v, 1, p, isNull, from, n, at, false);
      case SMALLINT -> bulk((BaseFixedWidthVector) v, 2, p, isNull, from, n, at, false);
      case INTEGER, REAL, DATE -> bulk((BaseFixedWidthVector) v, 4, p, isNull, from, n, at, false); // REAL: its bits
      case DECIMAL -> {
        org.apache.arrow.vector.DecimalVector d = (org.apache.arrow.vector.DecimalVector) v;
        for (int i = 0; i < n; i++) {
          if (isNull != null && isNull[from + i]) {
            d.setNull(at + i);
          } else {
            d.setSafe(at + i, p[from + i]); // the unscaled value, sign-extended to 128 bits
          }
        }
      }
      case BIGINT, DOUBLE -> bulk((BaseFixedWidthVector) v, 8, p, isNull, from, n, at, false); // DOUBLE: its bits
      case TIMESTAMP, TIMESTAMP_LTZ -> bulk((BaseFixedWidthVector) v, 8, p, isNull, from, n, at, true);
      case VARCHAR -> {
        VarCharVector t = (VarCharVector) v;
        // Batches repeat the same String objects (symbols, codes): their bytes are encoded once
        Object[] seen = new Object[1024];
        byte[][] bytes = new byte[1024][];
        for (int i = 0; i < n; i++) {
          Object s = o[from + i];
          if (s == null) {
            t.setNull(at + i);
          } else {
            int h = System.identityHashCode(s) & 1023;
            byte[] b;
            if (seen[h] == s) {
              b = bytes[h];
            } else {
              b = ((String) s).getBytes(StandardCharsets.UTF_8);
              seen[h] = s;
              bytes[h] = b;
            }
            t.setSafe(at + i, b);
          }
        }
      }
      default -> {
        ColumnWriter w = ColumnWriter.of(v);
        for (int i = 0; i < n; i++) {
          w.set(at + i, o[from + i]);
        }
      }
    }
  }

  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * Writes {@code width}-byte little-endian values (the low bytes of {@code p}, or milliseconds as
   * microseconds) with one copy into the data buffer instead of a checked store per value; NULL
   * slots hold 0, as a freshly allocated vector's do.
   */
  private static void bulk(BaseFixedWidthVector v, int width, long[] p, boolean[] isNull, int from, int n, int at,
      boolean millisToMicros) {
    while (v.getValueCapacity() < at + n) {
      v.reAlloc();
    }
    byte[] bytes = new byte[n * width];
    for (int i = 0; i < n; i++) {
      long x = isNull != null && isNull[from + i] ? 0 : p[from + i];
      switch (width) {
        case 1 -> bytes[i] = (byte) x;
        case 2 -> SHORT.set(bytes, i << 1, (short) x);
        case 4 -> INT.set(bytes, i << 2, (int) x);
        default -> LONG.set(bytes, i << 3, millisToMicros ? x * 1000L : x);
      }
    }
    v.getDataBuffer().setBytes((long) at * width, bytes, 0, bytes.length);
    ArrowBuf validity = v.getValidityBuffer();
    int i = 0;
    for (; i < n && ((at + i) & 7) != 0; i++) {
      BitVectorHelper.setValidityBit(validity, at + i, isNull != null && isNull[from + i] ? 0 : 1);
    }
    for (; i + 8 <= n; i += 8) {
      int b = 0xFF;
      if (isNull != null) {
        for (int k = 0; k < 8; k++) {
          if (isNull[from + i + k]) {
            b &= ~(1 << k);
          }
        }
      }
      validity.setByte((at + i) >>> 3, b);
    }
    for (; i < n; i++) {
      BitVectorHelper.setValidityBit(validity, at + i, isNull != null && isNull[from + i] ? 0 : 1);
    }
  }

  private static void setNull(FieldVector v, int i) {
    if (v instanceof org.apache.arrow.vector.BaseFixedWidthVector f) {
      f.setNull(i);
    } else if (v instanceof org.apache.arrow.vector.BaseVariableWidthVector b) {
      b.setNull(i);
    } else {
      ColumnWriter.of(v).set(i, null);
    }
  }
}
