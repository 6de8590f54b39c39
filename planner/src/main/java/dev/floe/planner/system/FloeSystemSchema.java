package dev.floe.planner.system;

import dev.floe.storage.table.FloeStore;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * Schema {@code floe_system}: read-only tables about the store, each computed when a statement
 * reads it: {@code tables}, {@code versions}, {@code segments}, {@code snapshots} and {@code
 * chunk_cache} (the JVM's, not the store's).
 */
public final class FloeSystemSchema extends AbstractSchema {
  /** The schema's name. */
  public static final String NAME = "floe_system";

  private final Map<String, Table> tables;

  public FloeSystemSchema(FloeStore store) {
    this.tables = Map.of(
        "tables", new TablesTable(store),
        "versions", new VersionsTable(store),
        "segments", new SegmentsTable(store),
        "snapshots", new SnapshotsTable(store),
        "chunk_cache", new ChunkCacheTable(store));
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return new java.util.TreeMap<>(tables);
  }
}
