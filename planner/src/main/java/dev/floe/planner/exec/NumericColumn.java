package dev.floe.planner.exec;

import dev.floe.storage.segment.SegmentBatch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TinyIntVector;

/**
 * Gathers the selected rows of a numeric Arrow vector into a primitive array, in Calcite's internal
 * representation (the same values {@link ColumnReader} boxes: TIME and TIMESTAMP floored to
 * milliseconds), so aggregation loops run over plain arrays without boxing.
 */
final class NumericColumn {
  private NumericColumn() {}

  /** How a vector's values are gathered. */
  enum Shape {
    /** Integers, DATE, TIME, TIMESTAMP: as {@code long}. */
    LONG,
    /** REAL and DOUBLE: as {@code double}. */
    DOUBLE,
    /** Anything else: not gathered. */
    OTHER
  }

  static Shape shape(FieldVector v) {
    if (v instanceof Float8Vector || v instanceof Float4Vector) {
      return Shape.DOUBLE;
    }
    if (v instanceof BigIntVector || v instanceof IntVector || v instanceof SmallIntVector
        || v instanceof TinyIntVector || v instanceof DateDayVector || v instanceof TimeMilliVector
        || v instanceof TimeMicroVector || v instanceof TimeStampMilliVector || v instanceof TimeStampMilliTZVector
        || v instanceof TimeStampMicroVector || v instanceof TimeStampMicroTZVector) {
      return Shape.LONG;
    }
    return Shape.OTHER;
  }

  /** Whether an integer vector holds microseconds (TIME, TIMESTAMP), which Calcite sees as milliseconds. */
  static boolean micros(FieldVector v) {
    return v instanceof TimeStampMicroVector || v instanceof TimeStampMicroTZVector || v instanceof TimeMicroVector;
  }

  /**
   * As {@link #longs(FieldVector, int[], int, long[], boolean[])} for column {@code p} of batch
   * {@code b}, gathered from the decoded segment when it can be (no Arrow vector is filled, and a
   * sparse selection decodes only its rows), else from the vector.
   *
   * @param micros whether the column holds microseconds ({@link #micros(FieldVector)})
   */
  static boolean longs(SegmentBatch b, int p, boolean micros, int[] sel, int n, long[] out, boolean[] nulls) {
    if (!b.longs(p, sel, n, out)) { // false when the column cannot be gathered
      return longs(b.vector(p), sel, n, out, nulls);
    }
    if (micros) {
      for (int k = 0; k < n; k++) {
        out[k] = Math.floorDiv(out[k], 1000L);
      }
    }
    return b.nulls(p, sel, n, nulls);
  }

  /** As {@link #longs(SegmentBatch, int, boolean, int[], int, long[], boolean[])} for REAL and DOUBLE. */
  static boolean doubles(SegmentBatch b, int p, int[] sel, int n, double[] out, boolean[] nulls) {
    if (!b.doubles(p, sel, n, out)) { // false when the column cannot be gathered
      return doubles(b.vector(p), sel, n, out, nulls);
    }
    return b.nulls(p, sel, n, nulls);
  }

  /** Writes whether row {@code sel[k]} of column {@code p} is NULL to {@code nulls[k]}; whether any is. */
  static boolean nulls(SegmentBatch b, int p, int[] sel, int n, boolean[] nulls) {
    return b.gathers(p) ? b.nulls(p, sel, n, nulls) : fillNulls(b.vector(p), sel, n, nulls);
  }

  /**
   * Writes the value of row {@code sel[k]} (or row {@code k} when {@code sel} is null) to {@code
   * out[k]} for k below {@code n}, and whether it is NULL to {@code nulls[k]}.
   *
   * @return whether any of those rows is NULL
   */
  static boolean longs(FieldVector v, int[] sel, int n, long[] out, boolean[] nulls) {
    ArrowBuf data = v.getDataBuffer();
    int width;
    boolean micros = false;
    if (v instanceof BigIntVector || v instanceof TimeStampMilliVector || v instanceof TimeStampMilliTZVector) {
      width = 8;
    } else if (v instanceof TimeStampMicroVector || v instanceof TimeStampMicroTZVector || v instanceof TimeMicroVector) {
      width = 8;
      micros = true;
    } else if (v instanceof IntVector || v instanceof DateDayVector || v instanceof TimeMilliVector) {
      width = 4;
    } else if (v instanceof SmallIntVector) {
      width = 2;
    } else if (v instanceof TinyIntVector) {
      width = 1;
    } else {
      throw new IllegalArgumentException("not an integer vector: " + v.getClass().getSimpleName());
    }
    for (int k = 0; k < n; k++) {
      int r = sel == null ? k : sel[k];
      long x;
      switch (width) {
        case 8:
          x = data.getLong((long) r * 8);
          break;
        case 4:
          x = data.getInt((long) r * 4);
          break;
        case 2:
          x = data.getShort((long) r * 2);
          break;
        default:
          x = data.getByte(r);
          break;
      }
      out[k] = micros ? Math.floorDiv(x, 1000L) : x;
    }
    return fillNulls(v, sel, n, nulls);
  }

  /** As {@link #longs} for REAL and DOUBLE vectors. */
  static boolean doubles(FieldVector v, int[] sel, int n, double[] out, boolean[] nulls) {
    ArrowBuf data = v.getDataBuffer();
    if (v instanceof Float8Vector) {
      for (int k = 0; k < n; k++) {
        out[k] = data.getDouble((long) (sel == null ? k : sel[k]) * 8);
      }
    } else if (v instanceof Float4Vector) {
      for (int k = 0; k < n; k++) {
        out[k] = data.getFloat((long) (sel == null ? k : sel[k]) * 4);
      }
    } else {
      throw new IllegalArgumentException("not a floating-point vector: " + v.getClass().getSimpleName());
    }
    return fillNulls(v, sel, n, nulls);
  }

  private static boolean fillNulls(FieldVector v, int[] sel, int n, boolean[] nulls) {
    if (v.getNullCount() == 0) {
      java.util.Arrays.fill(nulls, 0, n, false);
      return false;
    }
    boolean any = false;
    for (int k = 0; k < n; k++) {
      boolean isNull = v.isNull(sel == null ? k : sel[k]);
      nulls[k] = isNull;
      any |= isNull;
    }
    return any;
  }
}
