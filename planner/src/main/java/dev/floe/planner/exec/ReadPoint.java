package dev.floe.planner.exec;

import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.table.Table;
import dev.floe.storage.table.TableVersion;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.TimeZone;

/**
 * Which version of a table a scan reads, as known at execution: the latest, a version number, or
 * the version current at an instant. Two scans of one table with equal read points read the same
 * version ({@link ReadPins}).
 *
 * @param kind how {@code value} is meant
 * @param value the version number, or the instant in milliseconds since the epoch (0 for LATEST)
 */
public record ReadPoint(Kind kind, long value) {
  /** The latest committed version (plus, in a transaction, its own changes). */
  public static final ReadPoint LATEST = new ReadPoint(Kind.LATEST, 0);

  /** How a read point is given. */
  public enum Kind {
    /** The latest version. */
    LATEST,
    /** A version number ({@code floe.at_version}). */
    VERSION,
    /**
     * A TIMESTAMP (without time zone) in the session's time zone: Calcite's internal value,
     * milliseconds of the local date-time counted as if it were UTC ({@code FOR SYSTEM_TIME AS OF}).
     */
    LOCAL_TIMESTAMP,
    /** A TIMESTAMP WITH LOCAL TIME ZONE: milliseconds since the epoch. */
    INSTANT
  }

  /**
   * The read point a generated scan passes, its value in Calcite's internal representation.
   *
   * @param kind {@link Kind#ordinal()}
   * @param value the evaluated expression (null only for LATEST)
   * @param zone the session's time zone, for {@link Kind#LOCAL_TIMESTAMP}
   * @throws FloeException {@link ErrorCode#INVALID_ARGUMENT} if the value is NULL
   */
  public static ReadPoint of(int kind, Long value, TimeZone zone, String table) {
    Kind k = Kind.values()[kind];
    if (k == Kind.LATEST) {
      return LATEST;
    }
    if (value == null) {
      throw new FloeException(ErrorCode.INVALID_ARGUMENT, null, "the "
          + (k == Kind.VERSION ? "version" : "time") + " to read table '" + table + "' at is NULL; give a "
          + (k == Kind.VERSION ? "version number" : "TIMESTAMP"), null);
    }
    if (k == Kind.LOCAL_TIMESTAMP) {
      LocalDateTime local = LocalDateTime.ofEpochSecond(Math.floorDiv(value, 1000L),
          (int) Math.floorMod(value, 1000L) * 1_000_000, ZoneOffset.UTC);
      return new ReadPoint(Kind.INSTANT, local.atZone(zone.toZoneId()).toInstant().toEpochMilli());
    }
    return new ReadPoint(k, value);
  }

  /**
   * The version of {@code table} this point selects. An instant selects the version with the
   * greatest commit time at or before it, compared at millisecond precision (the precision of SQL
   * TIMESTAMPs in Floe), so a commit time read back from {@code floe_system.versions} selects that
   * very version.
   *
   * @throws FloeException {@link ErrorCode#INVALID_ARGUMENT} (22023) for a version the table does
   *     not have, or an instant before its first version; {@link ErrorCode#TABLE_NOT_FOUND} if the
   *     table was dropped
   */
  public TableVersion resolve(Table table) {
    switch (kind) {
      case LATEST:
        return table.latest();
      case VERSION:
        return byNumber(table);
      default:
        return byInstant(table);
    }
  }

  private TableVersion byNumber(Table table) {
    if (value >= 0) {
      try {
        return table.version(value);
      } catch (FloeException e) {
        if (e.code() != ErrorCode.INVALID_ARGUMENT) {
          throw e;
        }
      }
    }
    TableVersion latest = table.latest();
    throw new FloeException(ErrorCode.INVALID_ARGUMENT, null, "table '" + table.name() + "' has no version "
        + value + ": its versions are 0 to " + latest.version() + " (the latest); see floe_system.versions",
        null);
  }

  private TableVersion byInstant(Table table) {
    Instant at = Instant.ofEpochMilli(value);
    try {
      return table.asOf(at.plusNanos(999_000)); // the whole millisecond
    } catch (FloeException e) {
      if (e.code() != ErrorCode.TABLE_NOT_FOUND) {
        throw e;
      }
      TableVersion first = table.version(0); // throws TABLE_NOT_FOUND itself if the table is gone
      throw new FloeException(ErrorCode.INVALID_ARGUMENT, null, "table '" + table.name() + "' did not exist at "
          + at + ": its first version (0) was committed at " + first.timestamp()
          + "; read it as of that time or later", e);
    }
  }

  /** How EXPLAIN and error messages show this point. */
  @Override
  public String toString() {
    switch (kind) {
      case LATEST:
        return "latest";
      case VERSION:
        return "version " + value;
      default:
        return Instant.ofEpochMilli(value).toString();
    }
  }
}
