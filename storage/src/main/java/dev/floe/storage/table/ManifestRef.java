package dev.floe.storage.table;

import java.util.Arrays;

/**
 * A manifest as a commit record lists it. Two refs are equal when their keys are: a key names one
 * immutable manifest.
 *
 * @param key the manifest's key relative to the table root
 * @param segments how many segment entries it holds
 * @param rows the rows of all its segments
 * @param bytes the size of all its segments
 * @param stats bounds of every column over all its segments, as footer bytes without buffers
 *     ({@code SegmentFooter.toBytes()}), or null if unknown; readers skip a manifest whose stats
 *     cannot match a predicate without fetching it
 */
public record ManifestRef(String key, int segments, long rows, long bytes, byte[] stats) {
  static ManifestRef of(String key, Manifest m) {
    return new ManifestRef(key, m.segments().size(), m.rowCount(), m.sizeBytes(), ManifestStats.summarizeOrNull(m.segments()));
  }

  @Override
  public byte[] stats() {
    return stats == null ? null : stats.clone();
  }

  byte[] statsUnsafe() {
    return stats;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ManifestRef r && r.key.equals(key);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  @Override
  public String toString() {
    return "ManifestRef[" + key + ", segments=" + segments + ", rows=" + rows + ", bytes=" + bytes
        + (stats == null ? "" : ", stats=" + stats.length + "B") + "]";
  }

  /** Whether all fields, stats included, are equal (records are compared by key otherwise). */
  boolean sameAs(ManifestRef o) {
    return equals(o) && o.segments == segments && o.rows == rows && o.bytes == bytes && Arrays.equals(o.stats, stats);
  }
}
