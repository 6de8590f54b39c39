package dev.floe.storage.table;

import java.util.List;

/**
 * What {@link FloeStore#repair} did to one table.
 *
 * @param table the table's name
 * @param head the latest version before the repair
 * @param goodVersion the last version whose record and manifests all pass their checks (the data
 *     the repair kept), or -1 if there is none
 * @param repairVersion the version of the {@link Operation#REPAIR} record written, or -1 if
 *     nothing was written (nothing was damaged)
 * @param damaged the objects that failed their checks, newest version first, each as {@code key:
 *     why}
 */
public record RepairReport(String table, long head, long goodVersion, long repairVersion, List<String> damaged) {
  public RepairReport {
    damaged = List.copyOf(damaged);
  }

  /** Whether a repair record was written. */
  public boolean repaired() {
    return repairVersion >= 0;
  }
}
