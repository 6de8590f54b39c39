package dev.floe.storage.segment;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One batch of a segment scan: the requested columns (vectors named by column name, in the order
 * requested) for a run of consecutive segment rows, and which of those rows the predicate selects.
 * The caller owns the batch and must close it, which releases its Arrow memory.
 */
public final class SegmentBatch implements AutoCloseable {
  private final VectorSchemaRoot root;
  private final int[] selection;
  private final long firstRow;

  SegmentBatch(VectorSchemaRoot root, int[] selection, long firstRow) {
    this.root = root;
    this.selection = selection;
    this.firstRow = firstRow;
  }

  /** The decoded rows, all of them (selected or not). */
  public VectorSchemaRoot root() {
    return root;
  }

  /**
   * Ascending indices (into {@link #root()}) of the rows the predicate selects, or null when it
   * selects every row. Never empty: batches without a selected row are skipped. Do not modify.
   */
  public int[] selection() {
    return selection;
  }

  /** Rows the predicate selects. */
  public int selectedCount() {
    return selection == null ? root.getRowCount() : selection.length;
  }

  /** Rows in the batch. */
  public int rowCount() {
    return root.getRowCount();
  }

  /** The position of the batch's first row in the segment. */
  public long firstRow() {
    return firstRow;
  }

  @Override
  public void close() {
    root.close();
  }
}
