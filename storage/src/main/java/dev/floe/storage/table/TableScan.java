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
import dev.floe.storage.segment.SegmentScan;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A streaming scan of one pinned version: the requested columns of the rows a predicate selects,
 * as {@link SegmentBatch}es (each holds decoded rows and the selection of matching ones; the caller
 * closes every batch). Manifests are pruned by their stats in the commit record before they are
 * fetched, and segments by their footer stats in the manifest before any data is fetched; a
 * segment is fetched and decoded ahead of the caller on a shared pool of daemon threads ({@link
 * ReadAhead}): one segment ahead while the first is read (so a LIMIT that ends in the first segment
 * fetches at most two), then as many as there are cores. Fetched segments hold no Arrow memory
 * (vectors are filled when a batch is taken), so a scan closed early leaks nothing. Close the scan
 * to stop early. Not thread-safe.
 *
 * <p>A missing segment is {@link ErrorCode#MISSING_OBJECT} and a damaged one {@link
 * ErrorCode#CORRUPT_OBJECT}, both naming the key.
 */
public final class TableScan implements Iterator<SegmentBatch>, AutoCloseable {
  private final TableVersion version;
  private final List<Column> columns;
  private final Predicate where;
  private final BufferAllocator allocator;
  private final List<SegmentEntry> candidates = new ArrayList<>();
  private int manifestsPruned;
  private int segmentsPruned;
  private int next;
  private SegmentScan current;
  /** Segments being fetched and decoded, in order; the head is the next to read. */
  private final java.util.ArrayDeque<java.util.concurrent.Future<SegmentScan>> ahead = new java.util.ArrayDeque<>();
  private int submitted;
  private int depth = 1;

  TableScan(TableVersion version, List<String> columnNames, Predicate where, BufferAllocator allocator) {
    this(version, columnNames, where, allocator, List.of());
  }

  TableScan(TableVersion version, List<String> columnNames, Predicate where, BufferAllocator allocator,
      List<SegmentEntry> pending) {
    this(version, columnNames, where, allocator, pending, java.util.Set.of());
  }

  /** As above, leaving out the segments of {@code version} whose keys are in {@code excluded}. */
  TableScan(TableVersion version, List<String> columnNames, Predicate where, BufferAllocator allocator,
      List<SegmentEntry> pending, java.util.Set<String> excluded) {
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
    Table table = version.table();
    try {
      List<ManifestRef> refs = new ArrayList<>();
      for (ManifestRef ref : version.record().manifests()) {
        if (ref.statsUnsafe() != null
            && !this.where.mayMatch(ParsedFooters.of(ref.statsUnsafe(), table.layout(), ref.key()))) {
          manifestsPruned++;
          continue;
        }
        refs.add(ref);
      }
      for (Manifest manifest : table.manifests().loadAll(refs)) {
        for (SegmentEntry e : manifest.segments()) {
          if (excluded.contains(e.key())) {
            continue;
          }
          if (this.where.mayMatch(ParsedFooters.of(e.footerUnsafe(), table.layout(), e.key()))) {
            candidates.add(e);
          } else {
            segmentsPruned++;
          }
        }
      }
      for (SegmentEntry e : pending) {
        if (this.where.mayMatch(ParsedFooters.of(e.footerUnsafe(), table.layout(), e.key()))) {
          candidates.add(e);
        } else {
          segmentsPruned++;
        }
      }
    } catch (StoreException e) {
      throw StoreErrors.wrap(e);
    } catch (IllegalArgumentException e) {
      throw new FloeException(ErrorCode.INVALID_ARGUMENT, null, "cannot evaluate the predicate on "
          + version + ": " + e.getMessage(), e);
    }
  }

  /** The version this scan reads. */
  public TableVersion version() {
    return version;
  }

  /** Manifests skipped by their stats, without being fetched. */
  public int manifestsPruned() {
    return manifestsPruned;
  }

  /** Segments (of fetched manifests) skipped by their footer stats, without being fetched. */
  public int segmentsPruned() {
    return segmentsPruned;
  }

  /** Segments whose stats may match: the only ones read. */
  public int segmentsToRead() {
    return candidates.size();
  }

  @Override
  public boolean hasNext() {
    while (current == null || !current.hasNext()) {
      if (current != null) {
        depth = ReadAhead.DEPTH; // past the first segment: the caller reads on, so read further ahead
      }
      closeCurrent();
      if (next >= candidates.size()) {
        return false;
      }
      fill();
      current = ReadAhead.await(ahead.poll());
      next++;
      fill();
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

  /** Submits segments until {@link #depth} are pending beyond the one being read. */
  private void fill() {
    while (submitted < candidates.size() && submitted - next < depth) {
      SegmentEntry e = candidates.get(submitted++);
      ahead.add(ReadAhead.submit(() -> open(e)));
    }
  }

  private SegmentScan open(SegmentEntry e) {
    Table table = version.table();
    String key = table.layout().abs(e.key());
    try {
      SegmentFooter footer = ParsedFooters.of(e.footerUnsafe(), table.layout(), e.key());
      return SegmentReader.scan(table.env().store(), key, footer, columns, where, allocator);
    } catch (ObjectNotFoundException ex) {
      throw StoreErrors.missing(key, table.env().location(), "segment", ex);
    } catch (StoreException ex) {
      throw StoreErrors.wrap(ex);
    } catch (IllegalArgumentException ex) {
      throw new FloeException(ErrorCode.INVALID_ARGUMENT, key, "cannot read segment '" + key + "' of "
          + version + ": " + ex.getMessage(), ex);
    }
  }

  private void closeCurrent() {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  /** Stops the scan; batches already handed out stay the caller's to close. */
  @Override
  public void close() {
    closeCurrent();
    next = candidates.size();
    submitted = candidates.size();
    for (java.util.concurrent.Future<SegmentScan> f : ahead) {
      f.cancel(false); // a fetched segment holds no Arrow memory: dropping it is enough
    }
    ahead.clear();
  }
}
