package dev.floe.planner.exec;

import dev.floe.storage.ColumnType;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Rows of a table held by column, every value already its column's value (as {@link
 * DirectInsert#bind(ParameterColumns)} made them): fixed-width numbers and timestamps in {@code
 * long}s (REAL and DOUBLE as their bits), strings as Strings, and other types as the objects {@link
 * ColumnWriter} takes. Written into Arrow vectors a column at a time ({@link RowAppender#add(ColumnBatch)}).
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
      case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, TIMESTAMP, TIMESTAMP_LTZ -> true;
      default -> false;
    };
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
      case TINYINT -> {
        TinyIntVector t = (TinyIntVector) v;
        for (int i = 0; i < n; i++) {
          if (isNull != null && isNull[from + i]) {
            t.setNull(at + i);
          } else {
            t.setSafe(at + i, (byte) p[from + i]);
          }
        }
      }
      case SMALLINT -> {
        SmallIntVector t = (SmallIntVector) v;
        for (int i = 0; i < n; i++) {
          if (isNull != null && isNull[from + i]) {
            t.setNull(at + i);
          } else {
            t.setSafe(at + i, (short) p[from + i]);
          }
        }
      }
      case INTEGER -> {
        IntVector t = (IntVector) v;
        for (int i = 0; i < n; i++) {
          if (isNull != null && isNull[from + i]) {
            t.setNull(at + i);
          } else {
            t.setSafe(at + i, (int) p[from + i]);
          }
        }
      }
      case BIGINT -> {
        BigIntVector t = (BigIntVector) v;
        for (int i = 0; i < n; i++) {
          if (isNull != null && isNull[from + i]) {
            t.setNull(at + i);
          } else {
            t.setSafe(at + i, p[from + i]);
          }
        }
      }
      case REAL -> {
        Float4Vector t = (Float4Vector) v;
        for (int i = 0; i < n; i++) {
          if (isNull != null && isNull[from + i]) {
            t.setNull(at + i);
          } else {
            t.setSafe(at + i, Float.intBitsToFloat((int) p[from + i]));
          }
        }
      }
      case DOUBLE -> {
        Float8Vector t = (Float8Vector) v;
        for (int i = 0; i < n; i++) {
          if (isNull != null && isNull[from + i]) {
            t.setNull(at + i);
          } else {
            t.setSafe(at + i, Double.longBitsToDouble(p[from + i]));
          }
        }
      }
      case TIMESTAMP, TIMESTAMP_LTZ -> {
        TimeStampVector t = (TimeStampVector) v; // microseconds; bind checked that millis * 1000 fits
        for (int i = 0; i < n; i++) {
          if (isNull != null && isNull[from + i]) {
            t.setNull(at + i);
          } else {
            t.setSafe(at + i, p[from + i] * 1000L);
          }
        }
      }
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
