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
 * @param deleted the segment's deletion vector: sorted, distinct row positions (0-based) that no
 *     longer exist in the version listing this entry (empty: none); see RFC 0005
 */
public record SegmentEntry(String key, long rowCount, long sizeBytes, byte[] footer, int[] deleted) {
  public SegmentEntry {
    Objects.requireNonNull(key, "key");
    footer = footer == null ? new byte[0] : footer.clone();
    deleted = deleted == null || deleted.length == 0 ? Deletions.NONE : deleted.clone();
  }

  /** An entry with no deleted rows. */
  public SegmentEntry(String key, long rowCount, long sizeBytes, byte[] footer) {
    this(key, rowCount, sizeBytes, footer, null);
  }

  @Override
  public int[] deleted() {
    return deleted.clone();
  }

  /** The deletion vector without a defensive copy, for the package's own read path. */
  int[] deletedUnsafe() {
    return deleted;
  }

  /** Whether some of the segment's rows are deleted. */
  public boolean hasDeletes() {
    return deleted.length > 0;
  }

  /** The rows of the segment that exist in the version listing this entry. */
  public long liveRows() {
    return rowCount - deleted.length;
  }

  /** This entry with {@code positions} deleted (sorted, distinct; they replace the current vector). */
  SegmentEntry withDeleted(int[] positions) {
    return new SegmentEntry(key, rowCount, sizeBytes, footer, positions);
  }

  /**
   * What a rewrite that read this entry removes: the key, and the deletion vector it read, so that a
   * rebase finds the entry gone if a concurrent commit deleted more of its rows since. A vector only
   * ever grows while its entry is listed (commits add positions; nothing removes one without
   * removing the entry), so its length alone tells two of the same key apart; the hash is a guard.
   */
  String identity() {
    return deleted.length == 0 ? key : key + "#" + Integer.toHexString(java.util.Arrays.hashCode(deleted)) + "/"
        + deleted.length;
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
        && e.sizeBytes == sizeBytes && Arrays.equals(e.footer, footer) && Arrays.equals(e.deleted, deleted);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  @Override
  public String toString() {
    return "SegmentEntry[" + key + ", rows=" + rowCount + (deleted.length > 0 ? ", deleted=" + deleted.length : "")
        + ", bytes=" + sizeBytes + "]";
  }
}
