package dev.floe.spark;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimeType;

/**
 * Floe column types as Spark types, exactly (docs/format.md value domains = Spark's internal ones):
 *
 * <table>
 *   <caption>Floe type to Spark type</caption>
 *   <tr><th>Floe</th><th>Spark</th><th>value</th></tr>
 *   <tr><td>BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT</td><td>boolean, byte, short, int, long</td><td>same</td></tr>
 *   <tr><td>REAL, DOUBLE</td><td>float, double</td><td>same</td></tr>
 *   <tr><td>DECIMAL(p,s)</td><td>decimal(p,s)</td><td>same</td></tr>
 *   <tr><td>VARCHAR, VARBINARY</td><td>string, binary</td><td>UTF-8 bytes, bytes</td></tr>
 *   <tr><td>DATE</td><td>date</td><td>days since 1970-01-01</td></tr>
 *   <tr><td>TIME</td><td>time(6) when {@code spark.sql.timeType.enabled}, else bigint</td><td>Floe micros
 *   of the day; Spark's time holds nanos (x 1000); as bigint, the micros themselves</td></tr>
 *   <tr><td>TIMESTAMP</td><td>timestamp_ntz</td><td>micros, local</td></tr>
 *   <tr><td>TIMESTAMP_LTZ</td><td>timestamp</td><td>micros since the epoch instant</td></tr>
 * </table>
 *
 * <p>A VARCHAR(n)'s length is enforced by Floe's writers, not declared to Spark (Spark's
 * varchar(n) is a string with a write-side check too).
 */
final class SparkTypes {
  private SparkTypes() {}

  static DataType sparkType(ColumnType t) {
    return switch (t.kind()) {
      case BOOLEAN -> DataTypes.BooleanType;
      case TINYINT -> DataTypes.ByteType;
      case SMALLINT -> DataTypes.ShortType;
      case INTEGER -> DataTypes.IntegerType;
      case BIGINT -> DataTypes.LongType;
      case REAL -> DataTypes.FloatType;
      case DOUBLE -> DataTypes.DoubleType;
      case DECIMAL -> DataTypes.createDecimalType(t.precision(), t.scale());
      case VARCHAR -> DataTypes.StringType;
      case VARBINARY -> DataTypes.BinaryType;
      case DATE -> DataTypes.DateType;
      case TIME -> timeTypeEnabled() ? TimeType.apply(6) : DataTypes.LongType;
      case TIMESTAMP -> DataTypes.TimestampNTZType;
      case TIMESTAMP_LTZ -> DataTypes.TimestampType;
    };
  }

  /**
   * Whether this session has Spark's TIME type ({@code spark.sql.timeType.enabled}, off by default
   * in Spark 4.2): without it a Floe TIME column reads as bigint microseconds of the day.
   */
  static boolean timeTypeEnabled() {
    return Boolean.parseBoolean(org.apache.spark.sql.internal.SQLConf.get().getConfString("spark.sql.timeType.enabled", "false"));
  }

  /**
   * The Floe type that stores values of {@code t}.
   *
   * @throws IllegalArgumentException for a Spark type Floe cannot store (arrays, maps, structs,
   *     intervals, variant, time with nanoseconds, decimals above 38 digits)
   */
  static ColumnType floeType(DataType t, String column) {
    ColumnType.Kind k;
    if (t == DataTypes.BooleanType) {
      k = ColumnType.Kind.BOOLEAN;
    } else if (t == DataTypes.ByteType) {
      k = ColumnType.Kind.TINYINT;
    } else if (t == DataTypes.ShortType) {
      k = ColumnType.Kind.SMALLINT;
    } else if (t == DataTypes.IntegerType) {
      k = ColumnType.Kind.INTEGER;
    } else if (t == DataTypes.LongType) {
      k = ColumnType.Kind.BIGINT;
    } else if (t == DataTypes.FloatType) {
      k = ColumnType.Kind.REAL;
    } else if (t == DataTypes.DoubleType) {
      k = ColumnType.Kind.DOUBLE;
    } else if (t instanceof DecimalType d) {
      return ColumnType.decimal(d.precision(), d.scale());
    } else if (t instanceof org.apache.spark.sql.types.StringType) {
      k = ColumnType.Kind.VARCHAR;
    } else if (t == DataTypes.BinaryType) {
      k = ColumnType.Kind.VARBINARY;
    } else if (t == DataTypes.DateType) {
      k = ColumnType.Kind.DATE;
    } else if (t instanceof TimeType tt && tt.precision() <= 6) {
      k = ColumnType.Kind.TIME;
    } else if (t == DataTypes.TimestampNTZType) {
      k = ColumnType.Kind.TIMESTAMP;
    } else if (t == DataTypes.TimestampType) {
      k = ColumnType.Kind.TIMESTAMP_LTZ;
    } else {
      throw new IllegalArgumentException("column '" + column + "' has Spark type " + t.simpleString()
          + ", which Floe cannot store; Floe stores boolean, byte, short, int, long, float, double, decimal(p<=38),"
          + " string, binary, date, time(0..6), timestamp and timestamp_ntz: cast the column to one of them");
    }
    return ColumnType.of(k);
  }

  /** The Spark schema of Floe columns, in order, with their nullability. */
  static StructType structType(List<Column> columns) {
    List<StructField> fields = new ArrayList<>();
    for (Column c : columns) {
      fields.add(new StructField(c.name(), sparkType(c.type()), c.nullable(), Metadata.empty()));
    }
    return new StructType(fields.toArray(new StructField[0]));
  }

  /** The Floe schema of a Spark one: column ids 0.. in order. */
  static Schema schema(StructType struct) {
    List<Column> cols = new ArrayList<>();
    int id = 0;
    for (StructField f : struct.fields()) {
      cols.add(new Column(id++, f.name(), floeType(f.dataType(), f.name()), f.nullable()));
    }
    return new Schema(cols);
  }
}
