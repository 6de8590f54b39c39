package dev.floe.planner.csv;

import dev.floe.planner.types.FloeTypes;
import dev.floe.storage.ColumnType;
import java.util.NoSuchElementException;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A CSV file as a table: each scan reads the file again from the start, streaming, and fails with
 * the line and column of the first field that does not parse as its column's type or the first
 * ragged line. Columns are all nullable. Every scan asks the connection's {@link FileAccess} again,
 * so a prepared statement stops reading once the connection may no longer read the file.
 */
public final class CsvTable extends AbstractTable implements ScannableTable, TranslatableTable {
  private static final int PROGRESS_EVERY = 8192;

  private final String file;
  private final FileAccess access;
  private final CsvSchema schema;
  private final char delimiter;

  /**
   * The file {@code file} (as the statement names it), opened only if {@code access} allows it,
   * its fields separated by {@code delimiter}.
   */
  CsvTable(String file, FileAccess access, CsvSchema schema, char delimiter) {
    this.file = file;
    this.access = access;
    this.schema = schema;
    this.delimiter = delimiter;
  }

  CsvSchema schema() {
    return schema;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    dev.floe.planner.PlanRecorder.uncacheable(); // the file's shape is fixed at planning

    RelDataTypeFactory.Builder b = f.builder();
    for (int i = 0; i < schema.names().size(); i++) {
      b.add(schema.names().get(i), FloeTypes.toRelType(schema.types().get(i), true, f));
    }
    return b.build();
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return new CsvScan(context.getCluster(), relOptTable, this);
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new Rows(CsvCursor.open(file, access.check(file), delimiter)); // checked again: the policy may have changed
      }
    };
  }

  /** The file's rows, converted; reports progress to {@link CsvProgress}. */
  private final class Rows implements Enumerator<Object[]> {
    private final CsvCursor cursor;
    private final CsvProgress.Listener listener = CsvProgress.current();
    private Object[] current;
    private long rows;
    private boolean closed;

    Rows(CsvCursor cursor) {
      this.cursor = cursor;
      if (cursor.header().size() != schema.names().size()) {
        cursor.close();
        throw new CsvException(CsvException.Kind.BAD_FORMAT, "CSV file '" + cursor.file() + "' now has "
            + cursor.header().size() + " columns where it had " + schema.names().size()
            + " when the statement was prepared; prepare the statement again");
      }
    }

    @Override
    public Object[] current() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return current;
    }

    @Override
    public boolean moveNext() {
      String[] fields = cursor.next();
      if (fields == null) {
        current = null;
        close();
        return false;
      }
      Object[] row = new Object[fields.length];
      for (int i = 0; i < fields.length; i++) {
        if (fields[i] != null) {
          ColumnType type = schema.types().get(i);
          try {
            row[i] = CsvValues.parse(type, fields[i]);
          } catch (IllegalArgumentException e) {
            // no cause: the value's text must not reach a message, and the name only if the statement gave it
            throw new CsvException(CsvException.Kind.BAD_VALUE, "CSV file '" + cursor.file() + "', line "
                + cursor.line() + ", column " + (i + 1) + (schema.declared() ? " (" + schema.names().get(i) + ")" : "")
                + ": " + e.getMessage() + "; fix the value, or read the column as VARCHAR and convert it in SQL");
          }
        }
      }
      current = row;
      if (++rows % PROGRESS_EVERY == 0 && listener != null) {
        listener.progress(cursor.file(), cursor.bytesRead(), cursor.size(), rows);
      }
      return true;
    }

    @Override
    public void reset() {
      throw new UnsupportedOperationException("a CSV scan cannot restart");
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        cursor.close();
        if (listener != null) {
          listener.finished(cursor.file(), rows);
        }
      }
    }
  }
}
