package dev.floe.planner.parquet;

import dev.floe.storage.ColumnType;
import dev.floe.storage.ColumnType.Kind;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * One top-level column of a Parquet file as Floe reads it: its name, its Floe type, and how its
 * stored values become Calcite's internal values ({@link Decode}).
 *
 * <p>Mapping: BOOLEAN; INT32 as INTEGER (INT(8)/INT(16) as TINYINT/SMALLINT, unsigned ones one size
 * up, DATE, TIME(MILLIS), DECIMAL); INT64 as BIGINT (unsigned INT(64) as DECIMAL(20,0), TIMESTAMP of
 * any unit as TIMESTAMP, or TIMESTAMP_LTZ when adjusted to UTC, TIME, DECIMAL); INT96 (legacy
 * timestamps) as TIMESTAMP; FLOAT as REAL; DOUBLE; BINARY as VARCHAR when annotated STRING, ENUM or
 * JSON, as DECIMAL when DECIMAL, else VARBINARY; FIXED_LEN_BYTE_ARRAY as DECIMAL, UUID (VARCHAR)
 * or VARBINARY. Timestamps reach SQL at millisecond precision, as every Floe timestamp does in a
 * query. Nested and repeated columns (LIST, MAP, structs), DECIMAL wider than 38 digits, FLOAT16
 * and INTERVAL are refused with the column's name.
 *
 * @param name the column's name as the file spells it
 * @param type the Floe type
 * @param primitive the stored type
 * @param decode how stored values become internal values
 */
record ParquetColumn(String name, ColumnType type, PrimitiveType primitive, Decode decode) {
  /** The ways stored values are decoded. */
  enum Decode {
    PLAIN, UNSIGNED_INT32, UNSIGNED_INT64, DECIMAL_INT, DECIMAL_BINARY, STRING, BYTES, UUID,
    TIMESTAMP_MILLIS, TIMESTAMP_MICROS, TIMESTAMP_NANOS, TIME_MICROS, TIME_NANOS, INT96
  }

  /** The columns of {@code schema}, in order; {@code file} names the file in errors. */
  static List<ParquetColumn> of(MessageType schema, String file) {
    List<ParquetColumn> out = new ArrayList<>();
    for (Type field : schema.getFields()) {
      out.add(of(field, file));
    }
    if (out.isEmpty()) {
      throw new UnsupportedOperationException("Parquet file '" + file + "' has no columns");
    }
    return out;
  }

  private static ParquetColumn of(Type field, String file) {
    String name = field.getName();
    if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
      throw unsupported(name, file, field.getLogicalTypeAnnotation() != null
          ? field.getLogicalTypeAnnotation().toString() : field.isPrimitive() ? "a repeated value" : "a nested group");
    }
    PrimitiveType p = field.asPrimitiveType();
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return new ParquetColumn(name, ColumnType.of(Kind.BOOLEAN), p, Decode.PLAIN);
      case FLOAT:
        return new ParquetColumn(name, ColumnType.of(Kind.REAL), p, Decode.PLAIN);
      case DOUBLE:
        return new ParquetColumn(name, ColumnType.of(Kind.DOUBLE), p, Decode.PLAIN);
      case INT96:
        return new ParquetColumn(name, ColumnType.of(Kind.TIMESTAMP), p, Decode.INT96);
      case INT32:
        if (a == null) {
          return new ParquetColumn(name, ColumnType.of(Kind.INTEGER), p, Decode.PLAIN);
        }
        if (a instanceof IntLogicalTypeAnnotation i) {
          Kind k = i.isSigned() ? (i.getBitWidth() == 8 ? Kind.TINYINT : i.getBitWidth() == 16 ? Kind.SMALLINT : Kind.INTEGER)
              : (i.getBitWidth() == 8 ? Kind.SMALLINT : i.getBitWidth() == 16 ? Kind.INTEGER : Kind.BIGINT);
          return new ParquetColumn(name, ColumnType.of(k), p, i.isSigned() ? Decode.PLAIN : Decode.UNSIGNED_INT32);
        }
        if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return new ParquetColumn(name, ColumnType.of(Kind.DATE), p, Decode.PLAIN);
        }
        if (a instanceof TimeLogicalTypeAnnotation) {
          return new ParquetColumn(name, ColumnType.of(Kind.TIME), p, Decode.PLAIN);
        }
        if (a instanceof DecimalLogicalTypeAnnotation d) {
          return new ParquetColumn(name, decimal(d, name, file), p, Decode.DECIMAL_INT);
        }
        break;
      case INT64:
        if (a == null) {
          return new ParquetColumn(name, ColumnType.of(Kind.BIGINT), p, Decode.PLAIN);
        }
        if (a instanceof IntLogicalTypeAnnotation i) {
          return i.isSigned() ? new ParquetColumn(name, ColumnType.of(Kind.BIGINT), p, Decode.PLAIN)
              : new ParquetColumn(name, ColumnType.decimal(20, 0), p, Decode.UNSIGNED_INT64);
        }
        if (a instanceof TimestampLogicalTypeAnnotation t) {
          Kind k = t.isAdjustedToUTC() ? Kind.TIMESTAMP_LTZ : Kind.TIMESTAMP;
          return new ParquetColumn(name, ColumnType.of(k), p, t.getUnit() == TimeUnit.MILLIS ? Decode.TIMESTAMP_MILLIS
              : t.getUnit() == TimeUnit.MICROS ? Decode.TIMESTAMP_MICROS : Decode.TIMESTAMP_NANOS);
        }
        if (a instanceof TimeLogicalTypeAnnotation t) {
          return new ParquetColumn(name, ColumnType.of(Kind.TIME), p,
              t.getUnit() == TimeUnit.MICROS ? Decode.TIME_MICROS : Decode.TIME_NANOS);
        }
        if (a instanceof DecimalLogicalTypeAnnotation d) {
          return new ParquetColumn(name, decimal(d, name, file), p, Decode.DECIMAL_INT);
        }
        break;
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        if (a == null) {
          return new ParquetColumn(name, ColumnType.of(Kind.VARBINARY), p, Decode.BYTES);
        }
        if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
            || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
          return new ParquetColumn(name, ColumnType.of(Kind.VARCHAR), p, Decode.STRING);
        }
        if (a instanceof DecimalLogicalTypeAnnotation d) {
          return new ParquetColumn(name, decimal(d, name, file), p, Decode.DECIMAL_BINARY);
        }
        if (a instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
          return new ParquetColumn(name, ColumnType.of(Kind.VARCHAR), p, Decode.UUID);
        }
        if (a instanceof LogicalTypeAnnotation.BsonLogicalTypeAnnotation) {
          return new ParquetColumn(name, ColumnType.of(Kind.VARBINARY), p, Decode.BYTES);
        }
        break;
      default:
        break;
    }
    throw unsupported(name, file, p.getPrimitiveTypeName() + (a == null ? "" : " " + a));
  }

  private static ColumnType decimal(DecimalLogicalTypeAnnotation d, String name, String file) {
    if (d.getPrecision() > ColumnType.MAX_DECIMAL_PRECISION) {
      throw unsupported(name, file, "DECIMAL(" + d.getPrecision() + "," + d.getScale() + "), wider than 38 digits");
    }
    return ColumnType.decimal(d.getPrecision(), d.getScale());
  }

  private static UnsupportedOperationException unsupported(String name, String file, String what) {
    return new UnsupportedOperationException("column '" + name + "' of Parquet file '" + file + "' is " + what
        + ", which Floe cannot read; Floe reads flat columns of boolean, integer, floating-point, DECIMAL (up to"
        + " 38 digits), string, binary, DATE, TIME and TIMESTAMP types. Rewrite the file without that column, or"
        + " with it flattened or cast to one of those types");
  }
}
