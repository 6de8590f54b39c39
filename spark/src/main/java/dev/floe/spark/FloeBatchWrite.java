package dev.floe.spark;

import dev.floe.storage.Schema;
import dev.floe.storage.segment.Predicate;
import dev.floe.storage.table.CommitResult;
import dev.floe.storage.table.SegmentEntry;
import dev.floe.storage.table.Table;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark job's write with Floe's protocol: every task stages segments ({@code staged/}, invisible),
 * and {@link #commit} on the driver publishes all of them by reference in ONE log commit
 * (COMMIT_STAGED for an append, OVERWRITE for a truncate or an overwrite of the rows a filter
 * selects, copy-on-write), which rebases over concurrent
 * commits like any append: rows other writers committed meanwhile are kept. A job that fails or is
 * aborted commits nothing; its staged objects are orphans that VACUUM deletes after its grace period.
 */
final class FloeBatchWrite implements BatchWrite {
  private final StoreSpec spec;
  private final Table table;
  private final Schema schema;
  private final StructType input;
  /** The rows an overwrite replaces; null for an append. */
  private final Predicate overwrite;
  private volatile CommitResult committed;

  FloeBatchWrite(StoreSpec spec, Table table, Schema schema, StructType input, Predicate overwrite) {
    this.spec = spec;
    this.table = table;
    this.schema = schema;
    this.input = input;
    this.overwrite = overwrite;
  }

  @Override
  public DataWriterFactory createBatchWriterFactory(PhysicalWriteInfo info) {
    return new FloeWriterFactory(spec, table.name(), table.root(), ColumnSpec.of(schema), RowWriter.ordinals(schema, input),
        SparkTypes.timeTypeEnabled());
  }

  /** Staged segments of one losing task attempt are simply never named here: orphans, like an aborted job's. */
  @Override
  public boolean useCommitCoordinator() {
    return true;
  }

  @Override
  public void commit(WriterCommitMessage[] messages) {
    List<SegmentEntry> staged = new ArrayList<>();
    for (WriterCommitMessage m : messages) {
      if (m instanceof StagedSegments s) {
        s.segments().forEach(r -> staged.add(r.entry()));
      }
    }
    if (overwrite == null) {
      committed = table.commitStaged(staged);
    } else if (overwrite.equals(Predicate.TRUE)) {
      committed = table.overwriteStaged(staged);
    } else {
      committed = table.overwriteStaged(overwrite, staged);
    }
  }

  @Override
  public void abort(WriterCommitMessage[] messages) {
    // nothing was published; the staged objects are left for VACUUM (docs/format.md §4.9)
  }

  /** The commit, once {@link #commit} returned (null before). */
  CommitResult committed() {
    return committed;
  }
}
