package dev.floe.storage.table;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Key values of rows, comparable with equals: Long for BOOLEAN-free integer-like columns (integers,
 * DATE days, TIME and TIMESTAMP micros), Boolean, Double (with -0.0 read as 0.0, so the two are one
 * key), BigDecimal (a column's values share its scale), String, and ByteBuffer for VARBINARY.
 */
final class KeyValues {
  private KeyValues() {}

  /** The values of every vector of {@code root} at {@code row}; NULLs as null. */
  static List<Object> tuple(VectorSchemaRoot root, int row) {
    List<Object> out = new ArrayList<>(root.getFieldVectors().size());
    for (FieldVector v : root.getFieldVectors()) {
      out.add(value(v, row));
    }
    return out;
  }

  /** The values of the vectors {@code columns} at {@code row}, or null if any is NULL. */
  static List<Object> tuple(VectorSchemaRoot root, int row, List<Integer> columns) {
    List<Object> out = new ArrayList<>(columns.size());
    for (int c : columns) {
      Object v = value(root.getVector(c), row);
      if (v == null) {
        return null;
      }
      out.add(v);
    }
    return out;
  }

  static Object value(FieldVector v, int row) {
    if (v.isNull(row)) {
      return null;
    }
    if (v instanceof BitVector b) {
      return b.get(row) != 0;
    } else if (v instanceof BaseIntVector i) {
      return i.getValueAsLong(row);
    } else if (v instanceof DateDayVector d) {
      return (long) d.get(row);
    } else if (v instanceof TimeMicroVector t) {
      return t.get(row);
    } else if (v instanceof TimeStampVector t) {
      return t.get(row);
    } else if (v instanceof Float4Vector f) {
      return f.get(row) == 0 ? 0.0 : (double) f.get(row);
    } else if (v instanceof Float8Vector f) {
      return f.get(row) == 0 ? 0.0 : f.get(row);
    } else if (v instanceof DecimalVector d) {
      return d.getObject(row);
    } else if (v instanceof VarCharVector s) {
      return new String(s.get(row), StandardCharsets.UTF_8);
    } else if (v instanceof VarBinaryVector b) {
      return ByteBuffer.wrap(b.get(row));
    }
    throw new IllegalArgumentException("column '" + v.getName() + "' of type " + v.getField().getType()
        + " cannot be a key");
  }

  /** A key value as a predicate literal (the segment layer's physical domain). */
  static Object literal(Object v) {
    if (v instanceof ByteBuffer b) {
      byte[] a = new byte[b.remaining()];
      b.duplicate().get(a);
      return a;
    }
    return v;
  }

  /** The smallest of literals of one column, in the column's order. */
  static Object min(Collection<Object> literals) {
    return literals.stream().min(ORDER).orElseThrow();
  }

  /** The largest of literals of one column, in the column's order. */
  static Object max(Collection<Object> literals) {
    return literals.stream().max(ORDER).orElseThrow();
  }

  /** A key value as an error message shows it. */
  static Object shown(Object v) {
    if (v instanceof ByteBuffer b) {
      return "X'" + HexFormat.of().formatHex((byte[]) literal(b)) + "'";
    }
    return v instanceof String s ? "'" + s + "'" : v;
  }

  /** The order of the segment layer: numbers by value, strings by code point, bytes unsigned. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final Comparator<Object> ORDER = (a, b) -> {
    if (a instanceof String x && b instanceof String y) {
      return Arrays.compare(x.codePoints().toArray(), y.codePoints().toArray());
    } else if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.compareUnsigned(x, y);
    } else if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y);
    }
    return ((Comparable) a).compareTo(b);
  };
}
