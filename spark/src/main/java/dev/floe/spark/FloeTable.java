package dev.floe.spark;

import dev.floe.storage.table.Table;
import dev.floe.storage.table.TableVersion;
import java.util.EnumSet;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A Floe table as Spark sees it: the latest version (read when a scan is built, so each query reads
 * the newest commit), or one pinned version (time travel, a named snapshot), which is read-only.
 */
final class FloeTable implements org.apache.spark.sql.connector.catalog.Table, SupportsRead, SupportsWrite {
  /** Segment bytes per read task unless the {@code partitionBytes} read option says otherwise. */
  static final long DEFAULT_PARTITION_BYTES = 64L << 20;

  private final StoreSpec spec;
  private final Table table;
  /** The version the schema was read from; the version read when {@link #pinned}. */
  private final TableVersion version;
  private final boolean pinned;

  private FloeTable(StoreSpec spec, Table table, TableVersion version, boolean pinned) {
    this.spec = spec;
    this.table = table;
    this.version = version;
    this.pinned = pinned;
  }

  /** The table's latest version, read anew by every scan. */
  static FloeTable latest(StoreSpec spec, Table table) {
    return new FloeTable(spec, table, table.latest(), false);
  }

  /** One version of the table, for reading only. */
  static FloeTable pinned(StoreSpec spec, TableVersion version) {
    return new FloeTable(spec, version.table(), version, true);
  }

  @Override
  public String name() {
    return table.name() + (pinned ? "@v" + version.version() : "");
  }

  @Override
  public StructType schema() {
    return SparkTypes.structType(version.schema().columns());
  }

  @Override
  public Set<TableCapability> capabilities() {
    return pinned ? EnumSet.of(TableCapability.BATCH_READ)
        : EnumSet.of(TableCapability.BATCH_READ, TableCapability.BATCH_WRITE, TableCapability.TRUNCATE,
            TableCapability.OVERWRITE_BY_FILTER);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    long partitionBytes = options.getLong("partitionBytes", DEFAULT_PARTITION_BYTES);
    if (partitionBytes < 1) {
      throw new IllegalArgumentException("the option partitionBytes must be at least 1, not " + partitionBytes);
    }
    return new FloeScanBuilder(spec, pinned ? version : table.latest(), partitionBytes);
  }

  @Override
  public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    if (pinned) {
      throw new UnsupportedOperationException("cannot write to version " + version.version() + " of table '"
          + table.name() + "': a pinned version (time travel, a snapshot) is read-only; write to the table itself");
    }
    return new FloeWriteBuilder(spec, table, info);
  }

  @Override
  public String toString() {
    return "FloeTable(" + name() + " in " + spec + ")";
  }
}
