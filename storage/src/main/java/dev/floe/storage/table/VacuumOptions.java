package dev.floe.storage.table;

import java.time.Duration;

/**
 * What VACUUM may delete.
 *
 * @param grace objects younger than this (by the store's own clock) are never deleted, and a version
 *     is never expired until it stopped being the latest at least this long ago: in-flight writers
 *     and readers that started within it are safe (default 1 hour)
 * @param retainVersions keep at least the latest this many versions; 0 keeps every version (only
 *     orphans are deleted)
 * @param dryRun compute and report, change nothing
 */
public record VacuumOptions(Duration grace, int retainVersions, boolean dryRun) {
  public static final Duration DEFAULT_GRACE = Duration.ofHours(1);

  public VacuumOptions {
    if (grace == null || grace.isNegative()) {
      throw new IllegalArgumentException("the grace period must be zero or more, not " + grace);
    }
    if (retainVersions < 0) {
      throw new IllegalArgumentException("retainVersions must be 0 (keep all) or more, not " + retainVersions);
    }
  }

  /** Orphans older than an hour; every version kept. */
  public static VacuumOptions defaults() {
    return new VacuumOptions(DEFAULT_GRACE, 0, false);
  }
}
