package dev.floe.jdbc;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.TimeZone;
import org.apache.calcite.avatica.util.DateTimeUtils;

/**
 * Avatica's conversion of a JDBC date-time parameter to Calcite's value ({@code TypedValue.ofJdbc}
 * with a Calendar: {@code DateTimeUtils.sqlTimestampToUnixTimestamp} and {@code sqlDateToUnixDate}),
 * computed from zone offsets instead of through {@code Timestamp.toLocalDateTime} and its calendar
 * fields. Avatica gives, for the instant {@code t} (milliseconds):
 *
 * <pre>
 *   wall clock of t in the JVM's default zone, as milliseconds of UTC
 *   + offset of the Calendar's zone at t
 *   - offset at t of DateTimeUtils.DEFAULT_ZONE (the default zone when Avatica's class loaded)
 * </pre>
 *
 * and for a DATE that divided by a day, truncated toward zero. The wall clock is {@code t} plus
 * the default zone's offset at {@code t} wherever {@code java.util.Date}'s calendar and {@code
 * java.time}'s agree: the years 1600 to 9999 here ({@link #fits}); outside them the caller lets
 * Avatica convert. The JVM's default zone is the one when this object was made.
 *
 * <p>The result is in milliseconds, what Calcite's TIMESTAMP holds today; the sub-millisecond
 * digits of a value are dropped as Avatica drops them. A finer TIMESTAMP would take them from the
 * value's nanoseconds here, and nowhere else.
 */
final class AvaticaTimes {
  /** 1600-01-01T00:00Z: from here on java.util.Date and java.time agree on the calendar. */
  private static final long FROM = -11_676_096_000_000L;
  /** 9999-12-31T23:59:59.999Z. */
  private static final long TO = 253_402_300_799_999L;
  private static final long DAY = 86_400_000L;

  private final TimeZone jvm;
  private final boolean jvmFixed;
  /** The fixed offset of the JVM's zone, when {@link #jvmFixed}. */
  private final long jvmOffset;
  /** Whether the JVM's zone has DEFAULT_ZONE's rules, so that their offsets cancel. */
  private final boolean jvmIsAvatica;

  /** A zone of fixed offset {@link #fixedOffset} (the connection's, if fixed), or null. */
  private final TimeZone fixedZone;
  private final long fixedOffset;

  /** For a statement of a connection in time zone {@code connection}, in the JVM's current default zone. */
  AvaticaTimes(TimeZone connection) {
    this.fixedZone = fixed(connection) ? connection : null;
    this.fixedOffset = fixedZone == null ? 0 : connection.getRawOffset();
    this.jvm = TimeZone.getDefault();
    this.jvmFixed = fixed(jvm);
    this.jvmOffset = jvmFixed ? jvm.getRawOffset() : 0;
    this.jvmIsAvatica = jvm.hasSameRules(DateTimeUtils.DEFAULT_ZONE);
  }

  static boolean fixed(TimeZone zone) {
    try {
      return zone.toZoneId().getRules().isFixedOffset();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Whether {@code t} (milliseconds) is an instant this class converts exactly as Avatica. */
  static boolean fits(long t) {
    return t >= FROM && t <= TO;
  }

  /** Avatica's value of a TIMESTAMP parameter at instant {@code t} with a Calendar of {@code zone}; {@link #fits}{@code (t)}. */
  long timestamp(long t, TimeZone zone) {
    long v = t + (zone == fixedZone ? fixedOffset : zone.getOffset(t));
    return jvmIsAvatica ? v : v + jvm.getOffset(t) - DateTimeUtils.DEFAULT_ZONE.getOffset(t);
  }

  /** Avatica's value of a DATE parameter at instant {@code t} with a Calendar of {@code zone}; {@link #fits}{@code (t)}. */
  int date(long t, TimeZone zone) {
    return (int) (timestamp(t, zone) / DAY);
  }

  /**
   * The instant of {@code Timestamp.valueOf(x)} (what Floe binds a LocalDateTime as), or {@link
   * Long#MIN_VALUE} when the JVM's zone has daylight saving or other changes (whose gaps and
   * overlaps {@code java.util.Date} resolves its own way) or the value is not in the years {@link
   * #fits} takes.
   */
  long instant(LocalDateTime x) {
    if (!jvmFixed || x.getYear() < 1601 || x.getYear() > 9998) {
      return Long.MIN_VALUE;
    }
    return x.toEpochSecond(ZoneOffset.UTC) * 1000 + x.getNano() / 1_000_000 - jvmOffset;
  }

  /** The instant of {@code java.sql.Date.valueOf(x)}, or {@link Long#MIN_VALUE} as {@link #instant(LocalDateTime)}. */
  long instant(LocalDate x) {
    if (!jvmFixed || x.getYear() < 1601 || x.getYear() > 9998) {
      return Long.MIN_VALUE;
    }
    return x.toEpochDay() * DAY - jvmOffset;
  }
}
