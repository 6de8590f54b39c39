package dev.floe.storage.table;

import dev.floe.storage.io.ObjectInfo;
import java.util.List;

/**
 * Objects under a table's root that no version of its log references: what crashed or failed
 * writers left behind, for a later VACUUM (which must also respect a grace period, since a writer
 * may still be about to commit them).
 *
 * @param root the table root
 * @param orphans the unreferenced objects, with the store's last-modified times
 * @param referenced how many objects some version references
 */
public record OrphanReport(String root, List<ObjectInfo> orphans, int referenced) {
  /** The orphans' keys. */
  public List<String> keys() {
    return orphans.stream().map(ObjectInfo::key).toList();
  }
}
