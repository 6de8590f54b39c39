package dev.floe.storage.segment;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Copies rows {@code [start, start + n)} of a {@link ColumnData} into a fresh Arrow vector with bulk
 * {@code ArrowBuf.setBytes}/{@code setLong} calls ({@code start} is a multiple of 64). Never calls
 * {@code nioBuffer()}, so it runs without JVM flags.
 */
final class VectorFiller {
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[0]);
  private static final ThreadLocal<byte[]> SCRATCH2 = ThreadLocal.withInitial(() -> new byte[0]);

  private VectorFiller() {}

  static void fill(ColumnData c, FieldVector v, int start, int n) {
    if (v instanceof BitVector bv) {
      bv.allocateNew(n);
      if (c.bits != null) {
        copyBits(bv.getDataBuffer(), c.bits, start, n);
      }
    } else if (v instanceof BaseFixedWidthVector fv) {
      fv.allocateNew(n);
      int w = fv.getTypeWidth();
      if (c.values != null) {
        fv.getDataBuffer().setBytes(0, c.values, start * w, (long) n * w);
      } else if (c.deferred != null) {
        byte[] b = scratch(SCRATCH, n * w);
        c.deferred.decode(start, n, b);
        fv.getDataBuffer().setBytes(0, b, 0, (long) n * w);
      }
    } else if (v instanceof BaseVariableWidthVector vv) {
      if (c.offsets != null) {
        fillPlain(c, vv, start, n);
      } else if (c.codes != null) {
        fillDictionary(c, vv, start, n);
      } else {
        vv.allocateNew(0, n);
      }
      vv.setLastSet(n - 1);
    } else {
      throw new IllegalArgumentException("unsupported vector " + v.getClass().getSimpleName());
    }
    ArrowBuf validity = v.getValidityBuffer();
    if (c.validity == null) {
      validity.setOne(0L, (long) ((n + 7) >>> 3));
    } else {
      copyBits(validity, c.validity, start, n);
    }
    v.setValueCount(n);
  }

  /**
   * Fills {@code v} with rows {@code first + rows[k]} of {@code c}, k below {@code n}, as rows 0 to
   * n - 1 (a batch's selected rows, compacted); {@code c} null is a column the segment lacks (all NULL).
   */
  static void fillRows(ColumnData c, FieldVector v, int first, int[] rows, int n) {
    if (v instanceof BitVector bv) {
      bv.allocateNew(n);
      if (c != null && c.bits != null) {
        for (int k = 0; k < n; k++) {
          int r = first + rows[k];
          if ((c.bits[r >>> 6] & (1L << r)) != 0) {
            BitVectorHelper.setBit(bv.getDataBuffer(), k);
          }
        }
      }
    } else if (v instanceof BaseFixedWidthVector fv) {
      fv.allocateNew(n);
      int w = fv.getTypeWidth();
      byte[] b = scratch(SCRATCH, n * w);
      if (c != null && c.values != null) {
        for (int k = 0; k < n; k++) {
          System.arraycopy(c.values, (first + rows[k]) * w, b, k * w, w);
        }
        fv.getDataBuffer().setBytes(0, b, 0, (long) n * w);
      } else if (c != null && c.deferred != null) {
        if (c.deferred.exponent() >= 0) {
          double[] d = new double[n];
          c.deferred.doubles(first, rows, n, d);
          for (int k = 0; k < n; k++) {
            IntPacking.LONG.set(b, k << 3, Double.doubleToRawLongBits(d[k]));
          }
        } else {
          long[] x = new long[n];
          c.deferred.longs(first, rows, n, x);
          for (int k = 0; k < n; k++) {
            switch (w) {
              case 1 -> b[k] = (byte) x[k];
              case 2 -> IntPacking.SHORT.set(b, k << 1, (short) x[k]);
              case 4 -> IntPacking.INT.set(b, k << 2, (int) x[k]);
              default -> IntPacking.LONG.set(b, k << 3, x[k]);
            }
          }
        }
        fv.getDataBuffer().setBytes(0, b, 0, (long) n * w);
      }
    } else if (v instanceof BaseVariableWidthVector vv) {
      int[] from = new int[n];
      int[] len = new int[n];
      byte[] src = null;
      long total = 0;
      if (c != null && (c.offsets != null || c.codes != null)) {
        src = c.offsets != null ? c.data : c.dictData;
        for (int k = 0; k < n; k++) {
          int r = first + rows[k];
          if (c.validity != null && (c.validity[r >>> 6] & (1L << r)) == 0) {
            continue; // NULL: no bytes
          }
          int[] off = c.offsets != null ? c.offsets : c.dictOffsets;
          int e = c.offsets != null ? r : c.codes[r];
          from[k] = off[e];
          len[k] = off[e + 1] - off[e];
          total += len[k];
        }
      }
      if (total > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("a batch of " + n + " strings holds more than 2 GB; use a smaller batch size");
      }
      byte[] d = scratch(SCRATCH2, (int) total);
      byte[] o = scratch(SCRATCH, (n + 1) * 4);
      int pos = 0;
      IntPacking.INT.set(o, 0, 0);
      for (int k = 0; k < n; k++) {
        if (len[k] > 0) {
          System.arraycopy(src, from[k], d, pos, len[k]);
          pos += len[k];
        }
        IntPacking.INT.set(o, (k + 1) << 2, pos);
      }
      vv.allocateNew(Math.max(pos, 1), n);
      vv.getOffsetBuffer().setBytes(0, o, 0, (long) (n + 1) * 4);
      vv.getDataBuffer().setBytes(0, d, 0, pos);
      vv.setLastSet(n - 1);
    } else {
      throw new IllegalArgumentException("unsupported vector " + v.getClass().getSimpleName());
    }
    ArrowBuf validity = v.getValidityBuffer();
    if (c != null && c.validity == null) {
      validity.setOne(0L, (long) ((n + 7) >>> 3));
    } else if (c != null) {
      for (int k = 0; k < n; k++) {
        int r = first + rows[k];
        if ((c.validity[r >>> 6] & (1L << r)) != 0) {
          BitVectorHelper.setBit(validity, k);
        }
      }
    }
    v.setValueCount(n);
  }

  private static void fillPlain(ColumnData c, BaseVariableWidthVector vv, int start, int n) {
    int[] off = c.offsets;
    int base = off[start];
    int total = off[start + n] - base;
    vv.allocateNew(total, n);
    byte[] o = scratch(SCRATCH, (n + 1) * 4);
    for (int i = 0; i <= n; i++) {
      IntPacking.INT.set(o, i << 2, off[start + i] - base);
    }
    vv.getOffsetBuffer().setBytes(0, o, 0, (long) (n + 1) * 4);
    vv.getDataBuffer().setBytes(0, c.data, base, total);
  }

  /**
   * Materializes dictionary codes in one pass. The dictionary bytes carry {@link
   * ColumnData#DICTIONARY_PADDING} spare bytes, so entries of up to 16 bytes are copied as two
   * 8-byte words; the over-write past an entry's end is overwritten by the next entry.
   */
  private static void fillDictionary(ColumnData c, BaseVariableWidthVector vv, int start, int n) {
    int[] codes = c.codes;
    int[] dOff = c.dictOffsets;
    byte[] dict = c.dictData;
    long[] valid = c.validity;
    byte[] o = scratch(SCRATCH, (n + 1) * 4);
    long bound = (long) n * c.maxEntryLength;
    if (bound > MAX_KEPT_SCRATCH) {
      // Long entries: size the buffer exactly instead of by the worst case.
      bound = 0;
      for (int i = 0; i < n; i++) {
        int row = start + i;
        if (valid == null || (valid[row >>> 6] & (1L << row)) != 0) {
          bound += dOff[codes[row] + 1] - dOff[codes[row]];
        }
      }
    }
    if (bound + 16 > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("a batch of " + n + " strings holds more than 2 GB; use a smaller batch size");
    }
    byte[] d = scratch(SCRATCH2, (int) bound + 16);
    int pos = 0;
    IntPacking.INT.set(o, 0, 0);
    for (int i = 0; i < n; i++) {
      int row = start + i;
      if (valid == null || (valid[row >>> 6] & (1L << row)) != 0) {
        int code = codes[row];
        int from = dOff[code];
        int len = dOff[code + 1] - from;
        if (len <= 16) {
          IntPacking.LONG.set(d, pos, (long) IntPacking.LONG.get(dict, from));
          IntPacking.LONG.set(d, pos + 8, (long) IntPacking.LONG.get(dict, from + 8));
        } else {
          System.arraycopy(dict, from, d, pos, len);
        }
        pos += len;
      }
      IntPacking.INT.set(o, (i + 1) << 2, pos);
    }
    vv.allocateNew(pos, n);
    vv.getOffsetBuffer().setBytes(0, o, 0, (long) (n + 1) * 4);
    vv.getDataBuffer().setBytes(0, d, 0, pos);
  }

  /** Writes bits {@code [start, start + n)} of {@code words} to the first {@code (n + 7) / 8} bytes of {@code buf}. */
  private static void copyBits(ArrowBuf buf, long[] words, int start, int n) {
    int bytes = (n + 7) >>> 3;
    int w0 = start >>> 6;
    int full = bytes >>> 3;
    for (int w = 0; w < full; w++) {
      buf.setLong((long) w << 3, words[w0 + w]);
    }
    for (int b = full << 3; b < bytes; b++) {
      buf.setByte(b, (byte) (words[w0 + (b >>> 3)] >>> ((b & 7) << 3)));
    }
  }

  /** Scratch buffers larger than this are used once and not kept by the thread. */
  private static final int MAX_KEPT_SCRATCH = 16 << 20;

  private static byte[] scratch(ThreadLocal<byte[]> tl, int size) {
    byte[] b = tl.get();
    if (b.length < size) {
      if (size > MAX_KEPT_SCRATCH) {
        return new byte[size];
      }
      b = new byte[Math.min(MAX_KEPT_SCRATCH, Math.max(size, b.length * 2))];
      tl.set(b);
    }
    return b;
  }
}
