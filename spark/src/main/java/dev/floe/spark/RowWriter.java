package dev.floe.spark;

import dev.floe.storage.Column;
import dev.floe.storage.Schema;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * Copies Spark rows (internal form) into an Arrow root laid out as a Floe schema (vector i = schema
 * column i, Arrow types per {@code ArrowTypes}): the values need no conversion but TIME (Spark's
 * nanoseconds to Floe's microseconds of the day; sub-microsecond digits are truncated, as time(6)
 * holds none; as bigint, the microseconds themselves). A VARCHAR(n) value longer than n characters fails with 22001, as every Floe writer.
 */
final class RowWriter {
  private final List<Column> columns;
  private final int[] ordinals;
  /** Spark's time(6) nanoseconds per Floe microsecond, or 1 where TIME travels as bigint micros. */
  private final long[] timeDivisor;
  private final VectorSchemaRoot root;
  private int rows;

  /**
   * @param ordinals per schema column, the field of the input row holding it (-1: none, NULL)
   */
  RowWriter(List<Column> columns, int[] ordinals, boolean timeType, VectorSchemaRoot root) {
    this.columns = columns;
    this.ordinals = ordinals.clone();
    this.timeDivisor = new long[columns.size()];
    java.util.Arrays.fill(timeDivisor, timeType ? 1000L : 1L);
    this.root = root;
  }

  /** Per column of {@code schema}, the index of the field of {@code input} with its name (exact, else ignoring case), or -1. */
  static int[] ordinals(Schema schema, StructType input) {
    int[] out = new int[schema.size()];
    String[] names = input.fieldNames();
    for (int i = 0; i < out.length; i++) {
      String n = schema.column(i).name();
      out[i] = -1;
      for (int j = 0; j < names.length && out[i] < 0; j++) {
        if (names[j].equals(n)) {
          out[i] = j;
        }
      }
      for (int j = 0; j < names.length && out[i] < 0; j++) {
        if (names[j].equalsIgnoreCase(n)) {
          out[i] = j;
        }
      }
    }
    return out;
  }

  int rows() {
    return rows;
  }

  /** Appends one row. */
  void add(InternalRow row) {
    int r = rows;
    for (int i = 0; i < ordinals.length; i++) {
      int o = ordinals[i];
      FieldVector v = root.getVector(i);
      Column c = columns.get(i);
      if (o < 0 || row.isNullAt(o)) {
        if (!c.nullable()) {
          throw new FloeException(ErrorCode.NOT_NULL_VIOLATION, null, "column '" + c.name() + "' of the Floe table"
              + " is NOT NULL but a row written by Spark has NULL there; filter such rows out or give a value", null);
        }
        v.setNull(r);
        continue;
      }
      switch (c.type().kind()) {
        case BOOLEAN -> ((BitVector) v).setSafe(r, row.getBoolean(o) ? 1 : 0);
        case TINYINT -> ((TinyIntVector) v).setSafe(r, row.getByte(o));
        case SMALLINT -> ((SmallIntVector) v).setSafe(r, row.getShort(o));
        case INTEGER -> ((IntVector) v).setSafe(r, row.getInt(o));
        case BIGINT -> ((BigIntVector) v).setSafe(r, row.getLong(o));
        case REAL -> ((Float4Vector) v).setSafe(r, row.getFloat(o));
        case DOUBLE -> ((Float8Vector) v).setSafe(r, row.getDouble(o));
        case DECIMAL -> ((DecimalVector) v).setSafe(r,
            row.getDecimal(o, c.type().precision(), c.type().scale()).toJavaBigDecimal());
        case VARCHAR -> {
          byte[] bytes = row.getUTF8String(o).getBytes();
          if (c.maxLength() > 0 && c.tooLong(new String(bytes, StandardCharsets.UTF_8))) {
            throw new FloeException(ErrorCode.STRING_DATA_RIGHT_TRUNCATION, null, "a value written by Spark is"
                + " longer than column '" + c.name() + "' allows (" + c.sqlType() + "); shorten it or widen the column", null);
          }
          ((VarCharVector) v).setSafe(r, bytes);
        }
        case VARBINARY -> ((VarBinaryVector) v).setSafe(r, row.getBinary(o));
        case DATE -> ((DateDayVector) v).setSafe(r, row.getInt(o));
        case TIME -> ((TimeMicroVector) v).setSafe(r, row.getLong(o) / timeDivisor[i]);
        case TIMESTAMP -> ((TimeStampMicroVector) v).setSafe(r, row.getLong(o));
        case TIMESTAMP_LTZ -> ((TimeStampMicroTZVector) v).setSafe(r, row.getLong(o));
        default -> throw new IllegalStateException("unknown type " + c.type());
      }
    }
    rows++;
    root.setRowCount(rows);
  }

  /** Empties the root for the next rows. */
  void reset() {
    root.clear();
    for (FieldVector v : root.getFieldVectors()) {
      v.allocateNew();
    }
    rows = 0;
    root.setRowCount(0);
  }
}
