package dev.floe.planner.system;

import dev.floe.storage.table.FloeStore;
import java.util.List;
import java.util.TimeZone;
import org.apache.calcite.DataContext;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code information_schema.tables}: one row per table or view the connection sees: {@code
 * table_catalog}, {@code table_schema}, {@code table_name}, {@code table_type} ({@code BASE TABLE},
 * {@code VIEW}, or {@code SYSTEM TABLE} for {@code floe_system} and {@code information_schema}).
 */
final class InfoTablesTable extends CatalogTable {
  InfoTablesTable(FloeStore store, String catalog) {
    super(store, "tables", catalog);
  }

  @Override
  List<Col> columns() {
    return withNameColumns(
        new Col("table_type", SqlTypeName.VARCHAR, false));
  }

  @Override
  void rows(DataContext root, TimeZone zone, List<Object[]> out) {
    for (CatalogWalk.Entry e : CatalogWalk.tables(root)) {
      out.add(new Object[] {catalog, e.schema(), e.name(), e.type()});
    }
  }
}
