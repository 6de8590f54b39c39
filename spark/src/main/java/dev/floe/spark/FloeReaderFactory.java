package dev.floe.spark;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/** Creates the readers of {@link SegmentPartition}s on the executors: columnar for every Floe type. */
final class FloeReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;

  @Override
  public boolean supportColumnarReads(InputPartition partition) {
    return true;
  }

  @Override
  public PartitionReader<ColumnarBatch> createColumnarReader(InputPartition partition) {
    return new SegmentReaderTask((SegmentPartition) partition);
  }

  /** Rows, for a caller that asks for them: the columnar batches' rows. */
  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    SegmentReaderTask batches = new SegmentReaderTask((SegmentPartition) partition);
    return new PartitionReader<>() {
      private java.util.Iterator<InternalRow> rows = java.util.Collections.emptyIterator();

      @Override
      public boolean next() throws java.io.IOException {
        while (!rows.hasNext()) {
          if (!batches.next()) {
            return false;
          }
          rows = batches.get().rowIterator();
        }
        return true;
      }

      @Override
      public InternalRow get() {
        return rows.next();
      }

      @Override
      public void close() {
        batches.close();
      }
    };
  }
}
