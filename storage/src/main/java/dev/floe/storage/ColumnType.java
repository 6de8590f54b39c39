package dev.floe.storage;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's SQL type. Its text form ({@link #toString()}, parsed by {@link #parse(String)}) is
 * what the format stores: {@code BIGINT}, {@code DECIMAL(12,2)}, {@code TIMESTAMP_LTZ}.
 *
 * <p>Value domains (what a segment stores):
 *
 * <ul>
 *   <li>BOOLEAN; TINYINT, SMALLINT, INTEGER, BIGINT: two's complement of 8..64 bits;
 *   <li>REAL, DOUBLE: IEEE 754 binary32/binary64, NaN and infinities allowed;
 *   <li>DECIMAL(p,s): 1 &lt;= p &lt;= 38, 0 &lt;= s &lt;= p, an unscaled 128-bit integer;
 *   <li>VARCHAR: UTF-8 text; VARBINARY: bytes;
 *   <li>DATE: days since 1970-01-01; TIME: microseconds since midnight; TIMESTAMP: microseconds since
 *       1970-01-01T00:00 as a local date-time (no zone); TIMESTAMP_LTZ (WITH LOCAL TIME ZONE):
 *       microseconds since the epoch instant, shown in the session time zone.
 * </ul>
 *
 * @param kind the type's family
 * @param precision DECIMAL precision, else 0
 * @param scale DECIMAL scale, else 0
 */
public record ColumnType(Kind kind, int precision, int scale) {

  /** Type families. */
  public enum Kind {
    BOOLEAN,
    TINYINT,
    SMALLINT,
    INTEGER,
    BIGINT,
    REAL,
    DOUBLE,
    DECIMAL,
    VARCHAR,
    VARBINARY,
    DATE,
    TIME,
    TIMESTAMP,
    TIMESTAMP_LTZ
  }

  /** Largest DECIMAL precision. */
  public static final int MAX_DECIMAL_PRECISION = 38;

  private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),(\\d+)\\)");

  public ColumnType {
    if (kind == Kind.DECIMAL) {
      if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
        throw new IllegalArgumentException(
            "DECIMAL(" + precision + "," + scale + ") is out of range: precision must be 1.."
                + MAX_DECIMAL_PRECISION + " and scale 0..precision");
      }
    } else if (precision != 0 || scale != 0) {
      throw new IllegalArgumentException(kind + " takes no precision or scale");
    }
  }

  /** A type without parameters (anything but DECIMAL). */
  public static ColumnType of(Kind kind) {
    return new ColumnType(kind, 0, 0);
  }

  public static ColumnType decimal(int precision, int scale) {
    return new ColumnType(Kind.DECIMAL, precision, scale);
  }

  /** Parses the text form written by {@link #toString()}. */
  public static ColumnType parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT).replace(" ", "");
    Matcher m = DECIMAL.matcher(t);
    if (m.matches()) {
      return decimal(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    try {
      return of(Kind.valueOf(t));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown column type '" + text + "'", e);
    }
  }

  /** Whether values are fixed width (all but VARCHAR and VARBINARY). */
  public boolean fixedWidth() {
    return kind != Kind.VARCHAR && kind != Kind.VARBINARY;
  }

  @Override
  public String toString() {
    return kind == Kind.DECIMAL ? "DECIMAL(" + precision + "," + scale + ")" : kind.name();
  }
}
