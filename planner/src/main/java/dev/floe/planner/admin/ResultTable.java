package dev.floe.planner.admin;

import dev.floe.planner.FloeSchema;
import dev.floe.storage.table.FloeStore;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The result of a maintenance table function: fixed columns, and rows computed by running the
 * action against the connection's store when the statement executes (never while it is planned).
 */
public final class ResultTable extends AbstractTable implements ScannableTable {
  /** A result column. */
  record Col(String name, SqlTypeName type) {}

  private final List<Col> columns;
  private final Function<FloeStore, List<Object[]>> action;

  ResultTable(List<Col> columns, Function<FloeStore, List<Object[]>> action) {
    this.columns = List.copyOf(columns);
    this.action = action;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    RelDataTypeFactory.Builder b = f.builder();
    for (Col c : columns) {
      b.add(c.name(), f.createTypeWithNullability(f.createSqlType(c.type()), true));
    }
    return b.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    FloeStore store = store(root); // a read-only connection's store refuses every write of the action
    return Linq4j.asEnumerable(action.apply(store));
  }

  /** The store of the connection running the statement: the one under schema {@code floe}. */
  static FloeStore store(DataContext root) {
    SchemaPlus floe = root.getRootSchema().subSchemas().get("floe");
    FloeSchema schema = floe == null ? null : floe.unwrap(FloeSchema.class);
    if (schema == null) {
      throw new IllegalStateException("no Floe schema in this connection");
    }
    return schema.store();
  }
}
