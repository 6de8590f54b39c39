package dev.floe.spark;

import dev.floe.storage.Column;
import dev.floe.storage.ColumnType;
import dev.floe.storage.segment.Predicate;
import dev.floe.storage.segment.SegmentBatch;
import dev.floe.storage.table.SegmentEntry;
import dev.floe.storage.table.Table;
import dev.floe.storage.table.TableScan;
import dev.floe.storage.table.TableVersion;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.vectorized.ArrowColumnVector;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * Reads one {@link SegmentPartition} on an executor: a Floe scan of exactly its segments (fetching
 * only the chunks of the returned and filtered columns, read ahead, deletion vectors applied), each
 * batch's selected rows handed to Spark as a {@link ColumnarBatch} of Arrow vectors without a copy
 * when the predicate keeps every row of the batch. A batch is valid until the next call of {@link
 * #next()}.
 */
final class SegmentReaderTask implements PartitionReader<ColumnarBatch> {
  private final BufferAllocator allocator;
  private final TableScan scan;
  private final List<ColumnType> types = new ArrayList<>();
  private final boolean timeType;
  private SegmentBatch current;
  private ColumnarBatch batch;

  SegmentReaderTask(SegmentPartition p) {
    this.timeType = p.timeType();
    Table table = Stores.table(p.spec(), p.table(), p.root());
    TableVersion version = table.version(p.version());
    for (String name : p.columns()) {
      types.add(version.schema().byName(name).map(Column::type).orElseThrow());
    }
    Predicate where = new FilterTranslator(version.schema()).conjunction(p.filters());
    List<SegmentEntry> entries = p.segments().stream().map(SegmentRef::entry).toList();
    this.allocator = Stores.open(p.spec()).allocator()
        .newChildAllocator("floe-spark " + p.table() + " v" + p.version(), 0, Long.MAX_VALUE);
    try {
      this.scan = version.scanSegments(p.columns(), where, entries, allocator);
    } catch (RuntimeException e) {
      allocator.close();
      throw e;
    }
  }

  @Override
  public boolean next() {
    release();
    if (!scan.hasNext()) {
      return false;
    }
    current = scan.next();
    int n = current.selectedCount();
    ColumnVector[] vectors = new ColumnVector[types.size()];
    if (!types.isEmpty()) {
      VectorSchemaRoot root = current.selection() == null ? current.root() : current.rootOf(current.selection(), n);
      for (int i = 0; i < vectors.length; i++) {
        FieldVector v = root.getVector(i);
        vectors[i] = types.get(i).kind() == ColumnType.Kind.TIME
            ? new TimeMicrosVector((TimeMicroVector) v, timeType) : new ArrowColumnVector(v);
      }
    }
    batch = new ColumnarBatch(vectors, n);
    return true;
  }

  @Override
  public ColumnarBatch get() {
    return batch;
  }

  private void release() {
    batch = null;
    if (current != null) {
      current.close();
      current = null;
    }
  }

  @Override
  public void close() {
    try {
      release();
      scan.close();
    } finally {
      allocator.close();
    }
  }
}
