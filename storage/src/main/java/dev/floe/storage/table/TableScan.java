package dev.floe.storage.table;

import dev.floe.storage.Column;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.commit.StoreErrors;
import dev.floe.storage.io.ObjectNotFoundException;
import dev.floe.storage.io.StoreException;
import dev.floe.storage.segment.ColumnStats;
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
 * fetches at most two), then as many as there are cores, doubling (up to {@link ReadAhead#MAX_DEPTH})
 * whenever the reader finds its next segment still in flight: the store's latency, not the number
 * of cores, decides how many requests are in flight. Fetched segments hold no Arrow memory
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
  private SegmentScan current;
  /** Segments being fetched and decoded, in order; the head is the next to read. */
  private final java.util.ArrayDeque<Pending> ahead = new java.util.ArrayDeque<>();
  private int submitted;
  private int depth = 1;
  /** Asked before a segment is fetched and again before it is read (null: every candidate is read). */
  private java.util.function.Predicate<SegmentEntry> worthReading;
  private int segmentsSkipped;
  /** Offered each candidate the predicate matches in full, before it is fetched (null: none is). */
  private java.util.function.Predicate<SegmentFooter> fromStats;
  private int segmentsFromStats;

  /** A segment submitted for fetching. */
  private record Pending(SegmentEntry entry, java.util.concurrent.Future<SegmentScan> scan) {}

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
    this(version, columnNames, where, allocator, pending, excluded, java.util.Map.of());
  }

  /**
   * As above, also leaving out the rows at {@code moreDeleted}'s positions of the segments it names
   * (a transaction's own deletes, on top of each entry's deletion vector).
   */
  TableScan(TableVersion version, List<String> columnNames, Predicate where, BufferAllocator allocator,
      List<SegmentEntry> pending, java.util.Set<String> excluded, java.util.Map<String, int[]> moreDeleted) {
    this(version, columnNames, where, allocator, pending, excluded, moreDeleted, true);
  }

  /** As above; without {@code readManifests} the candidates are {@code pending} alone (a share of the version). */
  private TableScan(TableVersion version, List<String> columnNames, Predicate where, BufferAllocator allocator,
      List<SegmentEntry> pending, java.util.Set<String> excluded, java.util.Map<String, int[]> moreDeleted,
      boolean readManifests) {
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
      for (ManifestRef ref : readManifests ? version.record().manifests() : List.<ManifestRef>of()) {
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
          int[] more = moreDeleted.get(e.key());
          if (more != null) {
            e = e.withDeleted(Deletions.union(e.deletedUnsafe(), more));
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
    } catch (FloeException e) {
      throw version.expiredOr(e); // a manifest VACUUM deleted with the version
    } catch (IllegalArgumentException e) {
      throw new FloeException(ErrorCode.INVALID_ARGUMENT, null, "cannot evaluate the predicate on "
          + version + ": " + e.getMessage(), e);
    }
  }

  /**
   * A scan of {@code segments} only, entries of {@code version} as {@link TableVersion#segments()}
   * lists them, without reading the version's manifests (see {@link TableVersion#scanSegments}).
   */
  static TableScan ofSegments(TableVersion version, List<String> columnNames, Predicate where,
      BufferAllocator allocator, List<SegmentEntry> segments) {
    return new TableScan(version, columnNames, where, allocator, segments, java.util.Set.of(), java.util.Map.of(), false);
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

  /** Candidate segments left unread because {@link #prioritize}'s test said they could not contribute. */
  public int segmentsSkipped() {
    return segmentsSkipped;
  }

  /**
   * For a scan below {@code ORDER BY ... LIMIT}: reads the candidate segments best first by column
   * {@code columnId}'s stats (largest max first when {@code descending}, else smallest min first;
   * segments without bounds for it first of all), and leaves out, just before fetching a segment and
   * again just before reading it, one whose stats {@code worthReading} rejects (it sees the stats
   * of the column in that segment: all NULL when the segment predates the column). Rows then come in
   * that order, not the table's. Call before the first {@link #hasNext}.
   *
   * @throws IllegalStateException if reading has begun
   */
  public void prioritize(int columnId, boolean descending, java.util.function.Predicate<ColumnStats> worthReading) {
    if (submitted > 0 || current != null) {
      throw new IllegalStateException("prioritize must be called before the scan is read");
    }
    Table table = version.table();
    java.util.function.Function<SegmentEntry, ColumnStats> stats =
        e -> ParsedFooters.of(e.footerUnsafe(), table.layout(), e.key()).stats(columnId);
    java.util.Comparator<SegmentEntry> best = java.util.Comparator.comparing(e -> {
      ColumnStats st = stats.apply(e);
      Object bound = st == null ? null : descending ? st.max() : st.min();
      return bound instanceof Long l ? (descending ? ~l : l) : Long.MIN_VALUE; // unknown bounds first
    });
    candidates.sort(best);
    this.worthReading = e -> worthReading.test(stats.apply(e));
  }

  /** Candidate segments answered by {@link #answerFromStats}'s consumer and never fetched. */
  public int segmentsFromStats() {
    return segmentsFromStats;
  }

  /**
   * For an aggregate that can take a whole segment's contribution from its footer (COUNT, and MIN
   * and MAX of exact bounds): each candidate segment whose stats prove the predicate TRUE for every
   * row ({@link Predicate#matchesAll}) is first offered to {@code consumer}, just before it would be
   * fetched; when the consumer takes it (returns true) the segment is not fetched and its rows are
   * not returned. A consumer that returns false must have changed nothing. Call before the first
   * {@link #hasNext}.
   *
   * @throws IllegalStateException if reading has begun
   */
  public void answerFromStats(java.util.function.Predicate<SegmentFooter> consumer) {
    if (submitted > 0 || current != null) {
      throw new IllegalStateException("answerFromStats must be called before the scan is read");
    }
    this.fromStats = consumer;
  }

  @Override
  public boolean hasNext() {
    while (current == null || !current.hasNext()) {
      if (current != null && depth < ReadAhead.DEPTH) {
        depth = ReadAhead.DEPTH; // past the first segment: the caller reads on, so read further ahead
      }
      closeCurrent();
      fill();
      Pending p = ahead.poll();
      if (p == null) {
        return false; // every candidate read or skipped
      }
      if (worthReading != null && !worthReading.test(p.entry())) {
        p.scan().cancel(false); // the bound got better while it was being fetched
        segmentsSkipped++;
        continue;
      }
      boolean waited = !p.scan().isDone();
      current = ReadAhead.await(p.scan());
      ScanProgress.segment();
      if (waited && depth >= ReadAhead.DEPTH && depth < ReadAhead.MAX_DEPTH) {
        depth = Math.min(ReadAhead.MAX_DEPTH, depth * 2); // fetching lags reading: more in flight
      }
      fill();
    }
    return true;
  }

  @Override
  public SegmentBatch next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    SegmentBatch batch = current.next();
    ScanProgress.rows(batch.rowCount());
    return batch;
  }

  /** Submits segments until {@link #depth} are pending beyond the one being read. */
  private void fill() {
    while (submitted < candidates.size() && ahead.size() < depth) {
      SegmentEntry e = candidates.get(submitted++);
      if (worthReading != null && !worthReading.test(e)) {
        segmentsSkipped++;
        continue;
      }
      if (fromStats != null && !e.hasDeletes()) { // stats count deleted rows too: read such a segment
        SegmentFooter footer = ParsedFooters.of(e.footerUnsafe(), version.table().layout(), e.key());
        if (where.matchesAll(footer) && fromStats.test(footer)) {
          segmentsFromStats++;
          continue;
        }
      }
      ahead.add(new Pending(e, ReadAhead.submit(() -> open(e))));
    }
  }

  private SegmentScan open(SegmentEntry e) {
    Table table = version.table();
    String key = table.layout().abs(e.key());
    try {
      SegmentFooter footer = ParsedFooters.of(e.footerUnsafe(), table.layout(), e.key());
      return SegmentReader.scan(table.env().store(), key, footer, columns, where, allocator,
          SegmentReader.DEFAULT_BATCH_SIZE, table.env().chunks()).excluding(e.deletedUnsafe());
    } catch (ObjectNotFoundException ex) {
      throw version.expiredOr(StoreErrors.missing(key, table.env().location(), "segment", ex));
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
    submitted = candidates.size();
    for (Pending p : ahead) {
      p.scan().cancel(false); // a fetched segment holds no Arrow memory: dropping it is enough
    }
    ahead.clear();
  }
}
