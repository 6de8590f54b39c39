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

  @Override
  String qualifiedName() {
    return InformationSchema.NAME + "." + name;
  }

  @Override
  void rows(FloeStore store, TimeZone zone, List<Object[]> out) {
    throw new IllegalStateException(qualifiedName() + " reads the connection's catalog, not the store");
  }
}
