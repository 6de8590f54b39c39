package dev.floe.storage.table;

import dev.floe.storage.Column;
import dev.floe.storage.Schema;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.commit.StoreErrors;
import dev.floe.storage.io.ObjectNotFoundException;
import dev.floe.storage.io.StoreException;
import dev.floe.storage.segment.ArrowTypes;
import dev.floe.storage.segment.Predicate;
import dev.floe.storage.segment.SegmentBatch;
import dev.floe.storage.segment.SegmentFooter;
import dev.floe.storage.segment.SegmentReader;
import dev.floe.storage.segment.SegmentScan;
import dev.floe.storage.segment.SegmentWriter;
import dev.floe.storage.segment.WrittenSegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The data operations of a table: batches into segments, and copy-on-write rewrites that read only
 * the segments whose stats may match and rewrite only those holding matching rows; every other
 * segment is kept by reference.
 */
final class TableData {
  private TableData() {}

  /**
   * Writes {@code batch} (vector i = schema column i, Arrow types per {@code ArrowTypes}) as
   * segments of at most rowsPerSegment rows under fresh keys.
   */
  static List<SegmentEntry> write(Table t, Statement st, Schema schema, VectorSchemaRoot batch, boolean staged) {
    if (batch.getFieldVectors().size() != schema.size()) {
      throw new FloeException(ErrorCode.INVALID_ARGUMENT, null, "the batch has "
          + batch.getFieldVectors().size() + " vectors but table '" + t.name() + "' has "
          + schema.size() + " columns " + schema.columns().stream().map(Column::name).toList()
          + "; supply one vector per column, in schema order", null);
    }
    int max = t.env().options().rowsPerSegment();
    List<SegmentEntry> out = new ArrayList<>();
    for (int from = 0; from < batch.getRowCount(); from += max) {
      int count = Math.min(max, batch.getRowCount() - from);
      String key = staged ? TableLayout.newStaged(st.startVersion) : TableLayout.newSegment();
      st.wroteSegment(key);
      WrittenSegment w;
      try {
        w = SegmentWriter.write(t.env().store(), t.layout().abs(key), schema, batch, from, count);
      } catch (StoreException e) {
        throw StoreErrors.wrap(e);
      } catch (IllegalArgumentException e) {
        throw new FloeException(ErrorCode.INVALID_ARGUMENT, null, "cannot write the batch to table '"
            + t.name() + "': " + e.getMessage() + "; build it with ArrowTypes for the table's schema", e);
      }
      out.add(new SegmentEntry(key, count, w.sizeBytes(), w.footer().toBytes()));
    }
    return out;
  }

  static CommitResult append(Table t, VectorSchemaRoot batch) {
    TableVersion r = t.latest();
    Statement st = t.statement();
    List<SegmentEntry> entries;
    try {
      entries = write(t, st, r.schema(), batch, false);
    } catch (RuntimeException e) {
      st.abandon();
      throw e;
    }
    if (entries.isEmpty()) {
      return new CommitResult(r.version(), Operation.APPEND, 0, 0, 0, r.hlc());
    }
    return t.appendEntries(Operation.APPEND, st, entries, r.versioned());
  }

  /** See {@link Table#compact}. */
  static CommitResult compact(Table t, int targetRows) {
    if (targetRows < 2) {
      throw new FloeException(ErrorCode.INVALID_ARGUMENT, null, "COMPACT needs a target of at least 2 rows per"
          + " segment, not " + targetRows, null);
    }
    int target = Math.min(targetRows, t.env().options().rowsPerSegment());
    TableVersion r = t.latest();
    // small segments, and any with deleted rows (compaction folds deletion vectors into new segments)
    List<SegmentEntry> small = r.segments().stream().filter(e -> e.liveRows() < target / 2 || e.hasDeletes()).toList();
    if (small.size() < 2 && small.stream().noneMatch(SegmentEntry::hasDeletes)) {
      return new CommitResult(r.version(), Operation.COMPACT, 0, 0, 0, r.hlc());
    }
    Schema schema = r.schema();
    Statement st = t.statement();
    List<SegmentEntry> added = new ArrayList<>();
    Set<String> removed = new java.util.LinkedHashSet<>();
    BufferAllocator allocator = t.allocator();
    try (VectorSchemaRoot out = ArrowTypes.createRoot(schema, allocator)) {
      out.allocateNew();
      int filled = 0;
      for (SegmentEntry e : small) {
        SegmentFooter footer = ParsedFooters.of(e.footerUnsafe(), t.layout(), e.key());
        try (SegmentBatch batch = readWhole(t, e, footer, schema, Predicate.TRUE, allocator)) {
          removed.add(e.identity());
          if (batch == null) {
            continue;
          }
          VectorSchemaRoot in = batch.root();
          int[] rows = batch.selection() == null ? allRows(in.getRowCount()) : batch.selection();
          for (int row : rows) {
            for (int c = 0; c < schema.size(); c++) {
              out.getVector(c).copyFromSafe(row, filled, in.getVector(c));
            }
            filled++;
            if (filled == target) {
              out.setRowCount(filled);
              added.addAll(write(t, st, schema, out, false));
              out.clear();
              out.allocateNew();
              filled = 0;
            }
          }
        }
      }
      if (filled > 0) {
        out.setRowCount(filled);
        added.addAll(write(t, st, schema, out, false));
      }
    } catch (RuntimeException e) {
      st.abandon();
      throw e;
    }
    return t.rewrite(Operation.COMPACT, st, r, removed, added, 0, 0);
  }

  static List<SegmentEntry> stage(Table t, VectorSchemaRoot batch) {
    TableVersion r = t.latest();
    Statement st = t.statement();
    try {
      return write(t, st, r.schema(), batch, true);
    } catch (RuntimeException e) {
      st.abandon();
      throw e;
    }
  }

  static CommitResult overwrite(Table t, VectorSchemaRoot batch) {
    TableVersion r = t.latest();
    Statement st = t.statement();
    Set<String> removed = new HashSet<>();
    r.segments().forEach(e -> removed.add(e.identity()));
    List<SegmentEntry> added;
    try {
      added = write(t, st, r.schema(), batch, false);
    } catch (RuntimeException e) {
      st.abandon();
      throw e;
    }
    return t.rewrite(Operation.OVERWRITE, st, r, removed, added);
  }

  /**
   * DELETE ({@code assignments} null) or UPDATE of the rows of the latest version for which
   * {@code where} is true. A statement matching no row commits nothing and returns the version
   * it read with zero rows changed.
   */
  static CommitResult rewriteMatching(Table t, Predicate where, Map<String, Object> assignments, BufferAllocator allocator) {
    if (assignments == null) {
      return rewriteMatching(t, where, null, null, allocator);
    }
    List<String> names = new ArrayList<>(assignments.keySet());
    Object[] values = names.stream().map(assignments::get).toArray();
    return rewriteMatching(t, where, names, (rows, row) -> values, allocator);
  }

  /** DELETE ({@code assigned} null) or UPDATE of {@code assigned} columns with values from {@code update}. */
  static CommitResult rewriteMatching(Table t, Predicate where, List<String> assigned, RowUpdate update,
      BufferAllocator allocator) {
    return rewriteMatching(t, where, assigned, update, allocator, null);
  }

  /**
   * As above; with {@code staged} (not null) an OVERWRITE that deletes the matching rows and
   * publishes those staged segments in the same commit, committed even when no row matches.
   */
  static CommitResult rewriteMatching(Table t, Predicate where, List<String> assigned, RowUpdate update,
      BufferAllocator allocator, List<SegmentEntry> staged) {
    TableVersion r = t.latest();
    Operation op = staged != null ? Operation.OVERWRITE : assigned == null ? Operation.DELETE : Operation.UPDATE;
    Statement st = t.statement();
    Rewritten out;
    Map<ManifestRef, List<SegmentEntry>> loaded;
    try {
      loaded = candidates(t, r, where);
      List<SegmentEntry> segments = loaded.values().stream().flatMap(List::stream).toList();
      out = rewriteSegments(t, st, r.schema(), segments, where, null, assigned, update, false, Set.of(), allocator);
    } catch (RuntimeException ex) {
      st.abandon();
      throw ex;
    }
    if (out.matched() == 0 && staged == null) {
      return new CommitResult(r.version(), op, 0, 0, 0, r.hlc());
    }
    // manifests of r that hold none of the removed segments: the rebase keeps them unread
    for (ManifestRef ref : r.record().manifests()) {
      List<SegmentEntry> segs = loaded.get(ref);
      if (segs == null || segs.stream().noneMatch(e -> out.replaced().contains(e.identity()))) {
        st.cleanManifests.add(ref.key());
      }
    }
    if (staged != null) {
      List<SegmentEntry> added = new ArrayList<>(out.added());
      added.addAll(staged);
      return t.rewrite(op, st, r, out.replaced(), added, staged.stream().mapToLong(SegmentEntry::rowCount).sum(),
          out.matched());
    }
    return t.rewrite(op, st, r, out.replaced(), out.added(), assigned == null ? 0 : out.matched(), out.matched());
  }

  /**
   * What a rewrite of some segments produced, before any commit.
   *
   * @param replaced identities ({@link SegmentEntry#identity}) of the segments that held matching rows
   *     and were rewritten
   * @param added their replacements (none for a segment whose every row was deleted), and the new
   *     versions of rows updated in place
   * @param matched the rows deleted or updated
   * @param marked for segments changed in place, by key: the positions of the rows deleted or updated
   *     (the caller adds them to the segment's deletion vector); a segment of {@code inPlace} whose
   *     changed rows exceed {@link #inPlaceLimit} is rewritten copy-on-write and listed in {@code
   *     replaced} instead
   */
  record Rewritten(Set<String> replaced, List<SegmentEntry> added, long matched, Map<String, int[]> marked) {}

  /**
   * Rewrites those of {@code segments} holding rows that {@code where} selects and {@code rows}
   * (null: every selected row) accepts: without them (DELETE, {@code assigned} null) or with the
   * assigned columns set by {@code update}. Writes replacement segments (staged or not); commits
   * nothing. A DELETE without {@code rows} drops a segment whose stats prove {@code where} true for
   * every row ({@link Predicate#matchesAll}) without reading it: {@code DELETE FROM t}, TRUNCATE,
   * and deletes of whole time ranges cost no segment read.
   */
  static Rewritten rewriteSegments(Table t, Statement st, Schema schema, List<SegmentEntry> segments, Predicate where,
      RowFilter rows, List<String> assigned, RowUpdate update, boolean staged, Set<String> inPlace,
      BufferAllocator allocator) {
    int[] columns = assigned == null ? new int[0] : resolve(t, schema, assigned);
    Set<String> replaced = new java.util.LinkedHashSet<>();
    List<SegmentEntry> added = new ArrayList<>();
    Map<String, int[]> marked = new java.util.LinkedHashMap<>();
    long matched = 0;
    for (SegmentEntry e : segments) {
      SegmentFooter footer = ParsedFooters.of(e.footerUnsafe(), t.layout(), e.key());
      if (!where.mayMatch(footer)) {
        continue;
      }
      if (assigned == null && rows == null && where.matchesAll(footer)) {
        matched += e.liveRows(); // a DELETE of every row: the segment goes unread, nothing replaces it
        replaced.add(e.identity());
        continue;
      }
      try (SegmentBatch batch = readWhole(t, e, footer, schema, where, allocator)) {
        if (batch == null) {
          continue;
        }
        VectorSchemaRoot all = batch.root();
        int[] hits = batch.selection() == null ? allRows(all.getRowCount()) : batch.selection();
        if (rows != null) {
          hits = java.util.Arrays.stream(hits).filter(i -> rows.test(all, i)).toArray();
        }
        if (hits.length == 0) {
          continue;
        }
        matched += hits.length;
        if (inPlace.contains(e.key()) && hits.length <= inPlaceLimit(e)) {
          marked.put(e.key(), hits); // positions in the segment: it was read whole, as one batch from row 0
          if (assigned != null) {
            try (VectorSchemaRoot changed = ArrowRows.assign(all, hits, columns, update, allocator);
                VectorSchemaRoot only = ArrowRows.select(changed, hits, allocator)) {
              added.addAll(write(t, st, schema, only, staged));
            }
          }
          continue;
        }
        replaced.add(e.identity());
        if (e.hasDeletes()) { // the replacement holds the rows that exist: never those the vector deleted
          int[] live = ArrowRows.complement(all.getRowCount(), e.deletedUnsafe());
          try (VectorSchemaRoot next = assigned == null
              ? ArrowRows.select(all, ArrowRows.complement(all.getRowCount(), Deletions.union(e.deletedUnsafe(), hits)),
                  allocator)
              : ArrowRows.assign(all, hits, columns, update, allocator);
              VectorSchemaRoot kept = assigned == null ? null : ArrowRows.select(next, live, allocator)) {
            VectorSchemaRoot result = kept == null ? next : kept;
            if (result.getRowCount() > 0) {
              added.addAll(write(t, st, schema, result, staged));
            }
          }
          continue;
        }
        try (VectorSchemaRoot next = assigned == null
            ? ArrowRows.select(all, ArrowRows.complement(all.getRowCount(), hits), allocator)
            : ArrowRows.assign(all, hits, columns, update, allocator)) {
          if (next.getRowCount() > 0) {
            added.addAll(write(t, st, schema, next, staged));
          }
        }
      }
    }
    return new Rewritten(replaced, added, matched, marked);
  }

  /**
   * The most rows of segment {@code e} that one statement changes in place (marking them in its
   * deletion vector); past it, the statement rewrites the segment copy-on-write instead, so bulk
   * changes keep vectors small: a sixteenth of its rows, and at least 64.
   */
  static long inPlaceLimit(SegmentEntry e) {
    return Math.max(64, e.rowCount() / 16);
  }

  private static int[] resolve(Table t, Schema schema, List<String> names) {
    int[] out = new int[names.size()];
    for (int i = 0; i < out.length; i++) {
      String name = names.get(i);
      Column c = schema.byName(name).orElseThrow(() -> new FloeException(ErrorCode.COLUMN_NOT_FOUND, null,
          "column '" + name + "' does not exist in table '" + t.name() + "' (columns: "
              + schema.columns().stream().map(Column::name).toList() + ")", null));
      out[i] = schema.columns().indexOf(c);
    }
    return out;
  }

  /** The manifests of {@code r} whose stats may match, with their segments (the others are not fetched). */
  private static Map<ManifestRef, List<SegmentEntry>> candidates(Table t, TableVersion r, Predicate where) {
    Map<ManifestRef, List<SegmentEntry>> out = new java.util.LinkedHashMap<>();
    for (ManifestRef ref : r.record().manifests()) {
      if (ref.statsUnsafe() == null || where.mayMatch(ParsedFooters.of(ref.statsUnsafe(), t.layout(), ref.key()))) {
        out.put(ref, t.manifests().load(ref).segments());
      }
    }
    return out;
  }

  private static int[] allRows(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  /**
   * Every row of a segment (all columns of {@code schema}; ids it lacks read as NULL) in one batch,
   * with the rows {@code where} selects; null if it selects none.
   */
  private static SegmentBatch readWhole(Table t, SegmentEntry e, SegmentFooter footer, Schema schema,
      Predicate where, BufferAllocator allocator) {
    String key = t.layout().abs(e.key());
    int batchSize = (int) Math.max(64, Math.min(Integer.MAX_VALUE - 64, footer.rowCount()));
    try (SegmentScan scan = SegmentReader.scan(t.env().store(), key, footer, schema.columns(), where, allocator, batchSize,
        t.env().chunks()).excluding(e.deletedUnsafe())) {
      return scan.hasNext() ? scan.next() : null;
    } catch (ObjectNotFoundException ex) {
      throw StoreErrors.missing(key, t.env().location(), "segment", ex);
    } catch (StoreException ex) {
      throw StoreErrors.wrap(ex);
    } catch (IllegalArgumentException ex) {
      throw new FloeException(ErrorCode.INVALID_ARGUMENT, key, "cannot evaluate the predicate on table '"
          + t.name() + "': " + ex.getMessage(), ex);
    }
  }
}
