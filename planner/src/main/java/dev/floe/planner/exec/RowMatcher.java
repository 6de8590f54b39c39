package dev.floe.planner.exec;

import dev.floe.planner.pushdown.FilterBinder;
import dev.floe.storage.Schema;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.table.RowFilter;
import dev.floe.storage.table.RowUpdate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * The rows a general DELETE or UPDATE changes, found by Calcite (any WHERE clause, subqueries
 * included) and matched back to stored rows by their values: a stored row is changed when its
 * values, read as Calcite reads them, equal those of a row Calcite produced. Rows with equal values
 * are indistinguishable to a deterministic WHERE clause, so they are all changed or none is. Holds
 * every changed row in memory.
 */
public final class RowMatcher {
  /** Most rows one general DELETE or UPDATE may change; beyond, the statement fails and changes nothing. */
  static final int MAX_ROWS = 5_000_000;

  private final Schema schema;
  private final Map<List<Object>, Object[]> changes = new HashMap<>();
  private VectorSchemaRoot readersOf;
  private ColumnReader[] readers;

  private RowMatcher(Schema schema) {
    this.schema = schema;
  }

  /**
   * Collects the rows Calcite produced: the table's columns first (Calcite's internal
   * representation), then for an UPDATE the new value of each assigned column at {@code sources}.
   *
   * @param table the table's name, for messages
   * @param assigned the schema indexes of the assigned columns (empty for DELETE)
   * @throws FloeException NOT_NULL_VIOLATION or STRING_DATA_RIGHT_TRUNCATION for a new value its
   *     column cannot hold
   */
  public static RowMatcher collect(String table, Schema schema, Enumerable<?> rows, boolean scalar, int[] assigned,
      int[] sources) {
    RowMatcher m = new RowMatcher(schema);
    int n = schema.size();
    try (Enumerator<?> e = rows.enumerator()) {
      while (e.moveNext()) {
        Object o = e.current();
        Object[] row = scalar || !(o instanceof Object[]) ? new Object[] {o} : (Object[]) o;
        Object[] values = new Object[assigned.length];
        for (int i = 0; i < assigned.length; i++) {
          dev.floe.storage.Column column = schema.column(assigned[i]);
          values[i] = StringLengths.fit(column, table, FilterBinder.fromInternal(row[sources[i]], column.type()));
          if (values[i] == null && !column.nullable()) {
            throw new FloeException(ErrorCode.NOT_NULL_VIOLATION, "null value in column '" + column.name()
                + "' violates its NOT NULL constraint; nothing was changed; give it a value");
          }
        }
        m.changes.putIfAbsent(Arrays.asList(Arrays.copyOf(row, n)), values);
        if (m.changes.size() > MAX_ROWS) {
          throw new FloeException(ErrorCode.INVALID_ARGUMENT, "this DELETE or UPDATE changes more than "
              + MAX_ROWS + " distinct rows through a WHERE clause or SET values that Floe computes row by"
              + " row; nothing was changed; split it into smaller statements, or use a WHERE clause of"
              + " plain column comparisons, which has no such limit");
        }
      }
    }
    return m;
  }

  /** Whether Calcite produced no row: nothing to change. */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** Accepts the stored rows whose values equal a collected row's. */
  public RowFilter filter() {
    return (rows, row) -> changes.containsKey(key(rows, row));
  }

  /** The new values of a stored row the filter accepted, in the physical domain. */
  public RowUpdate update() {
    return (rows, row) -> changes.get(key(rows, row));
  }

  private List<Object> key(VectorSchemaRoot rows, int row) {
    if (rows != readersOf) {
      readers = new ColumnReader[schema.size()];
      for (int c = 0; c < readers.length; c++) {
        readers[c] = ColumnReader.of(rows.getVector(c));
      }
      readersOf = rows;
    }
    Object[] key = new Object[readers.length];
    for (int c = 0; c < key.length; c++) {
      key[c] = readers[c].get(row);
    }
    return Arrays.asList(key);
  }
}
