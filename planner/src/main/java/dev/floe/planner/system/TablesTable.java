package dev.floe.planner.system;

import dev.floe.storage.Column;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.Table;
import dev.floe.storage.table.TableVersion;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code floe_system.tables}: one row per table, from its latest version: {@code table_name},
 * {@code version}, {@code row_count}, {@code column_count}, {@code columns} (as CREATE TABLE lists
 * them: {@code id INTEGER NOT NULL, v VARCHAR}), {@code primary_key} (comma-separated, NULL if
 * none), {@code segment_count}, {@code created_at} (version 0's commit time) and {@code
 * committed_at} (the latest version's).
 */
final class TablesTable extends SystemTable {
  TablesTable(FloeStore store) {
    super(store, "tables");
  }

  @Override
  List<Col> columns() {
    return List.of(
        new Col("table_name", SqlTypeName.VARCHAR, false),
        new Col("version", SqlTypeName.BIGINT, false),
        new Col("row_count", SqlTypeName.BIGINT, false),
        new Col("column_count", SqlTypeName.INTEGER, false),
        new Col("columns", SqlTypeName.VARCHAR, false),
        new Col("primary_key", SqlTypeName.VARCHAR, true),
        new Col("segment_count", SqlTypeName.INTEGER, false),
        new Col("created_at", SqlTypeName.TIMESTAMP, false),
        new Col("committed_at", SqlTypeName.TIMESTAMP, false));
  }

  @Override
  void rows(FloeStore store, TimeZone zone, List<Object[]> out) {
    for (String name : store.tables()) {
      Optional<Table> t = table(store, name);
      if (t.isEmpty()) {
        continue;
      }
      TableVersion latest;
      TableVersion first;
      try {
        latest = t.get().latest();
        first = latest.version() == 0 ? latest : t.get().version(0);
      } catch (FloeException e) {
        if (e.code() == ErrorCode.TABLE_NOT_FOUND) {
          continue; // dropped meanwhile
        }
        throw e;
      }
      List<Column> cols = latest.schema().columns();
      List<String> key = latest.schema().primaryKey();
      out.add(new Object[] {name, latest.version(), latest.rowCount(), cols.size(),
          cols.stream().map(TablesTable::describe).collect(Collectors.joining(", ")),
          key.isEmpty() ? null : String.join(", ", key), latest.segments().size(),
          timestamp(first.timestamp(), zone), timestamp(latest.timestamp(), zone)});
    }
  }

  private static String describe(Column c) {
    String type = c.sqlType().replace("TIMESTAMP_LTZ", "TIMESTAMP WITH LOCAL TIME ZONE")
        .replace(",", ", ");
    return c.name() + " " + type + (c.nullable() ? "" : " NOT NULL");
  }
}
