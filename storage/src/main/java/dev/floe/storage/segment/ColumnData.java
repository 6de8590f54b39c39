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
  /** Fixed-width values (not BOOLEAN), or null (then perhaps {@link #deferred}). */
  final byte[] values;
  /**
   * Fixed-width values decoded only when a batch needs them, a range at a time, or null. Columns
   * the predicate does not read are deferred when their stream allows random access, so the rows
   * of batches the predicate rejects are never decoded.
   */
  final Deferred deferred;
  /** Whether {@link #values} are integers provably non-decreasing row by row (see {@link IntPacking#provablyAscending}). */
  final boolean ascending;
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
      int[] offsets, byte[] data, int[] codes, int[] dictOffsets, byte[] dictData, Deferred deferred, boolean ascending) {
    this.type = type;
    this.rows = rows;
    this.validity = validity;
    this.values = values;
    this.deferred = deferred;
    this.ascending = ascending;
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
    return new ColumnData(type, rows, validity, values, null, null, null, null, null, null, null, false);
  }

  /** Integer values known to be non-decreasing (a sorted column: predicates binary-search it). */
  static ColumnData ascending(ColumnType type, int rows, long[] validity, byte[] values) {
    return new ColumnData(type, rows, validity, values, null, null, null, null, null, null, null, true);
  }

  /** Fixed-width values decoded on demand from a checked, random-access stream. */
  static ColumnData deferred(ColumnType type, int rows, long[] validity, Deferred deferred) {
    return new ColumnData(type, rows, validity, null, null, null, null, null, null, null, deferred, false);
  }

  /**
   * A random-access integer stream (its length already checked against the row count), and the
   * SCALED exponent when it holds the integers of doubles ({@code -1} otherwise).
   */
  record Deferred(byte[] stream, int nativeWidth, int exponent) {
    /** Writes values {@code [from, from + n)} to {@code out} from index 0, at their Arrow width. */
    void decode(int from, int n, byte[] out) {
      if (exponent < 0) {
        IntPacking.decodeRangeTo(stream, from, n, nativeWidth, out);
      } else {
        ScaledDoubles.decodeRangeTo(stream, exponent, from, n, out);
      }
    }

    /** Integer values of rows {@code first + sel[k]} ({@code first + k} without {@code sel}), k below n. */
    void longs(int first, int[] sel, int n, long[] out) {
      IntPacking.decodeRowsTo(stream, first, sel, n, nativeWidth, out);
    }

    /** As {@link #longs}, as doubles: the SCALED values (or the integers of a non-SCALED stream). */
    void doubles(int first, int[] sel, int n, double[] out) {
      ScaledDoubles.decodeRowsTo(stream, Math.max(exponent, 0), first, sel, n, out);
    }
  }

  static ColumnData booleans(ColumnType type, int rows, long[] validity, long[] bits) {
    return new ColumnData(type, rows, validity, null, bits, null, null, null, null, null, null, false);
  }

  static ColumnData strings(ColumnType type, int rows, long[] validity, int[] offsets, byte[] data) {
    return new ColumnData(type, rows, validity, null, null, offsets, data, null, null, null, null, false);
  }

  /** A dictionary column; {@code dictData} is copied with {@link #DICTIONARY_PADDING} spare bytes. */
  static ColumnData dictionary(ColumnType type, int rows, long[] validity, int[] codes, int[] dictOffsets, byte[] dictData) {
    byte[] padded = java.util.Arrays.copyOf(dictData, dictData.length + DICTIONARY_PADDING);
    return new ColumnData(type, rows, validity, null, null, null, null, codes, dictOffsets, padded, null, false);
  }

  /** A column the segment does not hold: every row NULL. */
  static ColumnData missing(ColumnType type, int rows) {
    return new ColumnData(type, rows, new long[words(rows)], null, null, null, null, null, null, null, null, false);
  }

  /** Heap bytes of this chunk's arrays, plus a small allowance for the objects holding them. */
  long heapBytes() {
    return 128 + len(validity) * 8L + len(values) + (deferred == null ? 0 : deferred.stream.length + 32L)
        + len(bits) * 8L + len(offsets) * 4L + len(data) + len(codes) * 4L + len(dictOffsets) * 4L + len(dictData);
  }

  private static int len(long[] a) {
    return a == null ? 0 : a.length;
  }

  private static int len(int[] a) {
    return a == null ? 0 : a.length;
  }

  private static int len(byte[] a) {
    return a == null ? 0 : a.length;
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
