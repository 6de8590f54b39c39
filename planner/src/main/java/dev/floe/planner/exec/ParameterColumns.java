package dev.floe.planner.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * The parameter sets of a JDBC batch held by column: per parameter, one tag per row saying how the
 * value was bound (which setter, or NULL, or not set) and the value itself in a primitive {@code
 * long} slot or, for strings and anything bound otherwise, an object slot. Filled one row at a
 * time: the {@code set*} methods change the current row, {@link #addRow} appends a copy of it (the
 * current values stay, as JDBC asks). Not thread-safe.
 *
 * <p>A value's tag and slot determine exactly what Avatica's {@code TypedValue.toLocal} would have
 * given for it ({@link #local}), and {@link #typedValues} gives back the very parameter lists
 * Avatica would have built: integral values and booleans in {@code long}s, floats and doubles as
 * their bits, a timestamp as Avatica's local milliseconds, a date as its local days, strings and
 * BigDecimals as themselves, and anything else
 * as Avatica's {@code TypedValue} (tag {@link #OTHER}).
 */
public final class ParameterColumns {
  /** Never set since the statement was prepared or its parameters cleared. */
  public static final byte UNSET = 0;
  /** Set to SQL NULL. */
  public static final byte NULL = 1;
  public static final byte BOOLEAN = 2;
  public static final byte BYTE = 3;
  public static final byte SHORT = 4;
  public static final byte INT = 5;
  public static final byte LONG = 6;
  /** A float, held as {@link Float#floatToRawIntBits}. */
  public static final byte FLOAT = 7;
  /** A double, held as {@link Double#doubleToRawLongBits}. */
  public static final byte DOUBLE = 8;
  /** A String in the object slot. */
  public static final byte STRING = 9;
  /** A timestamp as Avatica's local milliseconds ({@code DateTimeUtils.sqlTimestampToUnixTimestamp}). */
  public static final byte TIMESTAMP = 10;
  /** Any other value: the object slot holds Avatica's {@code TypedValue} of it (never null). */
  public static final byte OTHER = 11;
  /** A date as Avatica's local days since 1970-01-01 ({@code DateTimeUtils.sqlDateToUnixDate}). */
  public static final byte DATE = 12;
  /** A BigDecimal in the object slot (Avatica's {@code setBigDecimal}: {@code Rep.NUMBER}). */
  public static final byte DECIMAL = 13;

  private final int params;
  private final byte[] tag;
  private final long[] prim;
  private final Object[] ref;
  private byte[][] tags;
  private long[][] prims;
  private Object[][] refs;
  private int rows;
  /** Length of every column array. */
  private int capacity;

  public ParameterColumns(int params) {
    this.params = params;
    this.tag = new byte[params];
    this.prim = new long[params];
    this.ref = new Object[params];
    this.tags = new byte[params][];
    this.prims = new long[params][];
    this.refs = new Object[params][];
  }

  /** The number of parameters per row. */
  public int parameters() {
    return params;
  }

  /** Rows added so far. */
  public int rows() {
    return rows;
  }

  /** Sets parameter {@code p} (0-based) of the current row to a primitive value. */
  public void set(int p, byte t, long value) {
    tag[p] = t;
    prim[p] = value;
    ref[p] = null;
  }

  /** Sets parameter {@code p} (0-based) of the current row to a String or another local value. */
  public void setObject(int p, byte t, Object value) {
    tag[p] = t;
    prim[p] = 0;
    ref[p] = value;
  }

  /** The current row's tag of parameter {@code p}. */
  public byte currentTag(int p) {
    return tag[p];
  }

  /** The current row's primitive slot of parameter {@code p}. */
  public long currentPrim(int p) {
    return prim[p];
  }

  /** The current row's object slot of parameter {@code p}. */
  public Object currentRef(int p) {
    return ref[p];
  }

  /** Forgets the current row's values (every parameter UNSET); added rows stay. */
  public void clearCurrent() {
    Arrays.fill(tag, UNSET);
    Arrays.fill(prim, 0);
    Arrays.fill(ref, null);
  }

  /** Appends a copy of the current row. */
  public void addRow() {
    int r = rows;
    if (r == capacity) {
      grow();
    }
    for (int p = 0; p < params; p++) {
      tags[p][r] = tag[p];
      prims[p][r] = prim[p];
      Object o = ref[p];
      Object[] refs = this.refs[p];
      if (o != null) {
        if (refs == null) {
          refs = this.refs[p] = new Object[capacity];
        }
        refs[r] = o;
      } else if (refs != null) {
        refs[r] = null;
      }
    }
    rows = r + 1;
  }

  private void grow() {
    int cap = capacity == 0 ? 1024 : capacity * 2;
    for (int p = 0; p < params; p++) {
      tags[p] = tags[p] == null ? new byte[cap] : Arrays.copyOf(tags[p], cap);
      prims[p] = prims[p] == null ? new long[cap] : Arrays.copyOf(prims[p], cap);
      if (refs[p] != null) {
        refs[p] = Arrays.copyOf(refs[p], cap);
      }
    }
    capacity = cap;
  }

  /** Drops every added row; the current row stays. */
  public void clearRows() {
    if (capacity > (1 << 20)) { // a huge batch's arrays are not kept for the next one
      Arrays.fill(tags, null);
      Arrays.fill(prims, null);
      Arrays.fill(refs, null);
      capacity = 0;
    } else {
      for (Object[] r : refs) {
        if (r != null) {
          Arrays.fill(r, 0, rows, null); // no references kept to the dropped rows' strings
        }
      }
    }
    rows = 0;
  }

  /** The tag of parameter {@code p} in row {@code r}. */
  public byte tag(int p, int r) {
    return tags[p][r];
  }

  /** The primitive slot of parameter {@code p} in row {@code r}. */
  public long prim(int p, int r) {
    return prims[p][r];
  }

  /** The object slot of parameter {@code p} in row {@code r}. */
  public Object ref(int p, int r) {
    return refs[p] == null ? null : refs[p][r];
  }

  /** Column arrays of parameter {@code p} (valid for rows [0, rows)); null when no row was added. */
  byte[] tags(int p) {
    return tags[p];
  }

  long[] prims(int p) {
    return prims[p];
  }

  Object[] refs(int p) {
    return refs[p];
  }

  /**
   * The value as {@code TypedValue.toLocal} gives it (boxed), null for NULL and UNSET.
   */
  public static Object local(byte t, long prim, Object ref) {
    return switch (t) {
      case UNSET, NULL -> null;
      case BOOLEAN -> prim != 0;
      case BYTE -> (byte) prim;
      case SHORT -> (short) prim;
      case INT, DATE -> (int) prim;
      case LONG, TIMESTAMP -> prim;
      case FLOAT -> Float.intBitsToFloat((int) prim);
      case DOUBLE -> Double.longBitsToDouble(prim);
      case STRING, DECIMAL -> ref;
      default -> ((TypedValue) ref).toLocal();
    };
  }

  /** Row {@code r}'s parameter {@code p} as the {@code TypedValue} Avatica would have made of it. */
  public TypedValue typedValue(int p, int r) {
    byte t = tags[p][r];
    long v = prims[p][r];
    return switch (t) {
      case UNSET -> null;
      case NULL -> TypedValue.EXPLICIT_NULL;
      case BOOLEAN -> TypedValue.ofSerial(Rep.BOOLEAN, v != 0);
      case BYTE -> TypedValue.ofSerial(Rep.BYTE, (byte) v);
      case SHORT -> TypedValue.ofSerial(Rep.SHORT, (short) v);
      case INT -> TypedValue.ofSerial(Rep.INTEGER, (int) v);
      case LONG -> TypedValue.ofSerial(Rep.LONG, v);
      case FLOAT -> TypedValue.ofSerial(Rep.FLOAT, Float.intBitsToFloat((int) v));
      case DOUBLE -> TypedValue.ofSerial(Rep.DOUBLE, Double.longBitsToDouble(v));
      case STRING -> TypedValue.ofSerial(Rep.STRING, ref(p, r));
      case TIMESTAMP -> TypedValue.ofSerial(Rep.JAVA_SQL_TIMESTAMP, v);
      case DATE -> TypedValue.ofSerial(Rep.JAVA_SQL_DATE, (int) v);
      case DECIMAL -> TypedValue.ofSerial(Rep.NUMBER, ref(p, r));
      default -> (TypedValue) ref(p, r);
    };
  }

  /** Every added row's parameters as the lists Avatica's own batch would hold. */
  public List<List<TypedValue>> typedValues() {
    List<List<TypedValue>> out = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      List<TypedValue> row = new ArrayList<>(params);
      for (int p = 0; p < params; p++) {
        row.add(typedValue(p, r));
      }
      out.add(row);
    }
    return out;
  }

  /** The value of parameter {@code p} in row {@code r} as {@code TypedValue.toLocal} gives it. */
  public Object local(int p, int r) {
    return local(tags[p][r], prims[p][r], ref(p, r));
  }
}
