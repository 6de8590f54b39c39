package dev.floe.storage.segment;

import dev.floe.storage.Column;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The batches of one segment read, produced lazily from chunks already fetched and checked. Each
 * batch allocates its own Arrow memory from the reader's allocator and is owned by the caller;
 * the scan itself holds no Arrow memory, so closing it (or abandoning it) leaks nothing. Not
 * thread-safe.
 */
public final class SegmentScan implements Iterator<SegmentBatch>, AutoCloseable {
  private final List<Column> columns;
  private final Map<Integer, ColumnData> data;
  private final BatchFilter filter;
  private final BufferAllocator allocator;
  private final int rows;
  private final int batchSize;
  private int next;
  private SegmentBatch pending;
  private boolean closed;

  SegmentScan(List<Column> columns, Map<Integer, ColumnData> data, BatchFilter filter,
      BufferAllocator allocator, int rows, int batchSize) {
    this.columns = columns;
    this.data = data;
    this.filter = filter;
    this.allocator = allocator;
    this.rows = rows;
    this.batchSize = batchSize;
  }

  static SegmentScan empty(List<Column> columns, BufferAllocator allocator) {
    return new SegmentScan(columns, Map.of(), null, allocator, 0, 64);
  }

  @Override
  public boolean hasNext() {
    while (pending == null && !closed && next < rows) {
      int start = next;
      int n = Math.min(batchSize, rows - start);
      next += n;
      int[] sel = filter == null ? null : filter.select(start, n);
      if (sel == null || sel.length > 0) {
        pending = build(start, n, sel);
      }
    }
    return pending != null;
  }

  @Override
  public SegmentBatch next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    SegmentBatch b = pending;
    pending = null;
    return b;
  }

  private SegmentBatch build(int start, int n, int[] sel) {
    VectorSchemaRoot root = VectorSchemaRoot.create(ArrowTypes.arrowSchema(columns), allocator);
    try {
      ColumnData[] sources = new ColumnData[columns.size()];
      boolean[] unfilled = null;
      for (int i = 0; i < columns.size(); i++) {
        Column c = columns.get(i);
        ColumnData d = data.get(c.id());
        sources[i] = d;
        if (d != null && ((d.codes != null && d.dictOffsets != null) || d.deferred != null)) {
          if (unfilled == null) {
            unfilled = new boolean[columns.size()];
          }
          unfilled[i] = true; // filled when asked for: a GROUP BY reads codes, an aggregate gathers values
          continue;
        }
        VectorFiller.fill(d == null ? ColumnData.missing(c.type(), rows) : d, root.getVector(i), start, n);
      }
      if (unfilled == null) {
        root.setRowCount(n);
      }
      return new SegmentBatch(root, sel, start, n, sources, unfilled);
    } catch (RuntimeException | Error e) {
      root.close();
      throw e;
    }
  }

  /** Releases a batch built but not handed out. Idempotent. */
  @Override
  public void close() {
    closed = true;
    if (pending != null) {
      pending.close();
      pending = null;
    }
  }
}
