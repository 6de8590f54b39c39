package dev.floe.planner.system;

import dev.floe.storage.table.FloeStore;
import java.util.Map;
import java.util.TreeMap;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * Schema {@code information_schema}: the SQL standard's views of the catalog, as PostgreSQL and
 * DuckDB users query them: {@code tables} and {@code columns}, with the standard's column names
 * (a subset of them). Rows describe every schema the connection sees (user tables and views in
 * {@code floe}, {@code floe_system}, and this one), computed when a statement reads them.
 */
public final class InformationSchema extends AbstractSchema {
  /** The schema's name. */
  public static final String NAME = "information_schema";

  private final Map<String, Table> tables;

  /** The schema of a connection to {@code store} whose catalog is named {@code catalog}. */
  public InformationSchema(FloeStore store, String catalog) {
    this.tables = Map.of(
        "tables", new InfoTablesTable(store, catalog),
        "columns", new InfoColumnsTable(store, catalog));
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return new TreeMap<>(tables);
  }
}
