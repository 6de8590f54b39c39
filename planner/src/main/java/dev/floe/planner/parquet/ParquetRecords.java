package dev.floe.planner.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import dev.floe.storage.ColumnType;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;

/**
 * Turns the records of a Parquet row group into {@code Object[]} rows of Calcite's internal values
 * (int days for DATE, int milliseconds for TIME, long milliseconds for TIMESTAMP, {@link
 * BigDecimal}, {@link String}, {@link ByteString}), one slot per requested column; a value the
 * record lacks stays null.
 */
final class ParquetRecords extends RecordMaterializer<Object[]> {
  private static final long MILLIS_PER_DAY = 86_400_000L;
  /** Julian day number of 1970-01-01, for INT96 timestamps. */
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;

  private final Root root;

  /** Rows of {@code columns}, the requested ones in the order the requested schema has them. */
  ParquetRecords(List<ParquetColumn> columns) {
    this.root = new Root(columns);
  }

  @Override
  public Object[] getCurrentRecord() {
    return root.row;
  }

  @Override
  public GroupConverter getRootConverter() {
    return root;
  }

  private static final class Root extends GroupConverter {
    private final Converter[] converters;
    private final int width;
    private Object[] row;

    Root(List<ParquetColumn> columns) {
      width = columns.size();
      converters = new Converter[width];
      for (int i = 0; i < width; i++) {
        converters[i] = new Value(this, i, columns.get(i));
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return converters[fieldIndex];
    }

    @Override
    public void start() {
      row = new Object[width];
    }

    @Override
    public void end() {}
  }

  /** One column's values, decoded into the current row. */
  private static final class Value extends PrimitiveConverter {
    private final Root root;
    private final int slot;
    private final ParquetColumn.Decode decode;
    private final int scale;
    private final ColumnType.Kind kind;

    Value(Root root, int slot, ParquetColumn column) {
      this.root = root;
      this.slot = slot;
      this.decode = column.decode();
      this.kind = column.type().kind();
      this.scale = column.primitive().getLogicalTypeAnnotation() instanceof DecimalLogicalTypeAnnotation d
          ? d.getScale() : 0;
    }

    @Override
    public void addBoolean(boolean value) {
      root.row[slot] = value;
    }

    @Override
    public void addFloat(float value) {
      root.row[slot] = value;
    }

    @Override
    public void addDouble(double value) {
      root.row[slot] = value;
    }

    @Override
    public void addInt(int value) {
      root.row[slot] = switch (decode) {
        case DECIMAL_INT -> BigDecimal.valueOf(value, scale);
        case UNSIGNED_INT32 -> switch (kind) {
          case SMALLINT -> (Object) (short) value;
          case INTEGER -> (Object) value;
          default -> (Object) Integer.toUnsignedLong(value);
        };
        default -> switch (kind) {
          case TINYINT -> (Object) (byte) value;
          case SMALLINT -> (Object) (short) value;
          default -> (Object) value;
        };
      };
    }

    @Override
    public void addLong(long value) {
      root.row[slot] = switch (decode) {
        case DECIMAL_INT -> BigDecimal.valueOf(value, scale);
        case UNSIGNED_INT64 -> new BigDecimal(new BigInteger(Long.toUnsignedString(value)));
        case TIMESTAMP_MICROS -> (Object) Math.floorDiv(value, 1_000L);
        case TIMESTAMP_NANOS -> (Object) Math.floorDiv(value, 1_000_000L);
        case TIME_MICROS -> (Object) (int) (value / 1_000L);
        case TIME_NANOS -> (Object) (int) (value / 1_000_000L);
        default -> (Object) value;
      };
    }

    @Override
    public void addBinary(Binary value) {
      root.row[slot] = switch (decode) {
        case STRING -> value.toStringUsingUTF8();
        case DECIMAL_BINARY -> new BigDecimal(new BigInteger(value.getBytes()), scale);
        case UUID -> uuid(value.getBytes());
        case INT96 -> int96(value.getBytes());
        default -> new ByteString(value.getBytes());
      };
    }

    private static String uuid(byte[] b) {
      ByteBuffer buf = ByteBuffer.wrap(b);
      return new java.util.UUID(buf.getLong(), buf.getLong()).toString();
    }

    /** Impala's INT96 timestamp: nanoseconds of the day, then the Julian day, little-endian. */
    private static long int96(byte[] b) {
      ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
      long nanos = buf.getLong();
      long julian = Integer.toUnsignedLong(buf.getInt());
      return (julian - JULIAN_EPOCH_DAY) * MILLIS_PER_DAY + nanos / 1_000_000L;
    }
  }
}
