package dev.floe.planner.csv;

import dev.floe.storage.ColumnType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Text of a CSV field to the value Calcite holds for a column of a Floe type (days for DATE,
 * milliseconds for TIME and TIMESTAMP, {@link BigDecimal} for DECIMAL, and so on).
 */
final class CsvValues {
  /** {@code 2026-01-02 09:30}, {@code 2026-01-02T09:30:00.123456}: a space or a T, seconds optional. */
  static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral(' ').optionalEnd()
      .optionalStart().appendLiteral('T').optionalEnd()
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
      .optionalEnd()
      .toFormatter(Locale.ROOT);

  private CsvValues() {}

  /**
   * The value of {@code text} in a column of type {@code type}.
   *
   * @throws IllegalArgumentException saying what was expected, never quoting {@code text}, and
   *     without a cause (the parsers' own messages quote it)
   */
  static Object parse(ColumnType type, String text) {
    String t = type.kind() == ColumnType.Kind.VARCHAR ? text : text.trim();
    try {
      switch (type.kind()) {
        case BOOLEAN:
          return parseBoolean(t);
        case TINYINT:
          return (byte) integer(t, Byte.MIN_VALUE, Byte.MAX_VALUE, type);
        case SMALLINT:
          return (short) integer(t, Short.MIN_VALUE, Short.MAX_VALUE, type);
        case INTEGER:
          return (int) integer(t, Integer.MIN_VALUE, Integer.MAX_VALUE, type);
        case BIGINT:
          return integer(t, Long.MIN_VALUE, Long.MAX_VALUE, type);
        case REAL:
          return (float) decimalNumber(t, type);
        case DOUBLE:
          return decimalNumber(t, type);
        case DECIMAL:
          return decimal(t, type.precision(), type.scale());
        case VARCHAR:
          return t;
        case VARBINARY:
          return new ByteString(HexFormat.of().parseHex(t.startsWith("\\x") ? t.substring(2) : t));
        case DATE:
          return (int) LocalDate.parse(t).toEpochDay();
        case TIME:
          return (int) (LocalTime.parse(t).toNanoOfDay() / 1_000_000L);
        case TIMESTAMP:
          return (t.length() == 10 ? LocalDate.parse(t).atStartOfDay() : LocalDateTime.parse(t, TIMESTAMP)).toInstant(ZoneOffset.UTC).toEpochMilli();
        case TIMESTAMP_LTZ:
          return OffsetDateTime.parse(t.replace(' ', 'T')).toInstant().toEpochMilli();
        default:
          throw new Invalid("type " + type + " cannot be read from CSV");
      }
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("the value is not a " + type + expected(type));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the value is not a " + type);
    } catch (Invalid e) {
      throw new IllegalArgumentException(e.getMessage());
    } catch (IllegalArgumentException e) {
      if (type.kind() == ColumnType.Kind.VARBINARY) {
        throw new IllegalArgumentException("the value is not VARBINARY (expected pairs of hex digits, after an"
            + " optional \\x)");
      }
      throw new IllegalArgumentException("the value is not a " + type);
    }
  }

  /** A value that does not fit, with a message that does not quote it. */
  private static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  private static String expected(ColumnType type) {
    switch (type.kind()) {
      case DATE:
        return " (expected YYYY-MM-DD)";
      case TIME:
        return " (expected HH:MM[:SS[.fff]])";
      case TIMESTAMP:
        return " (expected YYYY-MM-DD HH:MM[:SS[.fff]])";
      default:
        return " (expected an ISO-8601 instant with an offset, such as 2026-01-02T09:30:00Z)";
    }
  }

  private static boolean parseBoolean(String t) {
    if (t.equalsIgnoreCase("true")) {
      return true;
    }
    if (t.equalsIgnoreCase("false")) {
      return false;
    }
    throw new Invalid("the value is not a BOOLEAN (expected true or false)");
  }

  private static long integer(String t, long min, long max, ColumnType type) {
    long v;
    try {
      v = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
    } catch (NumberFormatException e) {
      throw new Invalid("the value is not a " + type + " (expected a whole number"
          + (CsvInference.isNumber(t) ? " in range " + min + ".." + max : "") + ")");
    }
    if (v < min || v > max) {
      throw new Invalid("the value is out of range " + min + ".." + max + " of " + type);
    }
    return v;
  }

  private static double decimalNumber(String t, ColumnType type) {
    if (!CsvInference.isNumber(t)) {
      throw new Invalid("the value is not a " + type + " (expected a number)");
    }
    return Double.parseDouble(t);
  }

  private static BigDecimal decimal(String t, int precision, int scale) {
    if (!CsvInference.isNumber(t)) {
      throw new Invalid("the value is not a DECIMAL(" + precision + "," + scale + ") (expected a number)");
    }
    BigDecimal v = new BigDecimal(t).setScale(scale, RoundingMode.HALF_UP);
    if (v.precision() - v.scale() > precision - scale) {
      throw new Invalid("the value does not fit DECIMAL(" + precision + "," + scale + ")");
    }
    return v;
  }
}
