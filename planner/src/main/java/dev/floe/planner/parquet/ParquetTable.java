package dev.floe.planner.parquet;

import dev.floe.planner.csv.FileAccess;
import dev.floe.planner.types.FloeTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.parquet.FloeParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Parquet files as one table ({@code floe.read_parquet}): the columns of the first file, which
 * every other file must repeat (same names and types, in order). A scan decodes only the columns
 * the query uses and skips row groups whose footer statistics exclude the pushed conditions ({@link
 * RowGroupFilter}); Calcite still evaluates every condition on the rows read. Each scan opens the
 * files again, local ones only where the connection's {@link FileAccess} allows at that moment.
 * Columns are all nullable.
 */
final class ParquetTable extends AbstractTable implements ProjectableFilterableTable, TranslatableTable {
  private final List<ParquetSource> files;
  private final FileAccess access;
  private final List<ParquetColumn> columns;

  ParquetTable(List<ParquetSource> files, FileAccess access, List<ParquetColumn> columns) {
    this.files = List.copyOf(files);
    this.access = access;
    this.columns = List.copyOf(columns);
  }

  List<ParquetColumn> columns() {
    return columns;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    dev.floe.planner.PlanRecorder.uncacheable(); // the files' shape is fixed at planning
    RelDataTypeFactory.Builder b = f.builder();
    for (ParquetColumn c : columns) {
      b.add(c.name(), FloeTypes.toRelType(c.type(), true, f));
    }
    return b.build();
  }

  /**
   * Calcite's bindable scan, which its rules give the query's projection and filters ({@link #scan})
   * and which finds this table through the plan, not through a schema path (a table function's table
   * has none, so the enumerable scan could not find it).
   */
  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return Bindables.BindableTableScan.create(context.getCluster(), relOptTable);
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters, int[] projects) {
    int[] wanted = projects != null ? projects.clone() : java.util.stream.IntStream.range(0, columns.size()).toArray();
    FilterCompat.Filter filter = RowGroupFilter.of(filters, columns);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new Rows(wanted, filter);
      }
    };
  }

  /** The rows of every file in turn, {@code wanted} columns each. */
  private final class Rows implements Enumerator<Object[]> {
    private final int[] wanted;
    /** The requested columns in file order, and where each wanted column sits among them. */
    private final List<ParquetColumn> requested = new ArrayList<>();
    private final int[] slotOf;
    private final FilterCompat.Filter filter;
    private int file = -1;
    private ParquetFileReader reader;
    private MessageType schema;
    /** One reader per requested column (flat columns: one value or null per row), and their materializer. */
    private ColumnReader[] readers = new ColumnReader[0];
    private int[] maxDefinition = new int[0];
    private ParquetRecords records;
    private long left;
    private Object[] current;

    Rows(int[] wanted, FilterCompat.Filter filter) {
      this.wanted = wanted;
      this.filter = filter;
      boolean[] used = new boolean[columns.size()];
      for (int w : wanted) {
        used[w] = true;
      }
      int[] slot = new int[columns.size()];
      for (int i = 0; i < columns.size(); i++) {
        if (used[i]) {
          slot[i] = requested.size();
          requested.add(columns.get(i));
        }
      }
      slotOf = new int[wanted.length];
      for (int k = 0; k < wanted.length; k++) {
        slotOf[k] = slot[wanted[k]];
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
      try {
        while (left == 0) {
          if (!nextRowGroup()) {
            current = null;
            close();
            return false;
          }
        }
        left--;
        Object[] decoded = requested.isEmpty() ? new Object[0] : decode();
        Object[] row = new Object[wanted.length];
        for (int k = 0; k < wanted.length; k++) {
          row[k] = decoded[slotOf[k]];
        }
        current = row;
        return true;
      } catch (IOException | RuntimeException e) {
        String name = file >= 0 && file < files.size() ? files.get(file).name() : files.get(0).name();
        close();
        throw ReadParquet.failure(name, e);
      }
    }

    /** The next row of the requested columns, column by column (no record assembly: the columns are flat). */
    private Object[] decode() {
      records.getRootConverter().start();
      for (int c = 0; c < readers.length; c++) {
        ColumnReader r = readers[c];
        if (r.getCurrentDefinitionLevel() == maxDefinition[c]) {
          r.writeCurrentValueToConverter();
        }
        r.consume();
      }
      return records.getCurrentRecord();
    }

    /** Moves to the next row group that the filter may match, opening files as needed. */
    private boolean nextRowGroup() throws IOException {
      while (true) {
        if (reader != null) {
          PageReadStore pages = reader.readNextFilteredRowGroup();
          if (pages != null) {
            ParquetMetrics.READ.increment();
            ParquetMetrics.COLUMNS.add(requested.size());
            left = pages.getRowCount();
            if (!requested.isEmpty()) {
              MessageType projection = new MessageType(schema.getName(), requested.stream()
                  .map(c -> (Type) schema.getType(c.name())).toList());
              records = new ParquetRecords(requested);
              ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, records.getRootConverter(), projection,
                  reader.getFileMetaData().getCreatedBy());
              List<ColumnDescriptor> descriptors = projection.getColumns();
              readers = new ColumnReader[descriptors.size()];
              maxDefinition = new int[descriptors.size()];
              for (int c = 0; c < readers.length; c++) {
                readers[c] = store.getColumnReader(descriptors.get(c));
                maxDefinition[c] = descriptors.get(c).getMaxDefinitionLevel();
              }
            }
            return true;
          }
          reader.close();
          reader = null;
        }
        if (++file >= files.size()) {
          return false;
        }
        ParquetSource source = files.get(file);
        reader = ParquetFileReader.open(source.open(access), FloeParquetReadOptions.of(ParquetCodecs.INSTANCE, filter));
        schema = reader.getFooter().getFileMetaData().getSchema();
        ReadParquet.sameColumns(columns, ParquetColumn.of(schema, source.name()), files.get(0).name(), source.name());
        ParquetMetrics.SKIPPED.add(reader.getFooter().getBlocks().size() - reader.getRowGroups().size());
        reader.setRequestedSchema(requested.isEmpty() ? List.of() : new MessageType(schema.getName(),
            requested.stream().map(c -> (Type) schema.getType(c.name())).toList()).getColumns());
      }
    }

    @Override
    public void reset() {
      throw new UnsupportedOperationException("a Parquet scan cannot restart");
    }

    @Override
    public void close() {
      if (reader != null) {
        try {
          reader.close();
        } catch (IOException e) {
          // nothing left to read from it
        }
        reader = null;
      }
      file = files.size();
      left = 0;
    }
  }
}
