package dev.floe.storage.table;

import java.time.Instant;
import java.util.Map;

/**
 * A named snapshot: one version of every table, as they were when it was created. VACUUM keeps
 * every version a snapshot pins.
 *
 * @param name the snapshot's name
 * @param created the store's time when it was created
 * @param versions the pinned version of each table, by table name
 * @param roots each table's root prefix (a table dropped and created again has a new one)
 */
public record Snapshot(String name, Instant created, Map<String, Long> versions, Map<String, String> roots) {
  public Snapshot {
    versions = Map.copyOf(versions);
    roots = Map.copyOf(roots);
  }
}
