package dev.floe.planner.system;

import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.Table;
import dev.floe.storage.table.VersionInfo;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code floe_system.versions}: one row per committed version of every table, oldest first: {@code
 * table_name}, {@code version}, {@code committed_at} (the commit's time in the session's time
 * zone, to the millisecond; {@code FOR SYSTEM_TIME AS OF} that value reads this version unless a
 * later one committed within the same millisecond), {@code operation} (CREATE, APPEND, DELETE,
 * UPDATE, OVERWRITE, ADD_COLUMN, COMMIT_STAGED, TRANSACTION, COMPACT, VACUUM, REPAIR), {@code
 * rows_added}, {@code rows_removed}, {@code row_count} (rows in the version) and {@code writer}
 * (the client that committed it). A damaged commit record (superseded by a REPAIR) has no row.
 */
final class VersionsTable extends SystemTable {
  VersionsTable(FloeStore store) {
    super(store, "versions");
  }

  @Override
  List<Col> columns() {
    return List.of(
        new Col("table_name", SqlTypeName.VARCHAR, false),
        new Col("version", SqlTypeName.BIGINT, false),
        new Col("committed_at", SqlTypeName.TIMESTAMP, false),
        new Col("operation", SqlTypeName.VARCHAR, false),
        new Col("rows_added", SqlTypeName.BIGINT, false),
        new Col("rows_removed", SqlTypeName.BIGINT, false),
        new Col("row_count", SqlTypeName.BIGINT, false),
        new Col("writer", SqlTypeName.VARCHAR, true));
  }

  @Override
  void rows(FloeStore store, TimeZone zone, List<Object[]> out) {
    for (String name : store.tables()) {
      Optional<Table> t = table(store, name);
      if (t.isEmpty()) {
        continue;
      }
      List<VersionInfo> history;
      try {
        history = t.get().versions(); // one read per 100 versions (the log's summaries)
      } catch (FloeException e) {
        if (e.code() == ErrorCode.TABLE_NOT_FOUND) {
          continue;
        }
        throw e;
      }
      for (VersionInfo v : history) {
        if (v.tombstone()) {
          continue; // dropped meanwhile: the table is gone
        }
        out.add(new Object[] {name, v.version(), timestamp(v.timestamp(), zone), v.operation().name(),
            v.rowsAdded(), v.rowsRemoved(), v.rowCount(), v.writerId()});
      }
    }
  }
}
