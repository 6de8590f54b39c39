package dev.floe.planner.exec;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Writes values in Calcite's internal representation (see {@link ColumnReader}) into one Arrow
 * vector, growing it as needed. The exact inverse of {@link ColumnReader}; null writes a null.
 */
@FunctionalInterface
interface ColumnWriter {
  /** Writes {@code value} (or null) at {@code row}. */
  void set(int row, Object value);

  /**
   * A writer for {@code v}.
   *
   * @throws IllegalArgumentException for a vector type Floe never produces
   */
  static ColumnWriter of(FieldVector v) {
    if (v instanceof BitVector b) {
      return (i, o) -> {
        if (o == null) {
          b.setNull(i);
        } else {
          b.setSafe(i, (Boolean) o ? 1 : 0);
        }
      };
    }
    if (v instanceof TinyIntVector t) {
      return (i, o) -> {
        if (o == null) {
          t.setNull(i);
        } else {
          t.setSafe(i, ((Number) o).byteValue());
        }
      };
    }
    if (v instanceof SmallIntVector s) {
      return (i, o) -> {
        if (o == null) {
          s.setNull(i);
        } else {
          s.setSafe(i, ((Number) o).shortValue());
        }
      };
    }
    if (v instanceof IntVector n) {
      return (i, o) -> {
        if (o == null) {
          n.setNull(i);
        } else {
          n.setSafe(i, ((Number) o).intValue());
        }
      };
    }
    if (v instanceof BigIntVector n) {
      return (i, o) -> {
        if (o == null) {
          n.setNull(i);
        } else {
          n.setSafe(i, ((Number) o).longValue());
        }
      };
    }
    if (v instanceof Float4Vector f) {
      return (i, o) -> {
        if (o == null) {
          f.setNull(i);
        } else {
          f.setSafe(i, ((Number) o).floatValue());
        }
      };
    }
    if (v instanceof Float8Vector f) {
      return (i, o) -> {
        if (o == null) {
          f.setNull(i);
        } else {
          f.setSafe(i, ((Number) o).doubleValue());
        }
      };
    }
    if (v instanceof DecimalVector d) {
      int scale = ((ArrowType.Decimal) d.getField().getType()).getScale();
      return (i, o) -> {
        if (o == null) {
          d.setNull(i);
        } else {
          BigDecimal bd = o instanceof BigDecimal x ? x : new BigDecimal(o.toString());
          d.setSafe(i, bd.setScale(scale, RoundingMode.HALF_UP));
        }
      };
    }
    if (v instanceof VarCharVector s) {
      return (i, o) -> {
        if (o == null) {
          s.setNull(i);
        } else {
          s.setSafe(i, o.toString().getBytes(StandardCharsets.UTF_8));
        }
      };
    }
    if (v instanceof VarBinaryVector b) {
      return (i, o) -> {
        if (o == null) {
          b.setNull(i);
        } else {
          b.setSafe(i, o instanceof ByteString bs ? bs.getBytes() : (byte[]) o);
        }
      };
    }
    if (v instanceof DateDayVector d) {
      return (i, o) -> {
        if (o == null) {
          d.setNull(i);
        } else {
          d.setSafe(i, ((Number) o).intValue());
        }
      };
    }
    if (v instanceof TimeMicroVector t) {
      return (i, o) -> {
        if (o == null) {
          t.setNull(i);
        } else {
          t.setSafe(i, ((Number) o).longValue() * 1000L);
        }
      };
    }
    if (v instanceof TimeMilliVector t) {
      return (i, o) -> {
        if (o == null) {
          t.setNull(i);
        } else {
          t.setSafe(i, ((Number) o).intValue());
        }
      };
    }
    if (v instanceof TimeStampMicroVector t) {
      return (i, o) -> {
        if (o == null) {
          t.setNull(i);
        } else {
          t.setSafe(i, Math.multiplyExact(((Number) o).longValue(), 1000L));
        }
      };
    }
    if (v instanceof TimeStampMicroTZVector t) {
      return (i, o) -> {
        if (o == null) {
          t.setNull(i);
        } else {
          t.setSafe(i, Math.multiplyExact(((Number) o).longValue(), 1000L));
        }
      };
    }
    if (v instanceof TimeStampMilliVector t) {
      return (i, o) -> {
        if (o == null) {
          t.setNull(i);
        } else {
          t.setSafe(i, ((Number) o).longValue());
        }
      };
    }
    if (v instanceof TimeStampMilliTZVector t) {
      return (i, o) -> {
        if (o == null) {
          t.setNull(i);
        } else {
          t.setSafe(i, ((Number) o).longValue());
        }
      };
    }
    throw new IllegalArgumentException("no SQL mapping for Arrow vector " + v.getClass().getSimpleName()
        + " of field " + v.getField());
  }
}
