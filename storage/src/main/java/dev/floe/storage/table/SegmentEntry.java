package dev.floe.storage.table;

import java.util.Arrays;
import java.util.Objects;

/**
 * One segment as a manifest lists it. The footer is embedded so that a reader prunes by stats and
 * fetches column chunks by byte range without ever reading a footer first.
 *
 * @param key the segment's key relative to the table root ({@code segments/<uuid>.seg} or {@code
 *     staged/<uuid>.seg})
 * @param rowCount rows in the segment
 * @param sizeBytes the object's size
 * @param footer the segment's footer bytes (the segment layer's {@code SegmentFooter.toBytes()})
 */
public record SegmentEntry(String key, long rowCount, long sizeBytes, byte[] footer) {
  public SegmentEntry {
    Objects.requireNonNull(key, "key");
    footer = footer == null ? new byte[0] : footer.clone();
  }

  @Override
  public byte[] footer() {
    return footer.clone();
  }

  /** The footer without a defensive copy, for the package's own read path. */
  byte[] footerUnsafe() {
    return footer;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SegmentEntry e && e.key.equals(key) && e.rowCount == rowCount
        && e.sizeBytes == sizeBytes && Arrays.equals(e.footer, footer);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  @Override
  public String toString() {
    return "SegmentEntry[" + key + ", rows=" + rowCount + ", bytes=" + sizeBytes + "]";
  }
}
