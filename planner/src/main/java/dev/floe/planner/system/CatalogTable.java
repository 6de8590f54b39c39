package dev.floe.planner.system;

import dev.floe.storage.table.FloeStore;
import java.util.List;
import java.util.TimeZone;

/** A table of {@code information_schema}: its rows come from the connection's catalog, not the store. */
abstract class CatalogTable extends SystemTable {
  /** The catalog name its rows give as {@code table_catalog}. */
  final String catalog;
  private final String name;

  CatalogTable(FloeStore store, String name, String catalog) {
    super(store, name);
    this.name = name;
    this.catalog = catalog;
  }

  /** The columns naming a table, first in each of its tables: table_catalog, table_schema, table_name. */
  static List<Col> withNameColumns(Col... more) {
    List<Col> cols = new java.util.ArrayList<>(List.of(
        new Col("table_catalog", org.apache.calcite.sql.type.SqlTypeName.VARCHAR, false),
        new Col("table_schema", org.apache.calcite.sql.type.SqlTypeName.VARCHAR, false),
        new Col("table_name", org.apache.calcite.sql.type.SqlTypeName.VARCHAR, false)));
    cols.addAll(List.of(more));
    return List.copyOf(cols);
  }

  @Override
  String qualifiedName() {
    return InformationSchema.NAME + "." + name;
  }

  @Override
  void rows(FloeStore store, TimeZone zone, List<Object[]> out) {
    throw new IllegalStateException(qualifiedName() + " reads the connection's catalog, not the store");
  }
}
