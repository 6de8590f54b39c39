package dev.floe.planner.exec;

import java.nio.charset.StandardCharsets;
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
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Reads one Arrow vector's values in Calcite's internal representation: BOOLEAN Boolean, TINYINT
 * Byte, SMALLINT Short, INTEGER Integer, BIGINT Long, REAL Float, DOUBLE Double, DECIMAL
 * BigDecimal, VARCHAR String, VARBINARY {@link ByteString}, DATE Integer days, TIME Integer
 * milliseconds of the day, TIMESTAMP and TIMESTAMP WITH LOCAL TIME ZONE Long milliseconds since the
 * epoch. Microsecond values are floored to milliseconds, Calcite's precision.
 */
@FunctionalInterface
interface ColumnReader {
  /** The value at {@code row}, or null. */
  Object get(int row);

  /**
   * A reader for {@code v}.
   *
   * @throws IllegalArgumentException for a vector type Floe never produces
   */
  static ColumnReader of(FieldVector v) {
    if (v instanceof BitVector b) {
      return i -> b.isNull(i) ? null : b.get(i) != 0;
    }
    if (v instanceof TinyIntVector t) {
      return i -> t.isNull(i) ? null : t.get(i);
    }
    if (v instanceof SmallIntVector s) {
      return i -> s.isNull(i) ? null : s.get(i);
    }
    if (v instanceof IntVector n) {
      return i -> n.isNull(i) ? null : n.get(i);
    }
    if (v instanceof BigIntVector n) {
      return i -> n.isNull(i) ? null : n.get(i);
    }
    if (v instanceof Float4Vector f) {
      return i -> f.isNull(i) ? null : f.get(i);
    }
    if (v instanceof Float8Vector f) {
      return i -> f.isNull(i) ? null : f.get(i);
    }
    if (v instanceof DecimalVector d) {
      return i -> d.isNull(i) ? null : d.getObject(i);
    }
    if (v instanceof VarCharVector s) {
      return i -> s.isNull(i) ? null : new String(s.get(i), StandardCharsets.UTF_8);
    }
    if (v instanceof VarBinaryVector b) {
      return i -> b.isNull(i) ? null : new ByteString(b.get(i));
    }
    if (v instanceof DateDayVector d) {
      return i -> d.isNull(i) ? null : d.get(i);
    }
    if (v instanceof TimeMicroVector t) {
      return i -> t.isNull(i) ? null : (int) Math.floorDiv(t.get(i), 1000L);
    }
    if (v instanceof TimeMilliVector t) {
      return i -> t.isNull(i) ? null : t.get(i);
    }
    if (v instanceof TimeStampMicroVector t) {
      return i -> t.isNull(i) ? null : Math.floorDiv(t.get(i), 1000L);
    }
    if (v instanceof TimeStampMicroTZVector t) {
      return i -> t.isNull(i) ? null : Math.floorDiv(t.get(i), 1000L);
    }
    if (v instanceof TimeStampMilliVector t) {
      return i -> t.isNull(i) ? null : t.get(i);
    }
    if (v instanceof TimeStampMilliTZVector t) {
      return i -> t.isNull(i) ? null : t.get(i);
    }
    throw new IllegalArgumentException("no SQL mapping for Arrow vector " + v.getClass().getSimpleName()
        + " of field " + v.getField());
  }
}
