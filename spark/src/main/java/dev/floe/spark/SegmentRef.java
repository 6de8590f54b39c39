package dev.floe.spark;

import dev.floe.storage.table.SegmentEntry;
import java.io.Serializable;

/**
 * A segment entry as it travels from the driver to an executor (planning) or back (a write task's
 * staged segment): the same fields as {@link SegmentEntry}, serializable.
 *
 * @param key the key relative to the table root ({@code segments/...} or {@code staged/...})
 * @param rowCount rows in the segment
 * @param sizeBytes the object's size
 * @param footer the segment footer, as the manifest embeds it
 * @param deleted the deletion vector's positions (empty: none)
 */
record SegmentRef(String key, long rowCount, long sizeBytes, byte[] footer, int[] deleted) implements Serializable {
  private static final long serialVersionUID = 1L;

  static SegmentRef of(SegmentEntry e) {
    return new SegmentRef(e.key(), e.rowCount(), e.sizeBytes(), e.footer(), e.deleted());
  }

  SegmentEntry entry() {
    return new SegmentEntry(key, rowCount, sizeBytes, footer, deleted);
  }
}
