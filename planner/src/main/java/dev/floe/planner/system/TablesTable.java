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
 * committed_at} (the latest version's), {@code status} ({@code ok}, or {@code damaged} when the
 * latest version or a manifest of it fails its checks: then the columns that need it are NULL) and
 * {@code damage} (NULL, or the error naming the damaged object; {@code floe.repair('t')} fixes it).
 * A damaged table is listed, never left out.
 */
final class TablesTable extends SystemTable {
  TablesTable(FloeStore store) {
    super(store, "tables");
  }

  @Override
  List<Col> columns() {
    return List.of(
        new Col("table_name", SqlTypeName.VARCHAR, false),
        new Col("version", SqlTypeName.BIGINT, true),
        new Col("row_count", SqlTypeName.BIGINT, true),
        new Col("column_count", SqlTypeName.INTEGER, true),
        new Col("columns", SqlTypeName.VARCHAR, true),
        new Col("primary_key", SqlTypeName.VARCHAR, true),
        new Col("segment_count", SqlTypeName.INTEGER, true),
        new Col("created_at", SqlTypeName.TIMESTAMP, true),
        new Col("committed_at", SqlTypeName.TIMESTAMP, true),
        new Col("status", SqlTypeName.VARCHAR, false),
        new Col("damage", SqlTypeName.VARCHAR, true));
  }

  @Override
  void rows(FloeStore store, TimeZone zone, List<Object[]> out) {
    for (String name : store.tables()) {
      Optional<Table> t = table(store, name);
      if (t.isEmpty()) {
        continue;
      }
      try {
        TableVersion latest = t.get().latest();
        TableVersion first = latest.version() == 0 ? latest : t.get().version(0);
        List<Column> cols = latest.schema().columns();
        List<String> key = latest.schema().primaryKey();
        out.add(new Object[] {name, latest.version(), latest.rowCount(), cols.size(),
            cols.stream().map(TablesTable::describe).collect(Collectors.joining(", ")),
            key.isEmpty() ? null : String.join(", ", key), latest.segments().size(),
            timestamp(first.timestamp(), zone), timestamp(latest.timestamp(), zone), "ok", null});
      } catch (FloeException e) {
        if (e.code() == ErrorCode.TABLE_NOT_FOUND) {
          continue; // dropped meanwhile
        }
        if (e.code() != ErrorCode.CORRUPT_OBJECT && e.code() != ErrorCode.MISSING_OBJECT) {
          throw e;
        }
        out.add(new Object[] {name, null, null, null, null, null, null, null, null, "damaged", e.getMessage()});
      }
    }
  }

  private static String describe(Column c) {
    String type = c.sqlType().replace("TIMESTAMP_LTZ", "TIMESTAMP WITH LOCAL TIME ZONE")
        .replace(",", ", ");
    return c.name() + " " + type + (c.nullable() ? "" : " NOT NULL");
  }
}
