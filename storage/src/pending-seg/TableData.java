package dev.floe.storage.table;

import dev.floe.storage.Column;
import dev.floe.storage.Schema;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.commit.StoreErrors;
import dev.floe.storage.io.StoreException;
import dev.floe.storage.segment.Predicate;
import dev.floe.storage.segment.SegmentBatch;
import dev.floe.storage.segment.SegmentFooter;
import dev.floe.storage.segment.SegmentReader;
import dev.floe.storage.segment.SegmentWriter;
import dev.floe.storage.segment.WrittenSegment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The data operations of a table: batches into segments, and copy-on-write rewrites that read
 * only the segments whose stats may match and rewrite only those holding matching rows.
 */
final class TableData {
  private TableData() {}

  /** Writes {@code batch} (vector i = schema column i) as segments of at most rowsPerSegment rows. */
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
      String key = staged ? TableLayout.newStaged() : TableLayout.newSegment();
      st.wroteSegment(key);
      WrittenSegment w;
      try {
        w = SegmentWriter.write(t.env().store(), t.layout().abs(key), schema, batch, from, count);
      } catch (StoreException e) {
        throw StoreErrors.wrap(e);
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
    return t.appendEntries(Operation.APPEND, st, entries);
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
    r.segments().forEach(e -> removed.add(e.key()));
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
   * DELETE (assignments null) or UPDATE: for each segment whose stats may match, reads the
   * matching rows; a segment with none is kept by reference; one with some is rewritten.
   */
  static CommitResult rewriteMatching(Table t, Predicate where, Map<String, Object> assignments, BufferAllocator allocator) {
    TableVersion r = t.latest();
    Schema schema = r.schema();
    Map<Integer, Object> byIndex = new java.util.HashMap<>();
    if (assignments != null) {
      assignments.forEach((name, value) -> {
        Column c = schema.byName(name).orElseThrow(() -> new FloeException(ErrorCode.COLUMN_NOT_FOUND, null,
            "column '" + name + "' does not exist in table '" + t.name() + "' (columns: "
                + schema.columns().stream().map(Column::name).toList() + ")", null));
        if (value == null && !c.nullable()) {
          throw new FloeException(ErrorCode.NOT_NULL_VIOLATION, null, "column '" + name + "' is NOT NULL"
              + " and cannot be set to NULL", null);
        }
        byIndex.put(schema.columns().indexOf(c), value);
      });
    }
    Statement st = t.statement();
    Set<String> removed = new HashSet<>();
    List<SegmentEntry> added = new ArrayList<>();
    long matched = 0;
    try {
      for (SegmentEntry e : r.segments()) {
        SegmentFooter footer = SegmentFooter.fromBytes(e.footer());
        if (!where.mayMatch(footer)) {
          continue;
        }
        try (VectorSchemaRoot all = readAll(t, e, footer, schema, allocator)) {
          int[] hits = matching(t, e, footer, schema, where, allocator);
          if (hits.length == 0) {
            continue;
          }
          matched += hits.length;
          removed.add(e.key());
          VectorSchemaRoot next;
          if (assignments == null) {
            next = ArrowRows.select(all, ArrowRows.complement(all.getRowCount(), hits), allocator);
          } else {
            next = ArrowRows.select(all, allRows(all.getRowCount()), allocator);
            for (int row : hits) {
              byIndex.forEach((col, value) -> ArrowRows.set(next.getVector(col), row, value));
            }
          }
          try (next) {
            if (next.getRowCount() > 0) {
              added.addAll(write(t, st, schema, next, false));
            }
          }
        }
      }
    } catch (RuntimeException ex) {
      st.abandon();
      throw ex;
    }
    if (matched == 0) {
      return new CommitResult(r.version(), assignments == null ? Operation.DELETE : Operation.UPDATE, 0, 0, 0, r.hlc());
    }
    CommitResult c = t.rewrite(assignments == null ? Operation.DELETE : Operation.UPDATE, st, r, removed, added);
    return c;
  }

  private static int[] allRows(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  /** Every row of a segment, all columns of {@code schema} (missing ids read as NULL), in one root. */
  private static VectorSchemaRoot readAll(Table t, SegmentEntry e, SegmentFooter footer, Schema schema, BufferAllocator allocator) {
    throw new UnsupportedOperationException("wire to SegmentReader");
  }

  /** Indexes (ascending) of the rows of a segment that match {@code where}. */
  private static int[] matching(Table t, SegmentEntry e, SegmentFooter footer, Schema schema, Predicate where, BufferAllocator allocator) {
    throw new UnsupportedOperationException("wire to SegmentReader");
  }
}
