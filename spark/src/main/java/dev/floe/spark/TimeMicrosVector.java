package dev.floe.spark;

import org.apache.arrow.vector.TimeMicroVector;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.TimeType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarMap;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A Floe TIME column (microseconds of the day) as Spark's {@code time(6)}, whose values are
 * nanoseconds of the day (Spark's Arrow vector reads only nanosecond time vectors), or, in a session
 * without Spark's TIME type, as bigint microseconds.
 */
final class TimeMicrosVector extends ColumnVector {
  private final TimeMicroVector vector;
  private final long scale;

  TimeMicrosVector(TimeMicroVector vector, boolean asTime) {
    super(asTime ? TimeType.apply(6) : org.apache.spark.sql.types.DataTypes.LongType);
    this.vector = vector;
    this.scale = asTime ? 1000L : 1L;
  }

  @Override
  public long getLong(int rowId) {
    return vector.get(rowId) * scale;
  }

  @Override
  public boolean isNullAt(int rowId) {
    return vector.isNull(rowId);
  }

  @Override
  public boolean hasNull() {
    return vector.getNullCount() > 0;
  }

  @Override
  public int numNulls() {
    return vector.getNullCount();
  }

  @Override
  public void close() {
    // the vector belongs to the scan's batch
  }

  private static UnsupportedOperationException notTime() {
    return new UnsupportedOperationException("a Floe TIME column is read with getLong");
  }

  @Override
  public boolean getBoolean(int rowId) {
    throw notTime();
  }

  @Override
  public byte getByte(int rowId) {
    throw notTime();
  }

  @Override
  public short getShort(int rowId) {
    throw notTime();
  }

  @Override
  public int getInt(int rowId) {
    throw notTime();
  }

  @Override
  public float getFloat(int rowId) {
    throw notTime();
  }

  @Override
  public double getDouble(int rowId) {
    throw notTime();
  }

  @Override
  public ColumnarArray getArray(int rowId) {
    throw notTime();
  }

  @Override
  public ColumnarMap getMap(int ordinal) {
    throw notTime();
  }

  @Override
  public Decimal getDecimal(int rowId, int precision, int scale) {
    throw notTime();
  }

  @Override
  public UTF8String getUTF8String(int rowId) {
    throw notTime();
  }

  @Override
  public byte[] getBinary(int rowId) {
    throw notTime();
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    throw notTime();
  }
}
