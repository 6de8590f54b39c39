package dev.floe.spark;

import dev.floe.storage.Column;
import dev.floe.storage.Schema;
import dev.floe.storage.segment.ArrowTypes;
import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.Table;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

/**
 * One write task: buffers rows into Arrow and stages them as segments of the table's segment size
 * ({@link dev.floe.storage.table.FloeOptions#rowsPerSegment()}), invisible until the driver's commit
 * names them. {@link #commit()} stages the rest and reports the staged segments; {@link #abort()}
 * reports nothing, so what it staged stays unreferenced (VACUUM deletes it).
 */
final class StagingWriter implements DataWriter<InternalRow> {
  private final Table table;
  private final BufferAllocator allocator;
  private final VectorSchemaRoot root;
  private final RowWriter rows;
  private final int segmentRows;
  private final List<SegmentRef> staged = new ArrayList<>();

  StagingWriter(FloeWriterFactory f) {
    FloeStore store = Stores.open(f.spec());
    this.table = Stores.table(f.spec(), f.table(), f.root());
    this.segmentRows = store.options().rowsPerSegment();
    List<Column> columns = f.columns().stream().map(ColumnSpec::column).toList();
    this.allocator = store.allocator().newChildAllocator("floe-spark write " + f.table(), 0, Long.MAX_VALUE);
    try {
      this.root = ArrowTypes.createRoot(new Schema(columns), allocator);
      root.allocateNew();
    } catch (RuntimeException e) {
      allocator.close();
      throw e;
    }
    this.rows = new RowWriter(columns, f.ordinals(), f.timeType(), root);
  }

  @Override
  public void write(InternalRow row) {
    rows.add(row);
    if (rows.rows() >= segmentRows) {
      flush();
    }
  }

  private void flush() {
    if (rows.rows() > 0) {
      table.stage(root).forEach(e -> staged.add(SegmentRef.of(e)));
      rows.reset();
    }
  }

  @Override
  public WriterCommitMessage commit() {
    flush();
    return new StagedSegments(staged);
  }

  @Override
  public void abort() {
    staged.clear();
  }

  @Override
  public void close() {
    try {
      root.close();
    } finally {
      allocator.close();
    }
  }
}
