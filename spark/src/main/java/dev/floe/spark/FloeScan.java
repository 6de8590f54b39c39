package dev.floe.spark;

import dev.floe.storage.Column;
import dev.floe.storage.segment.Predicate;
import dev.floe.storage.segment.SegmentFooter;
import dev.floe.storage.table.SegmentEntry;
import dev.floe.storage.table.TableVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;

/**
 * The scan of one pinned version. Planning (on the driver) reads the version's manifests, drops every
 * segment whose footer stats prove the pushed predicate false for all its rows, and packs the rest
 * into input partitions of about {@code partitionBytes} of segment objects each, or less so that
 * there are at least as many partitions as Spark has cores when there are as many segments (a
 * segment is never split; a segment at least that large is a partition of its own). Nothing is fetched from a
 * segment on the driver.
 */
final class FloeScan implements Scan, Batch {
  private final StoreSpec spec;
  private final TableVersion version;
  private final List<Column> columns;
  private final Filter[] filters;
  private final long partitionBytes;
  private int segmentsTotal = -1;
  private int segmentsPruned;
  private InputPartition[] planned;

  FloeScan(StoreSpec spec, TableVersion version, List<Column> columns, Filter[] filters, long partitionBytes) {
    this.spec = spec;
    this.version = version;
    this.columns = List.copyOf(columns);
    this.filters = filters.clone();
    this.partitionBytes = partitionBytes;
  }

  @Override
  public StructType readSchema() {
    return SparkTypes.structType(columns);
  }

  @Override
  public String description() {
    return "Floe " + version.table().name() + " v" + version.version() + " columns=" + columns.stream().map(Column::name).toList()
        + " pushed=" + Arrays.toString(filters)
        + (segmentsTotal < 0 ? "" : " segments=" + (segmentsTotal - segmentsPruned) + "/" + segmentsTotal);
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    if (planned != null) {
      return planned.clone();
    }
    Predicate where = new FilterTranslator(version.schema()).conjunction(filters);
    List<SegmentEntry> all = version.segments();
    List<String> names = columns.stream().map(Column::name).toList();
    List<SegmentEntry> kept = new ArrayList<>();
    for (SegmentEntry e : all) {
      if (where.mayMatch(SegmentFooter.fromBytes(e.footer(), e.key()))) {
        kept.add(e);
      }
    }
    long target = Math.min(partitionBytes, Math.max(1, kept.stream().mapToLong(SegmentEntry::sizeBytes).sum()
        / parallelism()));
    List<InputPartition> out = new ArrayList<>();
    List<SegmentRef> group = new ArrayList<>();
    long groupBytes = 0;
    int pruned = all.size() - kept.size();
    for (SegmentEntry e : kept) {
      if (!group.isEmpty() && groupBytes + e.sizeBytes() > target) {
        out.add(partition(group, names));
        group = new ArrayList<>();
        groupBytes = 0;
      }
      group.add(SegmentRef.of(e));
      groupBytes += e.sizeBytes();
    }
    if (!group.isEmpty()) {
      out.add(partition(group, names));
    }
    segmentsTotal = all.size();
    segmentsPruned = pruned;
    planned = out.toArray(new InputPartition[0]);
    return planned.clone();
  }

  /** The cores Spark runs tasks on (its default parallelism), so that a small table still spreads over them. */
  private static int parallelism() {
    try {
      return Math.max(1, org.apache.spark.sql.SparkSession.active().sparkContext().defaultParallelism());
    } catch (RuntimeException e) {
      return 1;
    }
  }

  private SegmentPartition partition(List<SegmentRef> segments, List<String> names) {
    return new SegmentPartition(spec, version.table().name(), version.table().root(), version.version(), segments,
        names, filters, SparkTypes.timeTypeEnabled());
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new FloeReaderFactory();
  }
}
