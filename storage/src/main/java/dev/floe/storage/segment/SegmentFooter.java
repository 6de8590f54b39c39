package dev.floe.storage.segment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The footer of a segment: row count and, per column id, where the column's buffers lie, how they
 * are encoded and their stats. Immutable. Its {@link #toBytes() bytes} are what the segment stores
 * before its trailer, and what a table manifest embeds so that readers never fetch a footer.
 */
public final class SegmentFooter {
  private final int formatVersion;
  private final long rowCount;
  private final Map<Integer, ColumnChunk> chunks;

  /**
   * @param formatVersion the segment format version (only {@code 1} exists)
   * @param rowCount rows in the segment
   * @param chunks one chunk per column, ids unique
   */
  public SegmentFooter(int formatVersion, long rowCount, List<ColumnChunk> chunks) {
    this.formatVersion = formatVersion;
    this.rowCount = rowCount;
    Map<Integer, ColumnChunk> m = new LinkedHashMap<>();
    for (ColumnChunk c : chunks) {
      if (m.put(c.columnId(), c) != null) {
        throw new IllegalArgumentException("duplicate column id " + c.columnId());
      }
    }
    this.chunks = Collections.unmodifiableMap(m);
  }

  public int formatVersion() {
    return formatVersion;
  }

  public long rowCount() {
    return rowCount;
  }

  /** The chunks in the order they are stored. */
  public List<ColumnChunk> chunks() {
    return List.copyOf(chunks.values());
  }

  /** The chunk of a column, empty if the segment predates the column. */
  public Optional<ColumnChunk> chunk(int columnId) {
    return Optional.ofNullable(chunks.get(columnId));
  }

  /**
   * Stats of a column; a column the segment does not hold (added later) is all NULL, and its stats
   * say so.
   */
  public ColumnStats stats(int columnId) {
    ColumnChunk c = chunks.get(columnId);
    return c == null ? ColumnStats.allNull(rowCount) : c.stats();
  }

  /** Bytes a read of this column fetches (0 for a column the segment does not hold). */
  public long columnBytes(int columnId) {
    ColumnChunk c = chunks.get(columnId);
    return c == null ? 0 : c.storedBytes();
  }

  /** The compact, versioned binary form (docs/format.md §3.4), ending with its own CRC32C. */
  public byte[] toBytes() {
    return FooterCodec.encode(this);
  }

  /**
   * Parses {@link #toBytes()} output.
   *
   * @throws dev.floe.storage.io.StoreException of kind CORRUPT for bytes that fail their CRC, are
   *     cut short or have an unknown version
   */
  public static SegmentFooter fromBytes(byte[] bytes) {
    return FooterCodec.decode(bytes, null);
  }

  /** As {@link #fromBytes(byte[])}, naming the segment {@code key} in errors. */
  public static SegmentFooter fromBytes(byte[] bytes, String key) {
    return FooterCodec.decode(bytes, key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SegmentFooter f
        && f.formatVersion == formatVersion
        && f.rowCount == rowCount
        && java.util.Arrays.equals(f.toBytes(), toBytes());
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(toBytes());
  }

  @Override
  public String toString() {
    return "SegmentFooter[v" + formatVersion + ", rows=" + rowCount + ", columns=" + chunks.keySet() + "]";
  }
}
