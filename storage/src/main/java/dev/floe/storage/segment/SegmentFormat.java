package dev.floe.storage.segment;

import dev.floe.storage.io.StoreException;
import java.nio.charset.StandardCharsets;

/** Constants of the segment object layout (docs/format.md §3) and the CORRUPT error factory. */
final class SegmentFormat {
  /** "FLSG" in ASCII, at offset 0 and in the last 4 bytes of every segment. */
  static final byte[] MAGIC = "FLSG".getBytes(StandardCharsets.US_ASCII);
  /** The only format version this code reads and writes. */
  static final int VERSION = 1;
  /** Header: magic (4), version u16, flags u16 (0). */
  static final int HEADER_LENGTH = 8;
  /** Trailer: footer length u32, version u16, flags u16 (0), magic (4). */
  static final int TRAILER_LENGTH = 12;

  private SegmentFormat() {}

  static StoreException corrupt(String key, String column, String problem) {
    return corrupt(key, column, problem, null);
  }

  static StoreException corrupt(String key, String column, String problem, Throwable cause) {
    String where = column == null ? "" : " (column " + column + ")";
    return new StoreException(
        StoreException.Kind.CORRUPT,
        key,
        "segment '" + key + "'" + where + " is corrupt: " + problem
            + ". The object was damaged or truncated after it was written, or written by an"
            + " incompatible version; restore it from a replica or drop the segment from the table.",
        cause);
  }
}
