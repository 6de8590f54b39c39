package dev.floe.storage.table;

/**
 * A manifest as a commit record lists it.
 *
 * @param key the manifest's key relative to the table root
 * @param segments how many segment entries it holds
 * @param rows the rows of all its segments
 * @param bytes the size of all its segments
 */
public record ManifestRef(String key, int segments, long rows, long bytes) {
  static ManifestRef of(String key, Manifest m) {
    return new ManifestRef(key, m.segments().size(), m.rowCount(), m.sizeBytes());
  }
}
