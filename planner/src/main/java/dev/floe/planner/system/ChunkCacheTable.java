package dev.floe.planner.system;

import dev.floe.storage.segment.ChunkCache;
import dev.floe.storage.table.FloeStore;
import java.util.List;
import java.util.TimeZone;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code floe_system.chunk_cache}: one row about the JVM's cache of decoded column chunks, which
 * every connection of the JVM shares: {@code entries}, {@code bytes} (heap held, an estimate),
 * {@code capacity_bytes} (the bound, {@code floe.chunkCacheBytes}), and since the JVM's first
 * connection {@code hits}, {@code misses} (chunks fetched and decoded instead) and {@code evictions}.
 */
final class ChunkCacheTable extends SystemTable {
  ChunkCacheTable(FloeStore store) {
    super(store, "chunk_cache");
  }

  @Override
  List<Col> columns() {
    return List.of(
        new Col("entries", SqlTypeName.BIGINT, false),
        new Col("bytes", SqlTypeName.BIGINT, false),
        new Col("capacity_bytes", SqlTypeName.BIGINT, false),
        new Col("hits", SqlTypeName.BIGINT, false),
        new Col("misses", SqlTypeName.BIGINT, false),
        new Col("evictions", SqlTypeName.BIGINT, false));
  }

  @Override
  void rows(FloeStore store, TimeZone zone, List<Object[]> out) {
    ChunkCache.Stats s = ChunkCache.shared().stats();
    out.add(new Object[] {s.entries(), s.bytes(), s.capacityBytes(), s.hits(), s.misses(), s.evictions()});
  }
}
