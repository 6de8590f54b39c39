package dev.floe.planner.exec;

import dev.floe.storage.Column;
import dev.floe.storage.Schema;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.segment.ArrowTypes;
import dev.floe.storage.segment.SegmentWriter;
import dev.floe.storage.table.SegmentEntry;
import dev.floe.storage.table.Table;
import dev.floe.storage.table.TableVersion;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes a stream of rows into a table as one commit. Rows are gathered into Arrow vectors; every
 * full segment's worth is written at once as a staged segment, so memory stays bounded however
 * many rows come, and the end publishes them all in one commit (or, for a small insert, appends
 * the one batch directly). If anything fails, nothing is committed; staged segments left behind
 * are unreferenced and VACUUM removes them.
 */
public final class RowAppender implements AutoCloseable {
  private final Table table;
  private final Schema schema;
  private final BufferAllocator allocator;
  private final int segmentRows;
  /** Whether a column has a VARCHAR(n) length to enforce. */
  private final boolean lengths;
  /** The version the statement read, which a one-batch commit starts from; null: the head at commit. */
  private final TableVersion base;
  private final List<SegmentEntry> staged = new ArrayList<>();
  private VectorSchemaRoot root;
  private ColumnWriter[] writers;
  private int rows;
  private long total;

  public RowAppender(Table table, Schema schema, String statement) {
    this(table, schema, null, statement, SegmentWriter.DEFAULT_ROWS_PER_SEGMENT);
  }

  /**
   * Rows for {@code base}'s table in its schema, committed onto {@code base} (the version the
   * statement read): the commit does not read the head again, and rebases if it moved.
   */
  public RowAppender(TableVersion base, String statement) {
    this(base.table(), base.schema(), base, statement, SegmentWriter.DEFAULT_ROWS_PER_SEGMENT);
  }

  RowAppender(Table table, Schema schema, String statement, int segmentRows) {
    this(table, schema, null, statement, segmentRows);
  }

  private RowAppender(Table table, Schema schema, TableVersion base, String statement, int segmentRows) {
    this.table = table;
    this.base = base;
    this.schema = schema;
    this.allocator = Allocators.forStatement(statement);
    this.segmentRows = segmentRows;
    this.lengths = StringLengths.any(schema.columns());
  }

  /**
   * Adds one row, values in table column order in Calcite's internal representation.
   *
   * @throws FloeException NOT_NULL_VIOLATION for a NULL in a NOT NULL column,
   *     STRING_DATA_RIGHT_TRUNCATION for a string longer than its VARCHAR(n) column
   */
  public void add(Object[] row) {
    if (root == null) {
      open(0);
    }
    check(row);
    if (lengths) {
      row = fitted(row);
    }
    for (int c = 0; c < writers.length; c++) {
      writers[c].set(rows, c < row.length ? row[c] : null);
    }
    rows++;
    total++;
    if (rows == segmentRows) {
      flush();
    }
  }

  /**
   * Checks a row as {@link #add(Object[])} would, adding nothing.
   *
   * @throws FloeException NOT_NULL_VIOLATION for a NULL in a NOT NULL column,
   *     STRING_DATA_RIGHT_TRUNCATION for a string longer than its VARCHAR(n) column
   */
  public void check(Object[] row) {
    for (int c = 0; c < schema.size(); c++) {
      if ((c >= row.length || row[c] == null) && !schema.column(c).nullable()) {
        Column col = schema.column(c);
        throw new FloeException(ErrorCode.NOT_NULL_VIOLATION, "null value in column '" + col.name()
            + "' of table '" + table.name() + "' violates its NOT NULL constraint; give it a value");
      }
      if (lengths && c < row.length) {
        StringLengths.fit(schema.column(c), table.name(), row[c]);
      }
    }
  }

  /** {@code row} with its strings fitted to their VARCHAR(n) columns (a copy only if one changed). */
  private Object[] fitted(Object[] row) {
    Object[] out = row;
    for (int c = 0; c < Math.min(row.length, schema.size()); c++) {
      Object v = StringLengths.fit(schema.column(c), table.name(), row[c]);
      if (v != row[c]) {
        if (out == row) {
          out = row.clone();
        }
        out[c] = v;
      }
    }
    return out;
  }

  /**
   * Adds every row of {@code batch} (values already their columns' values, NULLs only in nullable
   * columns), a column at a time; full segments are staged as with {@link #add(Object[])}.
   */
  public void add(ColumnBatch batch) {
    int n = batch.rows();
    int done = 0;
    while (done < n) {
      if (root == null) {
        open(Math.min(n - done, segmentRows));
      }
      int chunk = Math.min(n - done, segmentRows - rows);
      List<FieldVector> vectors = root.getFieldVectors();
      for (int c = 0; c < vectors.size(); c++) {
        batch.write(c, vectors.get(c), done, chunk, rows);
      }
      rows += chunk;
      total += chunk;
      done += chunk;
      if (rows == segmentRows) {
        flush();
      }
    }
  }

  /** New vectors, room for {@code capacity} rows when that is more than Arrow's default. */
  private void open(int capacity) {
    root = ArrowTypes.createRoot(schema, allocator);
    List<FieldVector> vectors = root.getFieldVectors();
    writers = new ColumnWriter[vectors.size()];
    for (int i = 0; i < writers.length; i++) {
      if (capacity > 4096) {
        vectors.get(i).setInitialCapacity(capacity);
      }
      vectors.get(i).allocateNew();
      writers[i] = ColumnWriter.of(vectors.get(i));
    }
  }

  /** Rows added so far. */
  public long rowCount() {
    return total;
  }

  /**
   * Writes every row added so far as staged segments (invisible to others) and returns all staged
   * segments, for a scan that reads its own uncommitted rows; {@link #commit} publishes them later.
   */
  public List<SegmentEntry> stageAll() {
    if (rows > 0) {
      flush();
    }
    return List.copyOf(staged);
  }

  /**
   * Writes every row added so far as staged segments and hands over the staged segments not
   * handed over before: a transaction takes them into its {@code PendingChanges}, which publishes
   * them. After this, {@link #commit} publishes only rows added later.
   */
  public List<SegmentEntry> drainStaged() {
    return drainStaged(true);
  }

  /** As {@link #drainStaged()}; without {@code flush}, rows not yet staged stay buffered (a rollback drops them). */
  public List<SegmentEntry> drainStaged(boolean flush) {
    if (flush && rows > 0) {
      flush();
    }
    List<SegmentEntry> out = List.copyOf(staged);
    staged.clear();
    total = 0;
    return out;
  }

  /** Writes {@code rows} (Calcite's internal representation) into the allocated vectors of {@code root}. */
  public static void fill(VectorSchemaRoot root, List<Object[]> rows) {
    List<FieldVector> vectors = root.getFieldVectors();
    ColumnWriter[] w = new ColumnWriter[vectors.size()];
    for (int c = 0; c < w.length; c++) {
      w[c] = ColumnWriter.of(vectors.get(c));
    }
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < w.length; c++) {
        w[c].set(r, rows.get(r)[c]);
      }
    }
    root.setRowCount(rows.size());
  }

  private void flush() {
    root.setRowCount(rows);
    staged.addAll(table.stage(root));
    root.close();
    root = null;
    rows = 0;
  }

  /**
   * Commits every row added as one commit.
   *
   * @return the number of rows committed
   */
  public long commit() {
    if (total == 0) {
      return 0;
    }
    if (staged.isEmpty()) {
      root.setRowCount(rows);
      if (base != null) {
        table.append(root, base);
      } else {
        table.append(root);
      }
    } else {
      if (rows > 0) {
        flush();
      }
      table.commitStaged(staged);
    }
    return total;
  }

  @Override
  public void close() {
    if (root != null) {
      root.close();
      root = null;
    }
    allocator.close();
  }
}
