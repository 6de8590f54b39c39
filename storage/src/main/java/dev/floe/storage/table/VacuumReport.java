package dev.floe.storage.table;

import java.util.List;

/**
 * What one VACUUM of one table did (or, for a dry run, would do).
 *
 * @param table the table's name
 * @param version the version of the VACUUM record that announced the deletions, or -1 when
 *     nothing was to be deleted or this was a dry run
 * @param deleted keys (relative to the table root) deleted, or that a dry run would delete
 * @param bytes their total size
 * @param expired versions whose data is no longer kept (their log records stay)
 * @param kept keys announced but kept because a snapshot created meanwhile needs them
 */
public record VacuumReport(String table, long version, List<String> deleted, long bytes, List<Long> expired,
    List<String> kept) {
  public VacuumReport {
    deleted = List.copyOf(deleted);
    expired = List.copyOf(expired);
    kept = List.copyOf(kept);
  }
}
