package dev.floe.planner.exec;

import dev.floe.storage.segment.SegmentBatch;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.vector.FieldVector;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Streams the selected rows of a sequence of {@link SegmentBatch}es as {@code Object[]} rows in
 * Calcite's internal representation. Batches are pulled one at a time, so {@code LIMIT} and {@code
 * setMaxRows} stop fetching; every batch is closed once read, and {@link #close()} closes the
 * current batch and the source (which cancels its pending fetches).
 *
 * <p>Each row checks the statement's cancel flag ({@link StatementCancel}): one volatile read, so a
 * join or aggregate above the scan stops at the next row it pulls, also when a whole table is one
 * batch (the outer side of a nested-loop join pulls one row per pass over the inner side).
 */
public final class BatchRowEnumerator implements Enumerator<Object[]> {
  private final Iterator<SegmentBatch> batches;
  private final AutoCloseable source;
  private final TopNFilter topN;
  private final AtomicBoolean cancel;
  private SegmentBatch batch;
  private ColumnReader[] readers;
  private int[] selection;
  private int position;
  private int count;
  private Object[] current;
  private boolean closed;

  /**
   * @param batches the batches to stream
   * @param source closed with this enumerator (the scan that produces the batches)
   */
  public BatchRowEnumerator(Iterator<SegmentBatch> batches, AutoCloseable source) {
    this(batches, source, null, null);
  }

  /**
   * As above, passing on only the rows {@code topN} keeps ({@code ORDER BY ... LIMIT} above), if not
   * null, and failing with 57014 once {@code cancel} (the statement's flag, may be null) is set.
   */
  public BatchRowEnumerator(Iterator<SegmentBatch> batches, AutoCloseable source, TopNFilter topN,
      AtomicBoolean cancel) {
    this.batches = batches;
    this.source = source;
    this.topN = topN;
    this.cancel = cancel;
    OpenScans.opened(this);
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    StatementCancel.check(cancel);
    while (batch == null || position >= count) {
      closeBatch();
      if (!batches.hasNext()) {
        current = null;
        return false;
      }
      open(batches.next());
    }
    int row = selection == null ? position : selection[position];
    position++;
    Object[] r = new Object[readers.length];
    for (int c = 0; c < readers.length; c++) {
      r[c] = readers[c].get(row);
    }
    current = r;
    return true;
  }

  private void open(SegmentBatch b) {
    batch = b;
    selection = b.selection();
    count = b.selectedCount();
    if (topN != null) {
      selection = topN.reduce(b, selection, count);
      count = selection == null ? b.rowCount() : selection.length;
    }
    List<FieldVector> vectors;
    if (selection != null && count * SPARSE < b.rowCount() && b.columnCount() > 0) {
      // few rows of the batch: fill vectors with those rows only (strings included)
      vectors = b.rootOf(selection, count).getFieldVectors();
      selection = null;
    } else {
      vectors = b.root().getFieldVectors();
    }
    readers = new ColumnReader[vectors.size()];
    for (int i = 0; i < readers.length; i++) {
      readers[i] = ColumnReader.of(vectors.get(i));
    }
    position = 0;
  }

  /** A batch is read through {@link SegmentBatch#rootOf} when fewer than 1 row in this many is selected. */
  private static final int SPARSE = 4;

  private void closeBatch() {
    if (batch != null) {
      batch.close();
      batch = null;
    }
  }

  @Override
  public void reset() {
    throw new UnsupportedOperationException("a Floe scan cannot be rewound; run the query again");
  }

  @Override
  public void close() {
    closeBatch();
    if (closed) {
      return;
    }
    closed = true;
    try {
      source.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing a Floe scan failed: " + e.getMessage(), e);
    }
  }
}
