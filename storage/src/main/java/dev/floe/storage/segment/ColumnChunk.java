package dev.floe.storage.segment;

import dev.floe.storage.ColumnType;
import java.util.List;

/**
 * Footer metadata of one column chunk. Its buffers are stored contiguously, in list order, from
 * {@link #start()} to {@link #end()}.
 *
 * @param columnId the column's stable id
 * @param type the column's type when the segment was written
 * @param encoding how the buffers are laid out
 * @param buffers the buffers, in the order the encoding defines
 * @param stats min, max, null count
 */
public record ColumnChunk(int columnId, ColumnType type, Encoding encoding, List<BufferRef> buffers, ColumnStats stats) {
  public ColumnChunk {
    buffers = List.copyOf(buffers);
  }

  /** Offset of the chunk's first byte in the object. */
  public long start() {
    return buffers.isEmpty() ? 0 : buffers.get(0).offset();
  }

  /** Offset just past the chunk's last byte. */
  public long end() {
    return start() + storedBytes();
  }

  /** Bytes the chunk occupies in the object. */
  public long storedBytes() {
    long n = 0;
    for (BufferRef b : buffers) {
      n += b.storedLength();
    }
    return n;
  }

  /** Bytes of the chunk once decompressed. */
  public long rawBytes() {
    long n = 0;
    for (BufferRef b : buffers) {
      n += b.rawLength();
    }
    return n;
  }
}
