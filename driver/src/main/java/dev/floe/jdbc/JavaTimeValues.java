package dev.floe.jdbc;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The {@code java.time} values of JDBC 4.2, which Calcite's JDBC objects do not take: {@code
 * getObject(column, type)} for them fails there with "cannot convert", {@code setObject} with a
 * ClassCastException. Read, a DATE is a {@link LocalDate}, TIME a {@link LocalTime}, TIMESTAMP a
 * {@link LocalDateTime}; an {@link Instant}, {@link OffsetDateTime} or {@link ZonedDateTime} is read
 * as the instant in the session's time zone. Bound, each becomes the {@code java.sql} value
 * Calcite's parameters understand: a
 * {@link LocalDate} as a DATE, {@link LocalTime} as a TIME (to the millisecond), {@link
 * LocalDateTime} as a TIMESTAMP (wall clock, every digit), and {@link Instant}, {@link
 * OffsetDateTime} and {@link ZonedDateTime} as the instant (for TIMESTAMP WITH LOCAL TIME ZONE; a
 * plain TIMESTAMP gets its wall clock in the session's time zone, the JVM's).
 */
final class JavaTimeValues {
  private JavaTimeValues() {}

  /**
   * Whether {@code setObject(p, v, sqlType)} must bind {@code v} by its class instead: Avatica's
   * {@code setObject} with DATE, TIME or TIMESTAMP fails on the {@code java.sql} values themselves
   * ("Cannot convert from java.sql.Date to long"), which by their class are what the type says.
   */
  static boolean byClass(Object v, int sqlType) {
    return v instanceof java.util.Date && switch (sqlType) {
      case java.sql.Types.DATE, java.sql.Types.TIME, java.sql.Types.TIMESTAMP, java.sql.Types.TIME_WITH_TIMEZONE,
          java.sql.Types.TIMESTAMP_WITH_TIMEZONE -> true;
      default -> false;
    };
  }

  /** Whether {@code getObject(column, type)} for this type is answered here. */
  static boolean reads(Object type) {
    return type == LocalDate.class || type == LocalDateTime.class || type == LocalTime.class
        || type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class;
  }

  /**
   * The value of {@code column} (an index or a label) of {@code rs}'s current row as {@code type},
   * one of those {@link #reads} accepts; null for NULL.
   */
  static Object read(ResultSet rs, Object column, Class<?> type) throws SQLException {
    int i = column instanceof Integer n ? n : rs.findColumn((String) column);
    if (type == LocalDate.class) {
      Date d = rs.getDate(i);
      return d == null ? null : d.toLocalDate();
    } else if (type == LocalTime.class) {
      Time t = rs.getTime(i);
      return t == null ? null : t.toLocalTime().withNano((int) Math.floorMod(t.getTime(), 1000L) * 1_000_000);
    }
    Timestamp ts = rs.getTimestamp(i);
    if (ts == null) {
      return null;
    } else if (type == LocalDateTime.class) {
      return ts.toLocalDateTime();
    } else if (type == Instant.class) {
      return ts.toInstant();
    }
    ZonedDateTime zoned = ts.toInstant().atZone(ZoneId.systemDefault());
    return type == ZonedDateTime.class ? zoned : zoned.toOffsetDateTime();
  }

  /** {@code x} as a {@code java.sql} value if it is a {@code java.time} one, else {@code x} itself. */
  static Object toJdbc(Object x) {
    if (x instanceof LocalDate d) {
      return Date.valueOf(d);
    } else if (x instanceof LocalDateTime t) {
      return Timestamp.valueOf(t);
    } else if (x instanceof LocalTime t) {
      Time time = Time.valueOf(t.withNano(0));
      time.setTime(time.getTime() + t.getNano() / 1_000_000);
      return time;
    } else if (x instanceof Instant i) {
      return Timestamp.from(i);
    } else if (x instanceof OffsetDateTime o) {
      return Timestamp.from(o.toInstant());
    } else if (x instanceof ZonedDateTime z) {
      return Timestamp.from(z.toInstant());
    }
    return x;
  }
}
