package dev.floe.storage.segment;

import dev.floe.storage.ColumnType;

/**
 * One decoded column chunk on the heap, in the layout the Arrow vectors and the predicate kernels
 * read: validity and booleans as 64-bit little-endian words (bit {@code i % 64} of word {@code i /
 * 64}), fixed-width values little-endian at their Arrow width, strings as offsets and bytes or as
 * codes into a sorted dictionary. Immutable once built.
 */
final class ColumnData {
  final ColumnType type;
  final int rows;
  /** Validity words; null when every row is valid. */
  final long[] validity;
  /** Fixed-width values (not BOOLEAN), or null. */
  final byte[] values;
  /** BOOLEAN values as words, or null. */
  final long[] bits;
  /** PLAIN strings: n + 1 offsets into {@link #data}; or null. */
  final int[] offsets;
  final byte[] data;
  /** DICTIONARY strings: per-row codes into the sorted dictionary; or null. */
  final int[] codes;
  final int[] dictOffsets;
  /** Dictionary bytes, followed by {@link #DICTIONARY_PADDING} spare zero bytes. */
  final byte[] dictData;
  /** Longest dictionary entry, in bytes. */
  final int maxEntryLength;

  /** Spare bytes after the dictionary, so short entries can be copied as whole words. */
  static final int DICTIONARY_PADDING = 16;

  private ColumnData(ColumnType type, int rows, long[] validity, byte[] values, long[] bits,
      int[] offsets, byte[] data, int[] codes, int[] dictOffsets, byte[] dictData) {
    this.type = type;
    this.rows = rows;
    this.validity = validity;
    this.values = values;
    this.bits = bits;
    this.offsets = offsets;
    this.data = data;
    this.codes = codes;
    this.dictOffsets = dictOffsets;
    this.dictData = dictData;
    int max = 0;
    if (dictOffsets != null) {
      for (int i = 1; i < dictOffsets.length; i++) {
        max = Math.max(max, dictOffsets[i] - dictOffsets[i - 1]);
      }
    }
    this.maxEntryLength = max;
  }

  static ColumnData fixed(ColumnType type, int rows, long[] validity, byte[] values) {
    return new ColumnData(type, rows, validity, values, null, null, null, null, null, null);
  }

  static ColumnData booleans(ColumnType type, int rows, long[] validity, long[] bits) {
    return new ColumnData(type, rows, validity, null, bits, null, null, null, null, null);
  }

  static ColumnData strings(ColumnType type, int rows, long[] validity, int[] offsets, byte[] data) {
    return new ColumnData(type, rows, validity, null, null, offsets, data, null, null, null);
  }

  /** A dictionary column; {@code dictData} is copied with {@link #DICTIONARY_PADDING} spare bytes. */
  static ColumnData dictionary(ColumnType type, int rows, long[] validity, int[] codes, int[] dictOffsets, byte[] dictData) {
    byte[] padded = java.util.Arrays.copyOf(dictData, dictData.length + DICTIONARY_PADDING);
    return new ColumnData(type, rows, validity, null, null, null, null, codes, dictOffsets, padded);
  }

  /** A column the segment does not hold: every row NULL. */
  static ColumnData missing(ColumnType type, int rows) {
    return new ColumnData(type, rows, new long[words(rows)], null, null, null, null, null, null, null);
  }

  boolean isDictionary() {
    return codes != null;
  }

  static int words(int bitsCount) {
    return (bitsCount + 63) >>> 6;
  }

  /** Bytes to words, the bitmap being {@code (rows + 7) / 8} bytes, least significant bit first. */
  static long[] toWords(byte[] bitmap, int rows) {
    long[] w = new long[words(rows)];
    for (int i = 0; i < bitmap.length; i++) {
      w[i >>> 3] |= (bitmap[i] & 0xFFL) << ((i & 7) << 3);
    }
    int tail = rows & 63;
    if (tail != 0) {
      w[w.length - 1] &= (1L << tail) - 1;
    }
    return w;
  }
}
