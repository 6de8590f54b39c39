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
  /** Sorted row positions of the segment that are deleted (its deletion vector). */
  private int[] deleted = new int[0];

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

  /**
   * Leaves out the rows at {@code positions} (sorted, distinct, 0-based within the segment): the
   * segment's deletion vector. Call before the first {@link #hasNext}.
   *
   * @return this scan
   */
  public SegmentScan excluding(int[] positions) {
    if (next > 0 || pending != null) {
      throw new IllegalStateException("excluding must be called before the scan is read");
    }
    this.deleted = positions.clone();
    return this;
  }

  /** {@code sel} (null: all {@code n} rows from {@code start}) without the deleted positions among them. */
  private int[] withoutDeleted(int[] sel, int start, int n) {
    int from = java.util.Arrays.binarySearch(deleted, start);
    from = from < 0 ? -from - 1 : from;
    if (from >= deleted.length || deleted[from] >= start + n) {
      return sel; // none deleted in this batch
    }
    int[] candidates = sel;
    if (candidates == null) {
      candidates = new int[n];
      for (int i = 0; i < n; i++) {
        candidates[i] = i;
      }
    }
    int[] out = new int[candidates.length];
    int k = 0;
    int d = from;
    for (int row : candidates) {
      int pos = start + row;
      while (d < deleted.length && deleted[d] < pos) {
        d++;
      }
      if (d < deleted.length && deleted[d] == pos) {
        continue;
      }
      out[k++] = row;
    }
    return java.util.Arrays.copyOf(out, k);
  }

  @Override
  public boolean hasNext() {
    while (pending == null && !closed && next < rows) {
      int start = next;
      int n = Math.min(batchSize, rows - start);
      next += n;
      int[] sel = filter == null ? null : filter.select(start, n);
      if (deleted.length > 0) {
        sel = withoutDeleted(sel, start, n);
      }
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
