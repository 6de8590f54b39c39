package dev.floe.storage.segment;

import dev.floe.storage.ColumnType;
import java.util.List;

/** Checks, expands and decodes one column chunk into {@link ColumnData}. */
final class ChunkDecoder {
  private ChunkDecoder() {}

  /**
   * Decodes {@code chunk}, whose stored bytes lie in {@code range} starting at object offset {@code
   * rangeStart}. With {@code deferrable}, fixed-width values whose stream allows random access are
   * checked here but decoded only a batch at a time when read ({@link ColumnData#deferred}).
   *
   * @throws dev.floe.storage.io.StoreException CORRUPT naming the key and the column when a buffer
   *     fails its CRC or does not decode to {@code rows} values
   */
  static ColumnData decode(ColumnChunk chunk, int rows, byte[] range, long rangeStart, String key, String column,
      boolean deferrable) {
    ColumnType type = chunk.type();
    List<BufferRef> refs = chunk.buffers();
    int expected = type.fixedWidth() ? 2 : chunk.encoding() == Encoding.DICTIONARY ? 4 : 3;
    boolean encodingFits = chunk.encoding() == Encoding.PLAIN
        || (chunk.encoding() == Encoding.DICTIONARY && !type.fixedWidth())
        || (chunk.encoding() == Encoding.SCALED && type.kind() == ColumnType.Kind.DOUBLE);
    if (refs.size() != expected || !encodingFits) {
      throw SegmentFormat.corrupt(key, column, "a " + type + " chunk with encoding "
          + chunk.encoding() + " has " + refs.size() + " buffers");
    }
    byte[][] raw = new byte[refs.size()][];
    byte[] direct = plainIntegers(chunk, rows, range, rangeStart, key, column);
    for (int i = 0; i < raw.length; i++) {
      BufferRef r = refs.get(i);
      raw[i] = i == 1 && direct != null ? direct
          : BufferCodec.expand(range, (int) (r.offset() - rangeStart), r, key, column);
    }
    try {
      long[] validity = null;
      if (raw[0].length != 0) {
        check(raw[0].length == (rows + 7) >>> 3, "validity bitmap has the wrong length");
        validity = ColumnData.toWords(raw[0], rows);
      }
      switch (type.kind()) {
        case BOOLEAN:
          check(raw[1].length == (rows + 7) >>> 3, "boolean bitmap has the wrong length");
          return ColumnData.booleans(type, rows, validity, ColumnData.toWords(raw[1], rows));
        case DOUBLE:
          if (chunk.encoding() == Encoding.SCALED) {
            if (deferrable) {
              int e = ScaledDoubles.exponent(raw[1]);
              byte[] stream = java.util.Arrays.copyOfRange(raw[1], 1, raw[1].length);
              if (IntPacking.randomAccess(stream, rows, 8)) {
                return ColumnData.deferred(type, rows, validity, new ColumnData.Deferred(stream, 8, e));
              }
            }
            return ColumnData.fixed(type, rows, validity, ScaledDoubles.decode(raw[1], rows));
          }
          check(raw[1].length == rows * 8, "values have the wrong length");
          return ColumnData.fixed(type, rows, validity, raw[1]);
        case REAL:
        case DECIMAL:
          check(raw[1].length == rows * ArrowTypes.byteWidth(type), "values have the wrong length");
          return ColumnData.fixed(type, rows, validity, raw[1]);
        case VARCHAR:
        case VARBINARY:
          if (chunk.encoding() == Encoding.PLAIN) {
            int[] off = IntPacking.decodeInts(raw[1], rows + 1);
            checkOffsets(off, raw[2].length);
            return ColumnData.strings(type, rows, validity, off, raw[2]);
          } else {
            int[] codes = IntPacking.decodeInts(raw[1], rows);
            int[] dictOff = IntPacking.decodeInts(raw[2], (int) Math.max(0, chunk.stats().distinctCount()) + 1);
            checkOffsets(dictOff, raw[3].length);
            int size = dictOff.length - 1;
            for (int i = 0; i < rows; i++) {
              int c = codes[i];
              if (c < 0 || (c >= size && (size > 0 || validity == null || isValid(validity, i)))) {
                throw new IllegalArgumentException("dictionary code " + c + " out of range");
              }
            }
            return ColumnData.dictionary(type, rows, validity, codes, dictOff, raw[3]);
          }
        default:
          if (direct != null) {
            return ColumnData.fixed(type, rows, validity, direct);
          }
          int w = ArrowTypes.byteWidth(type);
          if (deferrable && IntPacking.randomAccess(raw[1], rows, w)) {
            return ColumnData.deferred(type, rows, validity, new ColumnData.Deferred(raw[1], w, -1));
          }
          byte[] values = new byte[rows * w];
          IntPacking.decodeTo(raw[1], rows, w, values);
          return IntPacking.provablyAscending(raw[1], rows, w) ? ColumnData.ascending(type, rows, validity, values)
              : ColumnData.fixed(type, rows, validity, values);
      }
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw SegmentFormat.corrupt(key, column, "the chunk does not decode: " + e.getMessage(), e);
    }
  }

  /**
   * The values of an integer chunk whose stream is stored uncompressed and PLAIN (random values),
   * copied once, straight from the fetched range (after its CRC check); null for any other chunk.
   */
  private static byte[] plainIntegers(ColumnChunk chunk, int rows, byte[] range, long rangeStart, String key, String column) {
    ColumnType type = chunk.type();
    int w = ArrowTypes.byteWidth(type);
    if (!Keys.isLongKeyed(type) || type.kind() == ColumnType.Kind.BOOLEAN || type.kind() == ColumnType.Kind.REAL
        || type.kind() == ColumnType.Kind.DOUBLE || rows == 0) {
      return null;
    }
    BufferRef r = chunk.buffers().get(1);
    int pos = (int) (r.offset() - rangeStart);
    if (r.compressed() || r.rawLength() != IntPacking.HEADER + (long) rows * w
        || range[pos] != IntPacking.PLAIN || range[pos + 1] != w) {
      return null;
    }
    BufferCodec.verify(range, pos, r, key, column);
    return java.util.Arrays.copyOfRange(range, pos + IntPacking.HEADER, pos + IntPacking.HEADER + rows * w);
  }

  static boolean isValid(long[] words, int i) {
    return (words[i >>> 6] & (1L << i)) != 0;
  }

  private static void checkOffsets(int[] off, int dataLength) {
    check(off[0] == 0 && off[off.length - 1] == dataLength, "offsets do not span the bytes");
    for (int i = 1; i < off.length; i++) {
      if (off[i] < off[i - 1]) {
        throw new IllegalArgumentException("offsets decrease at " + i);
      }
    }
  }

  private static void check(boolean ok, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(problem);
    }
  }
}
