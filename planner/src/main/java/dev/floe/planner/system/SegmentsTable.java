package dev.floe.planner.system;

import dev.floe.storage.Column;
import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import dev.floe.storage.segment.ColumnStats;
import dev.floe.storage.segment.SegmentFooter;
import dev.floe.storage.table.FloeStore;
import dev.floe.storage.table.SegmentEntry;
import dev.floe.storage.table.Table;
import dev.floe.storage.table.TableVersion;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code floe_system.segments}: one row per segment of the latest version of every table: {@code
 * table_name}, {@code version} (that latest version), {@code segment_key} (relative to the table's
 * root), {@code row_count} (the rows that exist: the segment's rows less those its deletion vector
 * deletes), {@code bytes} (the object's size) and {@code stats}, the footer's per-column statistics
 * of every row written to the segment, as one string ({@link StatsText}), e.g. {@code id: min=1,
 * max=4, nulls=0; v: min='a', max='d', nulls=1}: bounds of the rows that exist, not counts of them.
 */
final class SegmentsTable extends SystemTable {
  SegmentsTable(FloeStore store) {
    super(store, "segments");
  }

  @Override
  List<Col> columns() {
    return List.of(
        new Col("table_name", SqlTypeName.VARCHAR, false),
        new Col("version", SqlTypeName.BIGINT, false),
        new Col("segment_key", SqlTypeName.VARCHAR, false),
        new Col("row_count", SqlTypeName.BIGINT, false),
        new Col("bytes", SqlTypeName.BIGINT, false),
        new Col("stats", SqlTypeName.VARCHAR, false));
  }

  @Override
  void rows(FloeStore store, TimeZone zone, List<Object[]> out) {
    for (String name : store.tables()) {
      Optional<Table> t = table(store, name);
      if (t.isEmpty()) {
        continue;
      }
      TableVersion latest;
      List<SegmentEntry> segments;
      try {
        latest = t.get().latest();
        segments = latest.segments();
      } catch (FloeException e) {
        if (e.code() == ErrorCode.TABLE_NOT_FOUND || e.code() == ErrorCode.CORRUPT_OBJECT
            || e.code() == ErrorCode.MISSING_OBJECT) {
          continue; // dropped meanwhile, or damaged: floe_system.tables shows why (status, damage)
        }
        throw e;
      }
      List<Column> cols = latest.schema().columns();
      for (SegmentEntry e : segments) {
        SegmentFooter footer = SegmentFooter.fromBytes(e.footer(), e.key());
        StringBuilder stats = new StringBuilder();
        for (Column c : cols) {
          ColumnStats s = footer.stats(c.id());
          stats.append(stats.length() == 0 ? "" : "; ").append(c.name()).append(": ").append(StatsText.of(s, c.type()));
        }
        out.add(new Object[] {name, latest.version(), e.key(), e.liveRows(), e.sizeBytes(), stats.toString()});
      }
    }
  }
}
