package dev.floe.planner.system;

import dev.floe.storage.commit.FloeException;
import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A read-only table of {@code floe_system}: a fixed row type, and rows computed from the store
 * when a statement scans it (so they are as current as that statement). JDBC metadata reports it
 * as a {@code SYSTEM TABLE}; INSERT, UPDATE and DELETE are refused (0A000).
 */
abstract class SystemTable extends AbstractTable implements ScannableTable {
  /** A column: name, type, nullability. */
  record Col(String name, SqlTypeName type, boolean nullable) {}

  private final FloeStore store;
  private final String name;

  SystemTable(FloeStore store, String name) {
    this.store = store;
    this.name = name;
  }

  /** The table's qualified name. */
  String qualifiedName() {
    return FloeSystemSchema.NAME + "." + name;
  }

  private UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException("changing " + qualifiedName() + ": system tables are read-only;"
        + " they change as the tables they describe do");
  }

  /**
   * Refuses INSERT, UPDATE, DELETE and MERGE (0A000) where Calcite first looks at a target table:
   * its column strategies (every column has a "default", so the validator asks for no value and
   * the default is asked for, and refused, when the INSERT is converted), and whether it is
   * modifiable.
   */
  @Override
  public <C> C unwrap(Class<C> c) {
    if (c == org.apache.calcite.schema.ModifiableTable.class) {
      throw readOnly();
    }
    if (c == org.apache.calcite.sql2rel.InitializerExpressionFactory.class) {
      return c.cast(new org.apache.calcite.sql2rel.NullInitializerExpressionFactory() {
        @Override
        public org.apache.calcite.schema.ColumnStrategy generationStrategy(org.apache.calcite.plan.RelOptTable table,
            int column) {
          return org.apache.calcite.schema.ColumnStrategy.DEFAULT;
        }

        @Override
        public org.apache.calcite.rex.RexNode newColumnDefaultValue(org.apache.calcite.plan.RelOptTable table,
            int column, org.apache.calcite.sql2rel.InitializerContext context) {
          throw readOnly();
        }
      });
    }
    return super.unwrap(c);
  }

  /** The columns, in order. */
  abstract List<Col> columns();

  /**
   * The rows, each value in Calcite's internal representation (TIMESTAMP: milliseconds of the
   * local date-time in {@code zone}, counted as if UTC).
   */
  abstract void rows(FloeStore store, TimeZone zone, List<Object[]> out);

  /** The rows as {@link #rows(FloeStore, TimeZone, List)} gives them; a table about the catalog reads {@code root}. */
  void rows(DataContext root, TimeZone zone, List<Object[]> out) {
    rows(store, zone, out);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder b = typeFactory.builder();
    for (Col c : columns()) {
      RelDataType t = c.type() == SqlTypeName.TIMESTAMP ? typeFactory.createSqlType(c.type(), 3)
          : typeFactory.createSqlType(c.type());
      b.add(c.name(), typeFactory.createTypeWithNullability(t, c.nullable()));
    }
    return b.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    Object tz = root.get(DataContext.Variable.TIME_ZONE.camelName);
    List<Object[]> rows = new ArrayList<>();
    rows(root, tz instanceof TimeZone z ? z : TimeZone.getDefault(), rows);
    return Linq4j.asEnumerable(rows);
  }

  @Override
  public Schema.TableType getJdbcTableType() {
    return Schema.TableType.SYSTEM_TABLE;
  }

  /** A commit time as a TIMESTAMP in {@code zone}, truncated to milliseconds. */
  static long timestamp(Instant t, TimeZone zone) {
    long ms = t.toEpochMilli();
    return ms + zone.getOffset(ms);
  }

  /** The table named {@code name}, or empty if it was dropped since the catalog was listed. */
  static Optional<Table> table(FloeStore store, String name) {
    try {
      return store.find(name);
    } catch (FloeException e) {
      return Optional.empty();
    }
  }
}
