package dev.floe.storage.table;

import java.time.Duration;

/**
 * What VACUUM may delete.
 *
 * <p>Retention: a version other than the latest expires (its data may be deleted; its log record
 * stays) only when every policy given lets it go, it stopped being the latest at least {@code grace}
 * ago, and no named snapshot pins it. With neither policy given, every version is kept and only
 * orphans are deleted. All ages are measured by the store's own clock: a version's age is the time
 * since the commit that superseded it (that record's HLC), against the store time of VACUUM's own
 * write, never the client's clock.
 *
 * @param grace objects younger than this (by the store's own clock) are never deleted, and a version
 *     is never expired until it stopped being the latest at least this long ago: in-flight writers
 *     and readers that started within it are safe (default 1 hour)
 * @param retainVersions the count policy: keep at least the latest this many versions; 0 gives no
 *     count policy
 * @param retainAge the age policy: keep every version that was the latest at some time within this
 *     long before now, so that {@code AS OF} any time in that window still reads; null gives no age
 *     policy
 * @param dryRun compute and report, change nothing
 */
public record VacuumOptions(Duration grace, int retainVersions, Duration retainAge, boolean dryRun) {
  public static final Duration DEFAULT_GRACE = Duration.ofHours(1);

  public VacuumOptions {
    if (grace == null || grace.isNegative()) {
      throw new IllegalArgumentException("the grace period must be zero or more, not " + grace);
    }
    if (retainVersions < 0) {
      throw new IllegalArgumentException("retainVersions must be 0 (no count policy) or more, not " + retainVersions);
    }
    if (retainAge != null && retainAge.isNegative()) {
      throw new IllegalArgumentException("retainAge must be zero or more, or null (no age policy), not " + retainAge);
    }
  }

  /** Retention by count only ({@code retainVersions} 0: every version kept). */
  public VacuumOptions(Duration grace, int retainVersions, boolean dryRun) {
    this(grace, retainVersions, null, dryRun);
  }

  /** Orphans older than an hour; every version kept. */
  public static VacuumOptions defaults() {
    return new VacuumOptions(DEFAULT_GRACE, 0, null, false);
  }

  /** Whether any retention policy is given (without one, no version expires). */
  boolean expires() {
    return retainVersions > 0 || retainAge != null;
  }
}
