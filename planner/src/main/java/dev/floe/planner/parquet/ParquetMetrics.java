package dev.floe.planner.parquet;

import java.util.concurrent.atomic.LongAdder;

/**
 * JVM-wide counts of the row groups {@code floe.read_parquet} scans read and skipped (by footer
 * statistics) and of the column chunks they decoded, for tests and diagnostics.
 */
public final class ParquetMetrics {
  static final LongAdder READ = new LongAdder();
  static final LongAdder SKIPPED = new LongAdder();
  static final LongAdder COLUMNS = new LongAdder();

  private ParquetMetrics() {}

  /** Row groups decoded since the JVM started. */
  public static long rowGroupsRead() {
    return READ.sum();
  }

  /** Column chunks (one column of one row group) decoded since the JVM started. */
  public static long columnChunksRead() {
    return COLUMNS.sum();
  }

  /** Row groups never read because their statistics excluded every row, since the JVM started. */
  public static long rowGroupsSkipped() {
    return SKIPPED.sum();
  }
}
