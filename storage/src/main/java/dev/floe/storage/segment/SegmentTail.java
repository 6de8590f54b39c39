package dev.floe.storage.segment;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Reads the trailer and footer at the end of a segment object (docs/format.md §3.1). */
final class SegmentTail {
  private SegmentTail() {}

  /** Footer length from a trailer of {@link SegmentFormat#TRAILER_LENGTH} bytes at {@code pos}. */
  static int footerLength(byte[] b, int pos, String key) {
    ByteBuffer t = ByteBuffer.wrap(b, pos, SegmentFormat.TRAILER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    int len = t.getInt(pos);
    int version = Short.toUnsignedInt(t.getShort(pos + 4));
    if (!Arrays.equals(b, pos + 8, pos + 12, SegmentFormat.MAGIC, 0, 4)) {
      throw SegmentFormat.corrupt(key, null, "the object does not end with the segment magic"
          + " (truncated, or not a segment)");
    }
    if (version != SegmentFormat.VERSION) {
      throw SegmentFormat.corrupt(key, null, "unknown segment format version " + version
          + " (this reader knows version " + SegmentFormat.VERSION + ")");
    }
    if (len < 0) {
      throw SegmentFormat.corrupt(key, null, "negative footer length " + len);
    }
    return len;
  }

  /** Parses the footer of the object held in {@code b[from, to)}, which must be the whole object. */
  static SegmentFooter parse(byte[] b, int from, int to, String key) {
    int size = to - from;
    if (size < SegmentFormat.HEADER_LENGTH + SegmentFormat.TRAILER_LENGTH) {
      throw SegmentFormat.corrupt(key, null, "the object is only " + size + " bytes long");
    }
    checkHeader(b, from, key);
    int len = footerLength(b, to - SegmentFormat.TRAILER_LENGTH, key);
    if (len > size - SegmentFormat.HEADER_LENGTH - SegmentFormat.TRAILER_LENGTH) {
      throw SegmentFormat.corrupt(key, null, "the footer length " + len + " exceeds the object");
    }
    int start = to - SegmentFormat.TRAILER_LENGTH - len;
    return SegmentFooter.fromBytes(Arrays.copyOfRange(b, start, start + len), key);
  }

  static void checkHeader(byte[] b, int from, String key) {
    if (!Arrays.equals(b, from, from + 4, SegmentFormat.MAGIC, 0, 4)) {
      throw SegmentFormat.corrupt(key, null, "the object does not start with the segment magic");
    }
    int version = Short.toUnsignedInt(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort(from + 4));
    if (version != SegmentFormat.VERSION) {
      throw SegmentFormat.corrupt(key, null, "unknown segment format version " + version
          + " (this reader knows version " + SegmentFormat.VERSION + ")");
    }
  }
}
