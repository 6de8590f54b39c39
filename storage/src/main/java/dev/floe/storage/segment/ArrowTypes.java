package dev.floe.storage.segment;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Maps Floe column types to Arrow types. Every value is stored in Arrow in its physical domain
 * (see {@link ColumnType}), with no conversion:
 *
 * <table>
 *   <caption>Column type to Arrow type and vector</caption>
 *   <tr><th>ColumnType</th><th>ArrowType</th><th>vector</th></tr>
 *   <tr><td>BOOLEAN</td><td>Bool</td><td>BitVector</td></tr>
 *   <tr><td>TINYINT</td><td>Int(8, signed)</td><td>TinyIntVector</td></tr>
 *   <tr><td>SMALLINT</td><td>Int(16, signed)</td><td>SmallIntVector</td></tr>
 *   <tr><td>INTEGER</td><td>Int(32, signed)</td><td>IntVector</td></tr>
 *   <tr><td>BIGINT</td><td>Int(64, signed)</td><td>BigIntVector</td></tr>
 *   <tr><td>REAL</td><td>FloatingPoint(SINGLE)</td><td>Float4Vector</td></tr>
 *   <tr><td>DOUBLE</td><td>FloatingPoint(DOUBLE)</td><td>Float8Vector</td></tr>
 *   <tr><td>DECIMAL(p,s)</td><td>Decimal(p, s, 128)</td><td>DecimalVector</td></tr>
 *   <tr><td>VARCHAR</td><td>Utf8</td><td>VarCharVector</td></tr>
 *   <tr><td>VARBINARY</td><td>Binary</td><td>VarBinaryVector</td></tr>
 *   <tr><td>DATE</td><td>Date(DAY)</td><td>DateDayVector (int days since 1970-01-01)</td></tr>
 *   <tr><td>TIME</td><td>Time(MICROSECOND, 64)</td><td>TimeMicroVector (long micros of day)</td></tr>
 *   <tr><td>TIMESTAMP</td><td>Timestamp(MICROSECOND, no zone)</td><td>TimeStampMicroVector</td></tr>
 *   <tr><td>TIMESTAMP_LTZ</td><td>Timestamp(MICROSECOND, "UTC")</td><td>TimeStampMicroTZVector</td></tr>
 * </table>
 *
 * <p>Nullability follows {@link Column#nullable()}; the field name is the column name.
 */
public final class ArrowTypes {
  /** The time zone of TIMESTAMP_LTZ vectors: values are instants, shown in the session zone later. */
  public static final String LTZ_ZONE = "UTC";

  private ArrowTypes() {}

  /** The Arrow type that holds values of {@code type}. */
  public static ArrowType arrowType(ColumnType type) {
    return switch (type.kind()) {
      case BOOLEAN -> ArrowType.Bool.INSTANCE;
      case TINYINT -> new ArrowType.Int(8, true);
      case SMALLINT -> new ArrowType.Int(16, true);
      case INTEGER -> new ArrowType.Int(32, true);
      case BIGINT -> new ArrowType.Int(64, true);
      case REAL -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case DECIMAL -> new ArrowType.Decimal(type.precision(), type.scale(), 128);
      case VARCHAR -> ArrowType.Utf8.INSTANCE;
      case VARBINARY -> ArrowType.Binary.INSTANCE;
      case DATE -> new ArrowType.Date(DateUnit.DAY);
      case TIME -> new ArrowType.Time(TimeUnit.MICROSECOND, 64);
      case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
      case TIMESTAMP_LTZ -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, LTZ_ZONE);
    };
  }

  /**
   * The column type an Arrow type maps back to (the inverse of {@link #arrowType}); any
   * microsecond timestamp with a zone maps to TIMESTAMP_LTZ.
   *
   * @throws IllegalArgumentException for an Arrow type Floe does not store
   */
  public static ColumnType columnType(ArrowType type) {
    if (type instanceof ArrowType.Bool) {
      return ColumnType.of(ColumnType.Kind.BOOLEAN);
    } else if (type instanceof ArrowType.Int i && i.getIsSigned()) {
      switch (i.getBitWidth()) {
        case 8: return ColumnType.of(ColumnType.Kind.TINYINT);
        case 16: return ColumnType.of(ColumnType.Kind.SMALLINT);
        case 32: return ColumnType.of(ColumnType.Kind.INTEGER);
        case 64: return ColumnType.of(ColumnType.Kind.BIGINT);
        default: break;
      }
    } else if (type instanceof ArrowType.FloatingPoint f) {
      if (f.getPrecision() == FloatingPointPrecision.SINGLE) {
        return ColumnType.of(ColumnType.Kind.REAL);
      } else if (f.getPrecision() == FloatingPointPrecision.DOUBLE) {
        return ColumnType.of(ColumnType.Kind.DOUBLE);
      }
    } else if (type instanceof ArrowType.Decimal d && d.getBitWidth() == 128) {
      return ColumnType.decimal(d.getPrecision(), d.getScale());
    } else if (type instanceof ArrowType.Utf8) {
      return ColumnType.of(ColumnType.Kind.VARCHAR);
    } else if (type instanceof ArrowType.Binary) {
      return ColumnType.of(ColumnType.Kind.VARBINARY);
    } else if (type instanceof ArrowType.Date d && d.getUnit() == DateUnit.DAY) {
      return ColumnType.of(ColumnType.Kind.DATE);
    } else if (type instanceof ArrowType.Time t
        && t.getUnit() == TimeUnit.MICROSECOND && t.getBitWidth() == 64) {
      return ColumnType.of(ColumnType.Kind.TIME);
    } else if (type instanceof ArrowType.Timestamp t && t.getUnit() == TimeUnit.MICROSECOND) {
      return ColumnType.of(t.getTimezone() == null ? ColumnType.Kind.TIMESTAMP : ColumnType.Kind.TIMESTAMP_LTZ);
    }
    throw new IllegalArgumentException("Arrow type " + type + " has no Floe column type");
  }

  /** The Arrow field of a column: its name, its type, its nullability. */
  public static Field field(Column column) {
    return new Field(column.name(), new FieldType(column.nullable(), arrowType(column.type()), null), null);
  }

  /** The Arrow schema of {@code schema}'s columns, in order. */
  public static org.apache.arrow.vector.types.pojo.Schema arrowSchema(List<Column> columns) {
    List<Field> fields = new ArrayList<>(columns.size());
    for (Column c : columns) {
      fields.add(field(c));
    }
    return new org.apache.arrow.vector.types.pojo.Schema(fields);
  }

  /** A new, empty vector for {@code column}; the caller owns (and closes) it. */
  public static FieldVector createVector(Column column, BufferAllocator allocator) {
    return field(column).createVector(allocator);
  }

  /** A new, empty root with one vector per column of {@code schema}; the caller closes it. */
  public static VectorSchemaRoot createRoot(Schema schema, BufferAllocator allocator) {
    return VectorSchemaRoot.create(arrowSchema(schema.columns()), allocator);
  }

  /** Bytes per value of a fixed-width type in Arrow and in a segment; 0 for BOOLEAN (bits) and variable width. */
  static int byteWidth(ColumnType type) {
    return switch (type.kind()) {
      case BOOLEAN, VARCHAR, VARBINARY -> 0;
      case TINYINT -> 1;
      case SMALLINT -> 2;
      case INTEGER, REAL, DATE -> 4;
      case BIGINT, DOUBLE, TIME, TIMESTAMP, TIMESTAMP_LTZ -> 8;
      case DECIMAL -> 16;
    };
  }
}
