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
  /** Per column of {@link #root()}, the decoded chunk its vector was filled from (null: none). */
  private final ColumnData[] sources;

  SegmentBatch(VectorSchemaRoot root, int[] selection, long firstRow, ColumnData[] sources) {
    this.root = root;
    this.selection = selection;
    this.firstRow = firstRow;
    this.sources = sources;
  }

  /**
   * A dictionary-encoded column as its codes: row {@code k} of the batch has code {@code
   * codes[first + k]} (meaningless where the vector is NULL), and entry {@code e} is the bytes
   * {@code bytes[offsets[e]]} to {@code bytes[offsets[e + 1]]} (UTF-8 for VARCHAR). A view of the
   * segment's decoded chunk, shared by all batches of the segment: do not modify.
   */
  public record Dictionary(int[] codes, int first, int[] offsets, byte[] bytes) {
    /** Entries in the dictionary. */
    public int size() {
      return offsets.length - 1;
    }
  }

  /**
   * Column {@code i} of {@link #root()} as dictionary codes, when the segment stores it
   * dictionary-encoded (VARCHAR and VARBINARY chunks with few distinct values), for consumers that
   * would rather compare codes than bytes (GROUP BY); null otherwise. The vector holds the same
   * values.
   */
  public Dictionary dictionary(int i) {
    ColumnData d = sources == null || i < 0 || i >= sources.length ? null : sources[i];
    return d == null || d.codes == null || d.dictOffsets == null ? null
        : new Dictionary(d.codes, Math.toIntExact(firstRow), d.dictOffsets, d.dictData);
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
