package dev.floe.storage.segment;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
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

/** Builds Arrow batches from physical values and reads them back; random values with extremes. */
final class SegmentTestData {
  private SegmentTestData() {}

  static final List<ColumnType> ALL_TYPES = List.of(
      ColumnType.of(ColumnType.Kind.BOOLEAN), ColumnType.of(ColumnType.Kind.TINYINT),
      ColumnType.of(ColumnType.Kind.SMALLINT), ColumnType.of(ColumnType.Kind.INTEGER),
      ColumnType.of(ColumnType.Kind.BIGINT), ColumnType.of(ColumnType.Kind.REAL),
      ColumnType.of(ColumnType.Kind.DOUBLE), ColumnType.decimal(38, 10), ColumnType.decimal(9, 2),
      ColumnType.of(ColumnType.Kind.VARCHAR), ColumnType.of(ColumnType.Kind.VARBINARY),
      ColumnType.of(ColumnType.Kind.DATE), ColumnType.of(ColumnType.Kind.TIME),
      ColumnType.of(ColumnType.Kind.TIMESTAMP), ColumnType.of(ColumnType.Kind.TIMESTAMP_LTZ));

  static Schema schemaOf(List<ColumnType> types) {
    List<Column> cols = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      cols.add(new Column(i * 3 + 1, "c" + i, types.get(i), true));
    }
    return new Schema(cols);
  }

  /** A root holding {@code columns.get(c).get(row)} (null = NULL). The caller closes it. */
  static VectorSchemaRoot root(Schema schema, List<List<Object>> columns, BufferAllocator allocator) {
    VectorSchemaRoot root = ArrowTypes.createRoot(schema, allocator);
    int rows = columns.isEmpty() ? 0 : columns.get(0).size();
    for (int c = 0; c < schema.size(); c++) {
      FieldVector v = root.getVector(c);
      v.allocateNew();
      for (int r = 0; r < rows; r++) {
        set(v, schema.column(c).type(), r, columns.get(c).get(r));
      }
      v.setValueCount(rows);
    }
    root.setRowCount(rows);
    return root;
  }

  static void set(FieldVector v, ColumnType t, int i, Object x) {
    if (x == null) {
      if (v instanceof org.apache.arrow.vector.BaseVariableWidthVector vv) {
        vv.setNull(i);
      } else {
        ((org.apache.arrow.vector.BaseFixedWidthVector) v).setNull(i);
      }
      return;
    }
    switch (t.kind()) {
      case BOOLEAN -> ((BitVector) v).setSafe(i, (Boolean) x ? 1 : 0);
      case TINYINT -> ((TinyIntVector) v).setSafe(i, (byte) (long) (Long) x);
      case SMALLINT -> ((SmallIntVector) v).setSafe(i, (short) (long) (Long) x);
      case INTEGER -> ((IntVector) v).setSafe(i, (int) (long) (Long) x);
      case BIGINT -> ((BigIntVector) v).setSafe(i, (Long) x);
      case REAL -> ((Float4Vector) v).setSafe(i, (float) (double) (Double) x);
      case DOUBLE -> ((Float8Vector) v).setSafe(i, (Double) x);
      case DECIMAL -> ((DecimalVector) v).setSafe(i, (BigDecimal) x);
      case VARCHAR -> ((VarCharVector) v).setSafe(i, ((String) x).getBytes(StandardCharsets.UTF_8));
      case VARBINARY -> ((VarBinaryVector) v).setSafe(i, (byte[]) x);
      case DATE -> ((DateDayVector) v).setSafe(i, (int) (long) (Long) x);
      case TIME -> ((TimeMicroVector) v).setSafe(i, (Long) x);
      case TIMESTAMP -> ((TimeStampMicroVector) v).setSafe(i, (Long) x);
      case TIMESTAMP_LTZ -> ((TimeStampMicroTZVector) v).setSafe(i, (Long) x);
    }
  }

  /** The physical value at row i (REAL widened to Double), or null. */
  static Object get(FieldVector v, ColumnType t, int i) {
    if (v.isNull(i)) {
      return null;
    }
    return switch (t.kind()) {
      case BOOLEAN -> ((BitVector) v).get(i) != 0;
      case TINYINT -> (long) ((TinyIntVector) v).get(i);
      case SMALLINT -> (long) ((SmallIntVector) v).get(i);
      case INTEGER -> (long) ((IntVector) v).get(i);
      case BIGINT -> ((BigIntVector) v).get(i);
      case REAL -> (double) ((Float4Vector) v).get(i);
      case DOUBLE -> ((Float8Vector) v).get(i);
      case DECIMAL -> ((DecimalVector) v).getObject(i);
      case VARCHAR -> new String(((VarCharVector) v).get(i), StandardCharsets.UTF_8);
      case VARBINARY -> ((VarBinaryVector) v).get(i);
      case DATE -> (long) ((DateDayVector) v).get(i);
      case TIME -> ((TimeMicroVector) v).get(i);
      case TIMESTAMP -> ((TimeStampMicroVector) v).get(i);
      case TIMESTAMP_LTZ -> ((TimeStampMicroTZVector) v).get(i);
    };
  }

  /** Value equality for round trips: exact bits for floating point, arrays by content. */
  static boolean same(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof byte[] x) {
      return java.util.Arrays.equals(x, (byte[]) b);
    }
    if (a instanceof BigDecimal x) {
      return x.compareTo((BigDecimal) b) == 0;
    }
    return a.equals(b);
  }

  /** A random column: a random null rate, a random domain width so that dictionaries, FOR and DELTA all occur. */
  static List<Object> randomColumn(ColumnType t, int rows, Random rnd) {
    double nullRate = switch (rnd.nextInt(4)) {
      case 0 -> 0;
      case 1 -> 0.1;
      case 2 -> 0.5;
      default -> rnd.nextDouble() < 0.1 ? 1.0 : 0.02;
    };
    int mode = rnd.nextInt(4);
    List<Object> out = new ArrayList<>(rows);
    long base = rnd.nextLong();
    long step = rnd.nextInt(1000);
    List<Object> pool = new ArrayList<>();
    for (int i = 0; i < 1 + rnd.nextInt(20); i++) {
      pool.add(randomValue(t, rnd));
    }
    for (int r = 0; r < rows; r++) {
      if (rnd.nextDouble() < nullRate) {
        out.add(null);
        continue;
      }
      Object v = switch (mode) {
        case 0 -> pool.get(rnd.nextInt(pool.size()));
        case 1 -> ascending(t, base, step, r, rnd);
        default -> randomValue(t, rnd);
      };
      out.add(v);
    }
    return out;
  }

  private static Object ascending(ColumnType t, long base, long step, int r, Random rnd) {
    long x = base + step * r + (rnd.nextInt(4) == 0 ? rnd.nextInt(10) : 0);
    return switch (t.kind()) {
      case TINYINT -> (long) (byte) x;
      case SMALLINT -> (long) (short) x;
      case INTEGER, DATE -> (long) (int) x;
      case BIGINT, TIME, TIMESTAMP, TIMESTAMP_LTZ -> x;
      default -> randomValue(t, rnd);
    };
  }

  static Object randomValue(ColumnType t, Random rnd) {
    boolean extreme = rnd.nextInt(10) == 0;
    return switch (t.kind()) {
      case BOOLEAN -> rnd.nextBoolean();
      case TINYINT -> extreme ? pick(rnd, (long) Byte.MIN_VALUE, (long) Byte.MAX_VALUE, 0L) : (long) (byte) rnd.nextInt();
      case SMALLINT -> extreme ? pick(rnd, (long) Short.MIN_VALUE, (long) Short.MAX_VALUE) : (long) (short) rnd.nextInt(200);
      case INTEGER -> extreme ? pick(rnd, (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE) : (long) rnd.nextInt(1000) - 500;
      case DATE -> extreme ? pick(rnd, -719162L, 2932896L, -1L) : (long) rnd.nextInt(40000) - 20000;
      case BIGINT, TIMESTAMP, TIMESTAMP_LTZ -> extreme ? pick(rnd, Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L)
          : rnd.nextBoolean() ? rnd.nextLong() : (long) rnd.nextInt(100);
      case TIME -> extreme ? pick(rnd, 0L, 86_399_999_999L) : (long) rnd.nextInt(1 << 30);
      case REAL -> extreme ? pick(rnd, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
              (double) Float.MAX_VALUE, (double) -Float.MAX_VALUE, (double) Float.MIN_VALUE)
          : (double) (float) (rnd.nextInt(2000) / 100.0 - 10);
      case DOUBLE -> extreme ? pick(rnd, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
              Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE)
          : rnd.nextInt(2000) / 100.0 - 10;
      case DECIMAL -> {
        BigInteger maxUnscaled = BigInteger.TEN.pow(t.precision()).subtract(BigInteger.ONE);
        if (extreme) {
          yield new BigDecimal(rnd.nextBoolean() ? maxUnscaled : maxUnscaled.negate(), t.scale());
        }
        BigInteger u = new BigInteger(Math.min(120, t.precision() * 3), rnd).mod(maxUnscaled);
        yield new BigDecimal(rnd.nextBoolean() ? u : u.negate(), t.scale());
      }
      case VARCHAR -> extreme ? pick(rnd, "", "ü", "日本語", "\uD83D\uDE00", "a".repeat(100) + "é".repeat(40),
              "\uDBFF\uDFFF".repeat(30), "z") : randomString(rnd);
      case VARBINARY -> extreme ? pick(rnd, new byte[0], new byte[] {(byte) 0xFF}, filled(100, (byte) 0xFF),
              filled(70, (byte) 0)) : randomString(rnd).getBytes(StandardCharsets.UTF_8);
    };
  }

  static String randomString(Random rnd) {
    int len = rnd.nextInt(rnd.nextInt(10) == 0 ? 90 : 6);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < len; i++) {
      int k = rnd.nextInt(20);
      sb.appendCodePoint(k < 16 ? 'a' + rnd.nextInt(4) : k < 18 ? 0xE9 : k < 19 ? 0x65E5 : 0x1F600);
    }
    return sb.toString();
  }

  private static byte[] filled(int n, byte b) {
    byte[] x = new byte[n];
    java.util.Arrays.fill(x, b);
    return x;
  }

  @SafeVarargs
  static <T> T pick(Random rnd, T... options) {
    return options[rnd.nextInt(options.length)];
  }
}
