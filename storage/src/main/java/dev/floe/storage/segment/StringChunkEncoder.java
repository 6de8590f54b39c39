package dev.floe.storage.segment;

import dev.floe.storage.ColumnType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;

/**
 * Encodes VARCHAR and VARBINARY chunks: {@link Encoding#DICTIONARY} when the chunk has at most
 * {@link #MAX_DICTIONARY} distinct values and at most half as many distinct values as non-null
 * rows, else {@link Encoding#PLAIN}.
 */
final class StringChunkEncoder {
  /** Most distinct values a dictionary may hold. */
  static final int MAX_DICTIONARY = 1 << 16;

  private StringChunkEncoder() {}

  static RawChunk encode(
      BaseVariableWidthVector v, ColumnType type, int from, int n, byte[] validity, int nulls, byte[] vb) {
    boolean utf8 = type.kind() == ColumnType.Kind.VARCHAR;
    ArrowBuf ob = v.getOffsetBuffer();
    int[] off = new int[n + 1];
    int base = n == 0 ? 0 : ob.getInt((long) from * 4);
    int end = n == 0 ? 0 : ob.getInt((long) (from + n) * 4);
    byte[] data = new byte[end - base];
    v.getDataBuffer().getBytes(base, data, 0, data.length);
    boolean strayNullBytes = false;
    for (int i = 0; i <= n; i++) {
      off[i] = ob.getInt((long) (from + i) * 4) - base;
      if (i > 0 && nulls != 0 && off[i] != off[i - 1] && !ChunkEncoder.valid(validity, i - 1)) {
        strayNullBytes = true;
      }
    }
    if (strayNullBytes) {
      // NULL slots that carry bytes: drop them so a NULL always has length 0.
      byte[] packed = new byte[data.length];
      int pos = 0;
      int[] o2 = new int[n + 1];
      for (int i = 0; i < n; i++) {
        if (ChunkEncoder.valid(validity, i)) {
          System.arraycopy(data, off[i], packed, pos, off[i + 1] - off[i]);
          pos += off[i + 1] - off[i];
        }
        o2[i + 1] = pos;
      }
      off = o2;
      data = Arrays.copyOf(packed, pos);
    }
    int limit = Math.min(MAX_DICTIONARY, (n - nulls) / 2);
    RawChunk dict = limit > 0 ? tryDictionary(off, data, n, validity, nulls, vb, limit, utf8) : null;
    if (dict != null) {
      return dict;
    }
    int minI = -1;
    int maxI = -1;
    for (int i = 0; i < n; i++) {
      if (nulls != 0 && !ChunkEncoder.valid(validity, i)) {
        continue;
      }
      if (minI < 0 || compare(data, off, i, minI) < 0) {
        minI = i;
      }
      if (maxI < 0 || compare(data, off, i, maxI) > 0) {
        maxI = i;
      }
    }
    ColumnStats stats = nulls == n ? ColumnStats.allNull(n) : stats(
        nulls, -1, Arrays.copyOfRange(data, off[minI], off[minI + 1]),
        Arrays.copyOfRange(data, off[maxI], off[maxI + 1]), utf8);
    long[] offs = new long[n + 1];
    for (int i = 0; i <= n; i++) {
      offs[i] = off[i];
    }
    return new RawChunk(Encoding.PLAIN, List.of(vb, IntPacking.encode(offs, n + 1, 4), data), stats);
  }

  private static int compare(byte[] d, int[] off, int i, int j) {
    return Arrays.compareUnsigned(d, off[i], off[i + 1], d, off[j], off[j + 1]);
  }

  static ColumnStats stats(long nulls, long distinct, byte[] min, byte[] max, boolean utf8) {
    byte[] lo = StringBounds.lower(min, utf8);
    byte[] hi = StringBounds.upper(max, utf8);
    Object loV = utf8 ? new String(lo, StandardCharsets.UTF_8) : lo;
    Object hiV = hi == null ? null : utf8 ? new String(hi, StandardCharsets.UTF_8) : hi;
    return new ColumnStats(nulls, distinct, loV, hiV, lo == min, hi == max);
  }

  /** The dictionary chunk, or null when the chunk has more than {@code limit} distinct values. */
  private static RawChunk tryDictionary(
      int[] off, byte[] data, int n, byte[] validity, int nulls, byte[] vb, int limit, boolean utf8) {
    int cap = Integer.highestOneBit(Math.max(4, limit * 2)) << 1;
    int mask = cap - 1;
    int[] table = new int[cap];
    Arrays.fill(table, -1);
    int[] firstRow = new int[limit];
    int[] ids = new int[n];
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (nulls != 0 && !ChunkEncoder.valid(validity, i)) {
        continue;
      }
      int h = hash(data, off[i], off[i + 1]) & mask;
      while (true) {
        int id = table[h];
        if (id < 0) {
          if (distinct == limit) {
            return null;
          }
          table[h] = distinct;
          firstRow[distinct] = i;
          ids[i] = distinct++;
          break;
        }
        int r = firstRow[id];
        if (Arrays.equals(data, off[i], off[i + 1], data, off[r], off[r + 1])) {
          ids[i] = id;
          break;
        }
        h = (h + 1) & mask;
      }
    }
    Integer[] order = new Integer[distinct];
    for (int d = 0; d < distinct; d++) {
      order[d] = d;
    }
    Arrays.sort(order, (a, b) -> compare(data, off, firstRow[a], firstRow[b]));
    int[] rank = new int[distinct];
    long[] dictOff = new long[distinct + 1];
    int total = 0;
    for (int k = 0; k < distinct; k++) {
      rank[order[k]] = k;
      int r = firstRow[order[k]];
      total += off[r + 1] - off[r];
      dictOff[k + 1] = total;
    }
    byte[] dictData = new byte[total];
    for (int k = 0; k < distinct; k++) {
      int r = firstRow[order[k]];
      System.arraycopy(data, off[r], dictData, (int) dictOff[k], off[r + 1] - off[r]);
    }
    long[] codes = new long[n];
    long prev = 0;
    for (int i = 0; i < n; i++) {
      if (nulls == 0 || ChunkEncoder.valid(validity, i)) {
        prev = rank[ids[i]];
      }
      codes[i] = prev;
    }
    int rMin = firstRow[order[0]];
    int rMax = firstRow[order[distinct - 1]];
    ColumnStats stats = stats(nulls, distinct, Arrays.copyOfRange(data, off[rMin], off[rMin + 1]),
        Arrays.copyOfRange(data, off[rMax], off[rMax + 1]), utf8);
    return new RawChunk(Encoding.DICTIONARY,
        List.of(vb, IntPacking.encode(codes, n, 4), IntPacking.encode(dictOff, distinct + 1, 4), dictData), stats);
  }

  private static int hash(byte[] d, int from, int to) {
    int h = 0x9E3779B9;
    for (int i = from; i < to; i++) {
      h = (h ^ d[i]) * 0x01000193;
    }
    return h ^ (h >>> 15);
  }
}
