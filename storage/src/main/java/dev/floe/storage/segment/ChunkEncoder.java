package dev.floe.storage.segment;

import dev.floe.storage.ColumnType;
import java.math.BigDecimal;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/** Turns rows {@code [from, from + n)} of one Arrow vector into a {@link RawChunk}. */
final class ChunkEncoder {
  private ChunkEncoder() {}

  static RawChunk encode(FieldVector vector, ColumnType type, int from, int n) {
    checkVector(vector, type);
    byte[] validity = new byte[(n + 7) >>> 3];
    int nulls = 0;
    for (int i = 0; i < n; i++) {
      if (vector.isNull(from + i)) {
        nulls++;
      } else {
        validity[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    byte[] validityBuffer = nulls == 0 ? new byte[0] : validity;
    return switch (type.kind()) {
      case BOOLEAN -> booleans((BitVector) vector, from, n, validity, nulls, validityBuffer);
      case REAL, DOUBLE, DECIMAL -> floating((BaseFixedWidthVector) vector, type, from, n, validity, nulls, validityBuffer);
      case VARCHAR, VARBINARY -> StringChunkEncoder.encode((BaseVariableWidthVector) vector, type, from, n, validity, nulls, validityBuffer);
      default -> integers((BaseFixedWidthVector) vector, type, from, n, validity, nulls, validityBuffer);
    };
  }

  private static void checkVector(FieldVector vector, ColumnType type) {
    ColumnType actual;
    try {
      actual = ArrowTypes.columnType(vector.getField().getType());
    } catch (IllegalArgumentException e) {
      actual = null;
    }
    if (!type.equals(actual)) {
      throw new IllegalArgumentException("vector '" + vector.getName() + "' holds "
          + vector.getField().getType() + ", which does not store column type " + type
          + "; expected " + ArrowTypes.arrowType(type));
    }
  }

  static boolean valid(byte[] validity, int i) {
    return (validity[i >>> 3] & (1 << (i & 7))) != 0;
  }

  private static RawChunk booleans(BitVector v, int from, int n, byte[] validity, int nulls, byte[] vb) {
    byte[] bits = new byte[(n + 7) >>> 3];
    boolean seenFalse = false;
    boolean seenTrue = false;
    ArrowBuf data = v.getDataBuffer();
    for (int i = 0; i < n; i++) {
      int row = from + i;
      if (valid(validity, i)) {
        boolean b = (data.getByte(row >>> 3) & (1 << (row & 7))) != 0;
        if (b) {
          bits[i >>> 3] |= (byte) (1 << (i & 7));
          seenTrue = true;
        } else {
          seenFalse = true;
        }
      }
    }
    ColumnStats stats = nulls == n ? ColumnStats.allNull(n)
        : new ColumnStats(nulls, -1, !seenFalse, seenTrue, true, true);
    return new RawChunk(Encoding.PLAIN, List.of(vb, bits), stats);
  }

  private static RawChunk floating(
      BaseFixedWidthVector v, ColumnType type, int from, int n, byte[] validity, int nulls, byte[] vb) {
    int w = ArrowTypes.byteWidth(type);
    byte[] values = new byte[n * w];
    v.getDataBuffer().getBytes((long) from * w, values, 0, n * w);
    ColumnStats stats;
    if (nulls == n) {
      stats = ColumnStats.allNull(n);
    } else if (type.kind() == ColumnType.Kind.DECIMAL) {
      int minI = -1;
      int maxI = -1;
      for (int i = 0; i < n; i++) {
        if (!valid(validity, i)) {
          continue;
        }
        if (minI < 0 || cmp128(values, i, minI) < 0) {
          minI = i;
        }
        if (maxI < 0 || cmp128(values, i, maxI) > 0) {
          maxI = i;
        }
      }
      stats = new ColumnStats(nulls, -1,
          new BigDecimal(Decimals.fromLittleEndian16(values, minI * 16), type.scale()),
          new BigDecimal(Decimals.fromLittleEndian16(values, maxI * 16), type.scale()), true, true);
    } else {
      long minK = Long.MAX_VALUE;
      long maxK = Long.MIN_VALUE;
      double min = 0;
      double max = 0;
      for (int i = 0; i < n; i++) {
        if (!valid(validity, i)) {
          continue;
        }
        double d = w == 4
            ? (float) Float.intBitsToFloat((int) IntPacking.INT.get(values, i << 2))
            : Double.longBitsToDouble((long) IntPacking.LONG.get(values, i << 3));
        long k = Keys.ofDouble(d);
        if (k <= minK) {
          minK = k;
          min = d;
        }
        if (k >= maxK) {
          maxK = k;
          max = d;
        }
      }
      stats = new ColumnStats(nulls, -1, min, max, true, true);
    }
    if (type.kind() == ColumnType.Kind.DOUBLE && nulls < n) {
      byte[] scaled = ScaledDoubles.tryEncode(values, n, validity, nulls);
      if (scaled != null) {
        return new RawChunk(Encoding.SCALED, List.of(vb, scaled), stats);
      }
    }
    return new RawChunk(Encoding.PLAIN, List.of(vb, values), stats);
  }

  private static int cmp128(byte[] v, int i, int j) {
    return Decimals.compare(
        (long) IntPacking.LONG.get(v, i * 16 + 8), (long) IntPacking.LONG.get(v, i * 16),
        (long) IntPacking.LONG.get(v, j * 16 + 8), (long) IntPacking.LONG.get(v, j * 16));
  }

  private static RawChunk integers(
      BaseFixedWidthVector v, ColumnType type, int from, int n, byte[] validity, int nulls, byte[] vb) {
    int w = ArrowTypes.byteWidth(type);
    byte[] raw = new byte[n * w];
    v.getDataBuffer().getBytes((long) from * w, raw, 0, n * w);
    long[] vals = new long[n];
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    long fill = 0;
    boolean first = true;
    for (int i = 0; i < n; i++) {
      if (nulls != 0 && !valid(validity, i)) {
        vals[i] = fill;
        continue;
      }
      long x = switch (w) {
        case 1 -> raw[i];
        case 2 -> (short) IntPacking.SHORT.get(raw, i << 1);
        case 4 -> (int) IntPacking.INT.get(raw, i << 2);
        default -> (long) IntPacking.LONG.get(raw, i << 3);
      };
      vals[i] = x;
      if (first) {
        // Back-fill leading NULL slots with the first value so they do not widen the packing.
        for (int j = 0; j < i; j++) {
          vals[j] = x;
        }
        first = false;
      }
      fill = x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    ColumnStats stats = nulls == n ? ColumnStats.allNull(n) : new ColumnStats(nulls, -1, min, max, true, true);
    return new RawChunk(Encoding.PLAIN, List.of(vb, IntPacking.encode(vals, n, w)), stats);
  }
}
