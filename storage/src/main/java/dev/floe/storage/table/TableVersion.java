package dev.floe.storage.table;

import dev.floe.storage.Schema;
import dev.floe.storage.commit.Hlc;
import dev.floe.storage.commit.Versioned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One committed version of a table, pinned: everything it references is immutable, so reading it
 * gives the same rows however many commits land meanwhile.
 */
public final class TableVersion {
  private final Table table;
  private final VersionInfo info;
  private volatile Versioned<CommitRecord> v;

  TableVersion(Table table, Versioned<CommitRecord> v) {
    this.table = table;
    this.v = v;
    this.info = VersionInfo.of(v.record());
  }

  /** A version known from a summary: its record is read (one GET, cached) when first needed. */
  TableVersion(Table table, VersionInfo info) {
    this.table = table;
    this.info = info;
  }

  public Table table() {
    return table;
  }

  public long version() {
    return info.version();
  }

  /** What a listing of versions shows of this version (no read). */
  public VersionInfo info() {
    return info;
  }

  /** The commit record (read now if this version came from a listing). */
  public CommitRecord record() {
    return versioned().record();
  }

  public Schema schema() {
    return record().schema();
  }

  public long rowCount() {
    return info.rowCount();
  }

  public Operation operation() {
    return info.operation();
  }

  /** The hybrid logical clock of the commit, in microseconds since the epoch (store time). */
  public long hlc() {
    return info.hlc();
  }

  /** The commit's time: the physical part of its HLC. */
  public Instant timestamp() {
    return Hlc.instant(info.hlc());
  }

  /** Every segment of this version, reading its manifests (cached). */
  public List<SegmentEntry> segments() {
    List<SegmentEntry> out = new ArrayList<>();
    try {
      for (ManifestRef ref : record().manifests()) {
        out.addAll(table.manifests().load(ref).segments());
      }
    } catch (dev.floe.storage.commit.FloeException e) {
      throw expiredOr(e);
    }
    return out;
  }

  /**
   * {@code failure} as {@link dev.floe.storage.commit.ErrorCode#VERSION_EXPIRED} if it is an object
   * of this version found missing because a VACUUM expired this version (its list names it), saying
   * which VACUUM, when, and the oldest version still readable; otherwise {@code failure} itself.
   * Reads the log after this version, on this error path only.
   */
  dev.floe.storage.commit.FloeException expiredOr(dev.floe.storage.commit.FloeException failure) {
    if (failure.code() != dev.floe.storage.commit.ErrorCode.MISSING_OBJECT) {
      return failure;
    }
    try {
      return Vacuum.expiry(table, version()).<dev.floe.storage.commit.FloeException>map(x ->
          new dev.floe.storage.commit.FloeException(dev.floe.storage.commit.ErrorCode.VERSION_EXPIRED, failure.key(),
              "version " + version() + " of table '" + table.name() + "' was expired by the VACUUM committed as version "
                  + x.vacuumVersion() + " (" + x.vacuumTime() + "), which deleted its data; the oldest version"
                  + " still readable is " + x.oldestReadable() + "; keep more history with floe.vacuum's"
                  + " retain_versions and retain_seconds", failure)).orElse(failure);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
      return failure; // the original error stands
    }
  }

  /**
   * Scans this version: the named columns (null: all, in schema order) of the rows {@code where}
   * selects (null: all), with Arrow memory from the store's allocator. Close the scan and every
   * batch.
   *
   * @throws FloeException {@link dev.floe.storage.commit.ErrorCode#COLUMN_NOT_FOUND} for an unknown
   *     column
   */
  public TableScan scan(List<String> columns, dev.floe.storage.segment.Predicate where) {
    return scan(columns, where, table.allocator());
  }

  /** As {@link #scan(List, dev.floe.storage.segment.Predicate)}, allocating from {@code allocator}. */
  public TableScan scan(List<String> columns, dev.floe.storage.segment.Predicate where,
      org.apache.arrow.memory.BufferAllocator allocator) {
    return new TableScan(this, columns, where, allocator);
  }

  /**
   * Scans only {@code segments}, entries of this version as {@link #segments()} listed them, without
   * reading its manifests: how an engine that planned the version's segments on one machine reads a
   * share of them on another (the Spark connector's executors). Each segment is still pruned by its
   * stats, read ahead, and read without the rows its deletion vector deletes. Close the scan and
   * every batch.
   */
  public TableScan scanSegments(List<String> columns, dev.floe.storage.segment.Predicate where,
      List<SegmentEntry> segments, org.apache.arrow.memory.BufferAllocator allocator) {
    return TableScan.ofSegments(this, columns, where, allocator, segments);
  }

  /**
   * Scans this version together with segments the caller staged ({@link Table#stage}) and has not
   * yet committed: how a transaction reads its own writes. The staged segments must be this table's.
   */
  public TableScan scanWithPending(List<String> columns, dev.floe.storage.segment.Predicate where,
      List<SegmentEntry> pending) {
    return new TableScan(this, columns, where, table.allocator(), pending);
  }

  /**
   * The lowest version of each other table (by root) that a reader of this version must read, so
   * that it sees every multi-table transaction this version includes in all of its tables.
   */
  java.util.Map<String, Long> requires() {
    return table.participants().frontier(versioned());
  }

  Versioned<CommitRecord> versioned() {
    Versioned<CommitRecord> r = v;
    if (r == null) {
      r = table.record(info.version());
      v = r;
    }
    return r;
  }

  @Override
  public String toString() {
    return table.name() + "@" + info.version();
  }
}
