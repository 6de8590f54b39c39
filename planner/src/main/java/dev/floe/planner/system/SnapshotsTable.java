package dev.floe.planner.system;

import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code floe_system.snapshots}: one row per table of each named snapshot: {@code snapshot_name},
 * {@code created_at}, {@code table_name} and the pinned {@code version} (read it with {@code
 * floe.at_version}, or open a connection with {@code snapshot=NAME}).
 */
final class SnapshotsTable extends SystemTable {
  SnapshotsTable(FloeStore store) {
    super(store, "snapshots");
  }

  @Override
  List<Col> columns() {
    return List.of(
        new Col("snapshot_name", SqlTypeName.VARCHAR, false),
        new Col("created_at", SqlTypeName.TIMESTAMP, false),
        new Col("table_name", SqlTypeName.VARCHAR, false),
        new Col("version", SqlTypeName.BIGINT, false));
  }

  @Override
  void rows(FloeStore store, TimeZone zone, List<Object[]> out) {
    for (Snapshot s : store.snapshots()) {
      for (Map.Entry<String, Long> e : new TreeMap<>(s.versions()).entrySet()) {
        out.add(new Object[] {s.name(), timestamp(s.created(), zone), e.getKey(), e.getValue()});
      }
    }
  }
}
