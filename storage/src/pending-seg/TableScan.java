package dev.floe.storage.table;

import dev.floe.storage.Column;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.commit.StoreErrors;
import dev.floe.storage.io.ObjectNotFoundException;
import dev.floe.storage.io.StoreException;
import dev.floe.storage.segment.Predicate;
import dev.floe.storage.segment.SegmentBatch;
import dev.floe.storage.segment.SegmentFooter;
import dev.floe.storage.segment.SegmentReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A streaming scan of one pinned version: the requested columns of the rows matching a predicate,
 * as {@link SegmentBatch}es. Segments are pruned by the stats in their manifest entries before any
 * data is fetched; a segment is opened only when the previous one is exhausted. Close the scan (or
 * each batch) to release Arrow memory. Not thread-safe.
 */
public final class TableScan implements Iterator<SegmentBatch>, AutoCloseable {
  private final TableVersion version;
  private final List<Column> columns;
  private final Predicate where;
  private final BufferAllocator allocator;
  private final List<SegmentEntry> candidates = new ArrayList<>();
  private final int segmentsTotal;
  private int next;
  private Iterator<SegmentBatch> current;
  private AutoCloseable currentCloser;

  TableScan(TableVersion version, List<String> columnNames, Predicate where, BufferAllocator allocator) {
    this.version = version;
    this.where = where == null ? Predicate.TRUE : where;
    this.allocator = allocator;
    List<Column> cols = new ArrayList<>();
    if (columnNames == null) {
      cols.addAll(version.schema().columns());
    } else {
      for (String n : columnNames) {
        cols.add(version.schema().byName(n).orElseThrow(() -> new FloeException(ErrorCode.COLUMN_NOT_FOUND, null,
            "column '" + n + "' does not exist in " + version + " (columns: "
                + version.schema().columns().stream().map(Column::name).toList() + ")", null)));
      }
    }
    this.columns = List.copyOf(cols);
    int total = 0;
    for (SegmentEntry e : version.segments()) {
      total++;
      if (this.where.mayMatch(SegmentFooter.fromBytes(e.footer()))) {
        candidates.add(e);
      }
    }
    this.segmentsTotal = total;
  }

  /** Segments of the version. */
  public int segmentsTotal() {
    return segmentsTotal;
  }

  /** Segments whose stats may match the predicate: the only ones read. */
  public int segmentsScanned() {
    return candidates.size();
  }

  @Override
  public boolean hasNext() {
    while (current == null || !current.hasNext()) {
      closeCurrent();
      if (next >= candidates.size()) {
        return false;
      }
      open(candidates.get(next++));
    }
    return true;
  }

  @Override
  public SegmentBatch next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }

  private void open(SegmentEntry e) {
    String key = version.table().layout().abs(e.key());
    try {
      throw new UnsupportedOperationException("wire to SegmentReader: " + key);
    } catch (ObjectNotFoundException ex) {
      throw StoreErrors.missing(key, version.table().env().location(), "segment", ex);
    } catch (StoreException ex) {
      throw StoreErrors.wrap(ex);
    }
  }

  private void closeCurrent() {
    if (currentCloser != null) {
      try {
        currentCloser.close();
      } catch (Exception ignored) {
        // nothing to release twice
      }
      currentCloser = null;
    }
    current = null;
  }

  @Override
  public void close() {
    closeCurrent();
    next = candidates.size();
  }
}
