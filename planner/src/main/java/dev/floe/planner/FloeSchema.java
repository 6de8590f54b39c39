package dev.floe.planner;

import dev.floe.storage.table.FloeStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The Calcite schema over a Floe root: one {@link FloeTable} per table in the catalog. The table
 * map is read again (one LIST of the catalog) whenever Calcite asks, so tables created or dropped
 * by any client are seen by the next statement.
 */
public final class FloeSchema extends AbstractSchema {
  private final FloeStore store;
  private final boolean pushdown;
  private final Map<String, Long> pinned;

  public FloeSchema(FloeStore store, boolean pushdown) {
    this(store, pushdown, null);
  }

  /**
   * @param pushdown false to keep every filter and projection in Calcite's plan (for checking
   *     that pushdown never changes an answer); scans then read every column of every segment
   * @param pinned for a connection opened on a named snapshot, the version of each table it reads
   *     (only these tables are seen, and none can be written); null for the latest versions
   */
  public FloeSchema(FloeStore store, boolean pushdown, Map<String, Long> pinned) {
    this.store = store;
    this.pushdown = pushdown;
    this.pinned = pinned == null ? null : Map.copyOf(pinned);
  }

  /** The root this schema reads. */
  public FloeStore store() {
    return store;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    Map<String, Table> tables = new LinkedHashMap<>();
    for (String name : store.tables()) {
      if (pinned == null) {
        tables.put(name, new FloeTable(store, name, pushdown, null));
      } else if (pinned.containsKey(name)) {
        tables.put(name, new FloeTable(store, name, pushdown, pinned.get(name)));
      }
    }
    return tables;
  }

  /**
   * The markers {@code floe.at_version} and {@code floe.at_snapshot} are rewritten to ({@link
   * AtVersion}, {@link AtSnapshot}).
   */
  @Override
  protected com.google.common.collect.Multimap<String, org.apache.calcite.schema.Function> getFunctionMultimap() {
    return com.google.common.collect.ImmutableMultimap.of(AtVersion.MARKER, AtVersion.MARKER_FUNCTION,
        AtSnapshot.MARKER, AtSnapshot.MARKER_FUNCTION);
  }

  @Override
  public boolean isMutable() {
    return true;
  }
}
