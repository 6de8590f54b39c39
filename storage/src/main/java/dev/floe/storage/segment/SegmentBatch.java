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
  private final int rows;
  /** Per column of {@link #root()}, the decoded chunk its vector is filled from (null: none). */
  private final ColumnData[] sources;
  /** Per column, whether its vector is still to be filled (null: every vector is). */
  private boolean[] unfilled;
  /** A root of some rows only ({@link #rootOf}), closed with the batch; or null. */
  private VectorSchemaRoot compact;

  /**
   * @param unfilled the columns (dictionary-encoded ones) whose vectors are filled only when asked
   *     for, or null; until all are, {@code root}'s row count is not set
   */
  SegmentBatch(VectorSchemaRoot root, int[] selection, long firstRow, int rows, ColumnData[] sources,
      boolean[] unfilled) {
    this.root = root;
    this.selection = selection;
    this.firstRow = firstRow;
    this.rows = rows;
    this.sources = sources;
    this.unfilled = unfilled;
  }

  /**
   * Column {@code i}'s vector, filled now if it was not yet: a consumer that reads some columns
   * as {@link #dictionary} codes never pays to materialize their strings.
   */
  public org.apache.arrow.vector.FieldVector vector(int i) {
    fill(i);
    return root.getVector(i);
  }

  private void fill(int i) {
    if (unfilled != null && unfilled[i]) {
      VectorFiller.fill(sources[i], root.getVector(i), Math.toIntExact(firstRow), rows);
      unfilled[i] = false;
    }
  }

  /**
   * A dictionary-encoded column as its codes: row {@code k} of the batch has code {@code
   * codes[first + k]} (meaningless where the vector is NULL), and entry {@code e} is the bytes
   * {@code bytes[offsets[e]]} to {@code bytes[offsets[e + 1]]} (UTF-8 for VARCHAR). A view of the
   * segment's decoded chunk, shared by all batches of the segment: do not modify.
   */
  public record Dictionary(int[] codes, int first, int[] offsets, byte[] bytes, long[] validity) {
    /** Entries in the dictionary. */
    public int size() {
      return offsets.length - 1;
    }

    /** Whether row {@code k} of the batch is NULL. */
    public boolean isNull(int k) {
      int row = first + k;
      return validity != null && (validity[row >>> 6] & (1L << row)) == 0;
    }

    /** Whether some row of the segment is NULL. */
    public boolean hasNulls() {
      return validity != null;
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
        : new Dictionary(d.codes, Math.toIntExact(firstRow), d.dictOffsets, d.dictData, d.validity);
  }

  /**
   * Writes the stored value of row {@code sel[k]} of the batch ({@code k} when {@code sel} is null)
   * of integer column {@code i} (TINYINT to BIGINT, DATE as days, TIME and TIMESTAMP as
   * microseconds) to {@code out[k]} for k below {@code n}, without filling its vector; a NULL row's
   * value is unspecified (see {@link #nulls}). Decodes only those rows of a column whose stream
   * allows it.
   *
   * @return false, writing nothing, when column {@code i} is not such a column of this segment
   */
  public boolean longs(int i, int[] sel, int n, long[] out) {
    ColumnData d = source(i);
    if (d == null || !ColumnGather.isInteger(d)) {
      return false;
    }
    ColumnGather.longs(d, Math.toIntExact(firstRow), sel, n, out);
    return true;
  }

  /**
   * The sum of BIGINT column {@code i} over every row of the batch, computed from the stored words
   * without decoding them, when the segment stores it packed (FOR) with no NULL and the values have
   * one sign (adding them one by one would overflow exactly when this does); null otherwise (then
   * use {@link #longs}), also when the sum leaves the 64-bit range.
   */
  public Long sumAll(int i) {
    ColumnData d = source(i);
    return d == null ? null : ColumnGather.sum(d, Math.toIntExact(firstRow), rows);
  }

  /** As {@link #longs}, for REAL and DOUBLE columns. */
  public boolean doubles(int i, int[] sel, int n, double[] out) {
    ColumnData d = source(i);
    if (d == null || !ColumnGather.isFloating(d)) {
      return false;
    }
    ColumnGather.doubles(d, Math.toIntExact(firstRow), sel, n, out);
    return true;
  }

  /**
   * Writes whether row {@code sel[k]} ({@code k} when {@code sel} is null) of column {@code i} is
   * NULL to {@code out[k]} for k below {@code n}.
   *
   * @return whether any of them is; false, writing nothing, unless {@link #gathers}
   */
  public boolean nulls(int i, int[] sel, int n, boolean[] out) {
    ColumnData d = source(i);
    if (d == null || !(ColumnGather.isInteger(d) || ColumnGather.isFloating(d))) {
      return false;
    }
    return ColumnGather.nulls(d, Math.toIntExact(firstRow), sel, n, out);
  }

  /** Whether {@link #longs} or {@link #doubles}, and {@link #nulls}, read column {@code i}. */
  public boolean gathers(int i) {
    ColumnData d = source(i);
    return d != null && (ColumnGather.isInteger(d) || ColumnGather.isFloating(d));
  }

  private ColumnData source(int i) {
    return sources == null || i < 0 || i >= sources.length ? null : sources[i];
  }

  /**
   * Rows {@code rows[k]} of the batch (ascending indices into {@link #root()}), k below {@code n},
   * as a root of {@code n} rows, filled straight from the decoded segment: for a consumer of a
   * few rows of a batch (a selective filter, a top-N), which would otherwise fill every row of
   * every vector. Owned by the batch and closed with it; a second call closes the first root.
   */
  public VectorSchemaRoot rootOf(int[] rows, int n) {
    if (compact != null) {
      compact.close();
      compact = null;
    }
    VectorSchemaRoot r = VectorSchemaRoot.create(root.getSchema(), root.getVector(0).getAllocator());
    try {
      int first = Math.toIntExact(firstRow);
      for (int i = 0; i < sources.length; i++) {
        VectorFiller.fillRows(sources[i], r.getVector(i), first, rows, n);
      }
      r.setRowCount(n);
    } catch (RuntimeException | Error e) {
      r.close();
      throw e;
    }
    compact = r;
    return r;
  }

  /** The decoded rows, all of them (selected or not), every vector filled. */
  public VectorSchemaRoot root() {
    if (unfilled != null) {
      for (int i = 0; i < unfilled.length; i++) {
        fill(i);
      }
      unfilled = null;
      root.setRowCount(rows);
    }
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
    return selection == null ? rows : selection.length;
  }

  /** Columns in the batch (vectors of {@link #root()}), without filling any. */
  public int columnCount() {
    return root.getFieldVectors().size();
  }

  /** Rows in the batch. */
  public int rowCount() {
    return rows;
  }

  /** The position of the batch's first row in the segment. */
  public long firstRow() {
    return firstRow;
  }

  @Override
  public void close() {
    if (compact != null) {
      compact.close();
    }
    root.close();
  }
}
