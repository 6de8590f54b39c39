package dev.floe.storage.table;

import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Row-level copying and assignment on Arrow batches, for copy-on-write rewrites: the rows a DELETE
 * keeps, the rows an UPDATE changes. Values are in the segment layer's physical domain: Long for
 * integer, DATE (days), TIME and TIMESTAMP (microseconds) columns, Double, BigDecimal, String,
 * byte[], Boolean; null for NULL.
 */
final class ArrowRows {
  private ArrowRows() {}

  /** A new root with the fields of {@code src}, holding the rows of {@code src} listed in {@code rows}, in order. */
  static VectorSchemaRoot select(VectorSchemaRoot src, int[] rows, BufferAllocator allocator) {
    VectorSchemaRoot out = VectorSchemaRoot.create(src.getSchema(), allocator);
    try {
      out.allocateNew();
      for (int c = 0; c < src.getFieldVectors().size(); c++) {
        FieldVector from = src.getVector(c);
        FieldVector to = out.getVector(c);
        for (int i = 0; i < rows.length; i++) {
          to.copyFromSafe(rows[i], i, from);
        }
        to.setValueCount(rows.length);
      }
      out.setRowCount(rows.length);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /**
   * A new root with every row of {@code src}, where rows listed in the ascending array {@code hits}
   * take {@code values} (by column index) instead. Rows are written in order, as variable-width
   * vectors require.
   */
  static VectorSchemaRoot assign(VectorSchemaRoot src, int[] hits, java.util.Map<Integer, Object> values,
      BufferAllocator allocator) {
    int[] columns = values.keySet().stream().mapToInt(Integer::intValue).toArray();
    Object[] row = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) {
      row[i] = values.get(columns[i]);
    }
    return assign(src, hits, columns, (rows, r) -> row, allocator);
  }

  /**
   * As above, with the values of the hit rows computed per row by {@code update} for the columns
   * (by index) in {@code columns}.
   */
  static VectorSchemaRoot assign(VectorSchemaRoot src, int[] hits, int[] columns, RowUpdate update,
      BufferAllocator allocator) {
    Object[][] computed = new Object[hits.length][];
    for (int i = 0; i < hits.length; i++) {
      computed[i] = update.apply(src, hits[i]);
      if (computed[i] == null || computed[i].length != columns.length) {
        throw new FloeException(ErrorCode.INVALID_ARGUMENT, null, "an UPDATE row function returned "
            + (computed[i] == null ? "null" : computed[i].length + " values") + " for " + columns.length
            + " assigned columns", null);
      }
    }
    java.util.Map<Integer, Integer> position = new java.util.HashMap<>();
    for (int i = 0; i < columns.length; i++) {
      position.put(columns[i], i);
    }
    VectorSchemaRoot out = VectorSchemaRoot.create(src.getSchema(), allocator);
    try {
      out.allocateNew();
      int rows = src.getRowCount();
      for (int c = 0; c < src.getFieldVectors().size(); c++) {
        FieldVector from = src.getVector(c);
        FieldVector to = out.getVector(c);
        Integer assigned = position.get(c);
        int j = 0;
        for (int r = 0; r < rows; r++) {
          boolean hit = j < hits.length && hits[j] == r;
          if (hit) {
            j++;
          }
          if (hit && assigned != null) {
            Object value = computed[j - 1][assigned];
            if (value == null && !to.getField().isNullable()) {
              throw new FloeException(ErrorCode.NOT_NULL_VIOLATION, null, "column '" + to.getName()
                  + "' is NOT NULL and cannot be set to NULL", null);
            }
            set(to, r, value);
          } else {
            to.copyFromSafe(r, r, from);
          }
        }
        to.setValueCount(rows);
      }
      out.setRowCount(rows);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** The row indexes of {@code 0..rowCount-1} that are not in the ascending array {@code selected}. */
  static int[] complement(int rowCount, int[] selected) {
    List<Integer> out = new ArrayList<>();
    int j = 0;
    for (int r = 0; r < rowCount; r++) {
      if (j < selected.length && selected[j] == r) {
        j++;
      } else {
        out.add(r);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Sets row {@code row} of {@code v} to {@code value} (physical domain; null sets NULL). For
   * variable-width vectors rows must be set in ascending order (as {@link #assign} does).
   *
   * @throws FloeException {@link ErrorCode#INVALID_ARGUMENT} if the value does not fit the column
   */
  static void set(FieldVector v, int row, Object value) {
    if (value == null) {
      if (v instanceof BaseFixedWidthVector f) {
        f.setNull(row);
      } else if (v instanceof VarCharVector s) {
        s.setNull(row);
      } else if (v instanceof VarBinaryVector s) {
        s.setNull(row);
      } else {
        throw unsupported(v, null);
      }
      return;
    }
    try {
      if (v instanceof BitVector b) {
        b.setSafe(row, ((Boolean) value) ? 1 : 0);
      } else if (v instanceof TinyIntVector t) {
        t.setSafe(row, Math.toIntExact(range(value, Byte.MIN_VALUE, Byte.MAX_VALUE)));
      } else if (v instanceof SmallIntVector t) {
        t.setSafe(row, Math.toIntExact(range(value, Short.MIN_VALUE, Short.MAX_VALUE)));
      } else if (v instanceof IntVector t) {
        t.setSafe(row, Math.toIntExact(range(value, Integer.MIN_VALUE, Integer.MAX_VALUE)));
      } else if (v instanceof DateDayVector t) {
        t.setSafe(row, Math.toIntExact(range(value, Integer.MIN_VALUE, Integer.MAX_VALUE)));
      } else if (v instanceof BigIntVector t) {
        t.setSafe(row, ((Number) value).longValue());
      } else if (v instanceof TimeMicroVector t) {
        t.setSafe(row, ((Number) value).longValue());
      } else if (v instanceof TimeStampVector t) {
        t.setSafe(row, ((Number) value).longValue());
      } else if (v instanceof Float4Vector t) {
        t.setSafe(row, ((Number) value).floatValue());
      } else if (v instanceof Float8Vector t) {
        t.setSafe(row, ((Number) value).doubleValue());
      } else if (v instanceof DecimalVector t) {
        BigDecimal d = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
        BigDecimal scaled = d.setScale(t.getScale(), RoundingMode.HALF_UP);
        if (scaled.precision() > t.getPrecision()) {
          throw new IllegalArgumentException(d + " has more than " + t.getPrecision() + " digits");
        }
        t.setSafe(row, scaled);
      } else if (v instanceof VarCharVector t) {
        t.setSafe(row, value.toString().getBytes(StandardCharsets.UTF_8));
      } else if (v instanceof VarBinaryVector t) {
        t.setSafe(row, (byte[]) value);
      } else {
        throw unsupported(v, value);
      }
    } catch (ClassCastException | ArithmeticException | IllegalArgumentException e) {
      throw new FloeException(ErrorCode.INVALID_ARGUMENT, null, "value " + value + " ("
          + value.getClass().getSimpleName() + ") does not fit column '" + v.getName() + "' of type "
          + v.getField().getType() + ": " + e.getMessage() + "; cast it to the column's type", e);
    }
  }

  private static long range(Object value, long min, long max) {
    long l = ((Number) value).longValue();
    if (l < min || l > max) {
      throw new ArithmeticException(l + " is out of range " + min + ".." + max);
    }
    return l;
  }

  private static FloeException unsupported(FieldVector v, Object value) {
    return new FloeException(ErrorCode.INVALID_ARGUMENT, null, "cannot assign " + value + " to column '"
        + v.getName() + "': vectors of type " + v.getClass().getSimpleName() + " are not supported", null);
  }
}
