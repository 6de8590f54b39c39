package dev.floe.planner.system;

import dev.floe.storage.ColumnType;
import dev.floe.storage.segment.ColumnStats;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * One column chunk's statistics as text: {@code min=..., max=..., nulls=N} (and {@code distinct=N}
 * when known), values written as SQL literals would be ({@code 'text'}, {@code X'00ff'}, {@code
 * 2026-01-02}, {@code 2026-01-02T10:00:00}); a bound that is not the exact extreme (a truncated
 * string) is marked {@code (inexact)}; a column without values (all NULL, or added after the
 * segment was written) has no min or max.
 */
final class StatsText {
  private StatsText() {}

  static String of(ColumnStats s, ColumnType type) {
    StringBuilder b = new StringBuilder();
    if (s.min() != null) {
      b.append("min=").append(value(s.min(), type)).append(s.minExact() ? "" : " (inexact)").append(", ");
    }
    if (s.max() != null) {
      b.append("max=").append(value(s.max(), type)).append(s.maxExact() ? "" : " (inexact)").append(", ");
    }
    b.append("nulls=").append(s.nullCount());
    if (s.distinctCount() >= 0) {
      b.append(", distinct=").append(s.distinctCount());
    }
    return b.toString();
  }

  private static String value(Object v, ColumnType type) {
    switch (type.kind()) {
      case VARCHAR:
        return "'" + v.toString().replace("'", "''") + "'";
      case VARBINARY:
        return "X'" + HexFormat.of().formatHex((byte[]) v) + "'";
      case DATE:
        return LocalDate.ofEpochDay(((Number) v).longValue()).toString();
      case TIME:
        return LocalTime.ofNanoOfDay(((Number) v).longValue() * 1000L).toString();
      case TIMESTAMP:
        return LocalDateTime.ofInstant(instant(((Number) v).longValue()), ZoneOffset.UTC).toString();
      case TIMESTAMP_LTZ:
        return instant(((Number) v).longValue()).toString();
      case DECIMAL:
        return ((java.math.BigDecimal) v).toPlainString();
      default:
        return v.toString();
    }
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }
}
