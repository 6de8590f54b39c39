package dev.floe.planner;

import java.util.List;
import org.apache.calcite.adapter.java.AbstractQueryableTable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.QueryableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.schema.impl.AbstractTableQueryable;
import org.apache.calcite.schema.impl.TableFunctionImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * PostgreSQL's {@code generate_series(start, stop [, step])} over whole numbers: one BIGINT
 * column named {@code generate_series}, from {@code start} to {@code stop} inclusive by {@code
 * step} (default 1; negative counts down); no rows when the range is empty or an argument is NULL.
 * A step of 0 is an error (22023), as in PostgreSQL (when the step is a literal, as the statement is prepared). Rows are produced as they are read.
 */
public final class GenerateSeries {
  private GenerateSeries() {}

  /** The function's name. */
  public static final String NAME = "generate_series";

  /** Its two overloads (without and with a step), to register under {@link #NAME}. */
  public static List<TableFunction> overloads() {
    try {
      return List.of(
          TableFunctionImpl.create(GenerateSeries.class.getMethod("series", Long.class, Long.class)),
          TableFunctionImpl.create(GenerateSeries.class.getMethod("series", Long.class, Long.class, Long.class)));
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  /** {@code generate_series(start, stop)}; public for Calcite's reflection. */
  public static QueryableTable series(Long start, Long stop) {
    return series(start, stop, 1L);
  }

  /**
   * {@code generate_series(start, stop, step)}; public for Calcite's reflection, which also calls it
   * with NULL for arguments that are not literals, to learn the row type.
   */
  public static QueryableTable series(Long start, Long stop, Long step) {
    if (step != null && step == 0) {
      throw new IllegalArgumentException(new java.sql.SQLDataException("generate_series: step size cannot equal"
          + " zero; give a positive step to count up or a negative one to count down", "22023"));
    }
    return new Series(start, stop, step);
  }

  /**
   * The rows, as a queryable table of {@code Long}s: Calcite's table-function scan reads a
   * one-column {@link org.apache.calcite.schema.ScannableTable} as arrays but sorts it as scalars,
   * so {@code ORDER BY} over one printed {@code Object[]}s.
   */
  private static final class Series extends AbstractQueryableTable {
    private final Long start;
    private final Long stop;
    private final Long step;

    Series(Long start, Long stop, Long step) {
      super(Long.class);
      this.start = start;
      this.stop = stop;
      this.step = step;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return typeFactory.builder().add(NAME, SqlTypeName.BIGINT).build();
    }

    @SuppressWarnings("unchecked")
    @Override
    public <T> Queryable<T> asQueryable(QueryProvider queryProvider, SchemaPlus schema, String tableName) {
      return (Queryable<T>) new AbstractTableQueryable<Long>(queryProvider, schema, this, tableName) {
        @Override
        public Enumerator<Long> enumerator() {
          return new Values();
        }
      };
    }

    /** start, start + step, ... up to stop; nothing if an argument is NULL. */
    private final class Values implements Enumerator<Long> {
      private long next;
      private Long current;
      private boolean done;

      Values() {
        reset();
      }

      @Override
      public Long current() {
        return current;
      }

      @Override
      public boolean moveNext() {
        if (done || (step > 0 ? next > stop : next < stop)) {
          done = true;
          return false;
        }
        current = next;
        try {
          next = Math.addExact(next, step);
        } catch (ArithmeticException overflow) {
          done = true; // current is the last value that fits
          next = current;
        }
        return true;
      }

      @Override
      public void reset() {
        next = start == null ? 0 : start;
        done = start == null || stop == null || step == null;
      }

      @Override
      public void close() {}
    }
  }
}
