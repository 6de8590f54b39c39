package dev.floe.planner.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.floe.storage.segment.SegmentBatch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Interns one GROUP BY column's values as dense ids (0, 1, 2, ... in order of first appearance;
 * NULL is a value too), with the same equality as Calcite's own grouping of the boxed values
 * ({@code equals} of the {@link ColumnReader} value). Numbers and strings are interned without
 * allocating per row; a value is boxed once, when first seen.
 */
abstract class KeyColumn {
  final List<Object> values = new ArrayList<>();
  private int nullId = -1;

  /** A key column for vectors like {@code v} (every batch of a column has the same vector class). */
  static KeyColumn of(FieldVector v) {
    if (v instanceof VarCharVector) {
      return new Strings();
    }
    return switch (NumericColumn.shape(v)) {
      case LONG, DOUBLE -> new Numbers();
      default -> new Objects();
    };
  }

  /** A key column whose every value is NULL (a historical version without the column). */
  static KeyColumn nullsOnly() {
    return new Objects();
  }

  /** Writes the id of row {@code sel[k]} (row k when {@code sel} is null) of {@code v} to {@code out[k]}. */
  abstract void ids(FieldVector v, int[] sel, int n, int[] out);

  /** Whether this key column can read a batch as dictionary codes ({@link #ids(SegmentBatch.Dictionary, int[], int, int[])}). */
  boolean takesCodes() {
    return false;
  }

  /** As {@link #ids(FieldVector, int[], int, int[])}, from the column's dictionary codes; only if {@link #takesCodes}. */
  void ids(SegmentBatch.Dictionary codes, int[] sel, int n, int[] out) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " keys are read from vectors");
  }

  /** The value (Calcite's internal representation) of {@code id}. */
  final Object value(int id) {
    return values.get(id);
  }

  final int nullId() {
    if (nullId < 0) {
      nullId = values.size();
      values.add(null);
    }
    return nullId;
  }

  /** Integers, dates, times, timestamps, floating point: by their bits. */
  private static final class Numbers extends KeyColumn {
    private final LongIntMap map = new LongIntMap();
    private int[] valueIds = new int[64]; // map id -> values index
    private long[] bits = new long[0];
    private double[] doubles = new double[0];
    private boolean[] nulls = new boolean[0];

    @Override
    void ids(FieldVector v, int[] sel, int n, int[] out) {
      if (bits.length < n) {
        bits = new long[n];
        nulls = new boolean[n];
      }
      if (NumericColumn.shape(v) == NumericColumn.Shape.DOUBLE) {
        if (doubles.length < n) {
          doubles = new double[n];
        }
        NumericColumn.doubles(v, sel, n, doubles, nulls);
        for (int k = 0; k < n; k++) {
          bits[k] = Double.doubleToLongBits(doubles[k]);
        }
      } else {
        NumericColumn.longs(v, sel, n, bits, nulls);
      }
      ColumnReader reader = null;
      for (int k = 0; k < n; k++) {
        if (nulls[k]) {
          out[k] = nullId();
          continue;
        }
        int before = map.size();
        int id = map.intern(bits[k]);
        if (id == before) { // first appearance
          if (reader == null) {
            reader = ColumnReader.of(v);
          }
          if (id >= valueIds.length) {
            valueIds = Arrays.copyOf(valueIds, valueIds.length * 2);
          }
          valueIds[id] = values.size();
          values.add(reader.get(sel == null ? k : sel[k]));
        }
        out[k] = valueIds[id];
      }
    }
  }

  /**
   * VARCHAR: by UTF-8 bytes. Each batch's value bytes are copied out of the vector in one bulk copy
   * into a reused array, where hashing and comparing are plain array loops (bounds-checked reads
   * of the Arrow buffer, one byte at a time, cost several times more).
   */
  private static final class Strings extends KeyColumn {
    private int[] slots = new int[64]; // values index + 1; 0 empty
    private int[] hashes = new int[64];
    private byte[][] keys = new byte[64][];
    private int size;
    /** The current batch's value bytes, and its offsets. */
    private byte[] bytes = new byte[0];
    private int[] offsets = new int[0];
    /** The dictionary last seen (its entries' offsets: one array per segment), and its codes' ids (-1: not yet). */
    private int[] dictionaryOffsets;
    private int[] idOfCode = new int[0];

    /**
     * With dictionary codes: each distinct entry of the segment is interned once, then every row
     * is an array lookup by its code.
     */
    @Override
    boolean takesCodes() {
      return true;
    }

    @Override
    void ids(SegmentBatch.Dictionary d, int[] sel, int n, int[] out) {
      if (d.offsets() != dictionaryOffsets) {
        dictionaryOffsets = d.offsets();
        if (idOfCode.length < d.size()) {
          idOfCode = new int[d.size()];
        }
        java.util.Arrays.fill(idOfCode, 0, d.size(), -1);
      }
      int[] codes = d.codes();
      int first = d.first();
      int[] entries = d.offsets();
      byte[] entryBytes = d.bytes();
      boolean nullable = d.hasNulls();
      for (int k = 0; k < n; k++) {
        int r = sel == null ? k : sel[k];
        if (nullable && d.isNull(r)) {
          out[k] = nullId();
          continue;
        }
        int c = codes[first + r];
        int id = idOfCode[c];
        if (id < 0) {
          id = intern(entryBytes, entries[c], entries[c + 1] - entries[c]);
          idOfCode[c] = id;
        }
        out[k] = id;
      }
    }

    @Override
    void ids(FieldVector vector, int[] sel, int n, int[] out) {
      VarCharVector v = (VarCharVector) vector;
      int rows = v.getValueCount();
      if (offsets.length < rows + 1) {
        offsets = new int[Math.max(rows + 1, offsets.length * 2)];
      }
      ArrowBuf offsetBuffer = v.getOffsetBuffer();
      for (int r = 0; r <= rows; r++) {
        offsets[r] = offsetBuffer.getInt((long) r * 4);
      }
      int total = rows == 0 ? 0 : offsets[rows];
      if (bytes.length < total) {
        bytes = new byte[Math.max(total, bytes.length * 2)];
      }
      v.getDataBuffer().getBytes(0, bytes, 0, total);
      boolean nullable = v.getNullCount() > 0;
      for (int k = 0; k < n; k++) {
        int r = sel == null ? k : sel[k];
        if (nullable && v.isNull(r)) {
          out[k] = nullId();
          continue;
        }
        int start = offsets[r];
        out[k] = intern(bytes, start, offsets[r + 1] - start);
      }
    }

    /** The id of the {@code len} bytes at {@code start} of {@code data}. */
    private int intern(byte[] data, int start, int len) {
      int h = 1;
      for (int i = start, end = start + len; i < end; i++) {
        h = 31 * h + data[i];
      }
      h *= 0x9E3779B9; // spread: keys such as 'SYM041', 'SYM042' differ only in their low bits
      h ^= h >>> 15;
      int mask = slots.length - 1;
      for (int i = h & mask; ; i = (i + 1) & mask) {
        int s = slots[i];
        if (s == 0) {
          byte[] key = java.util.Arrays.copyOfRange(data, start, start + len);
          int id = values.size();
          values.add(new String(key, java.nio.charset.StandardCharsets.UTF_8));
          slots[i] = id + 1;
          hashes[i] = h;
          keys[i] = key;
          if (++size * 2 > slots.length) {
            grow();
          }
          return id;
        }
        byte[] key = keys[i];
        if (hashes[i] == h && java.util.Arrays.equals(key, 0, key.length, data, start, start + len)) {
          return s - 1;
        }
      }
    }

    private void grow() {
      int[] oldSlots = slots;
      int[] oldHashes = hashes;
      byte[][] oldKeys = keys;
      slots = new int[oldSlots.length * 2];
      hashes = new int[slots.length];
      keys = new byte[slots.length][];
      int mask = slots.length - 1;
      for (int j = 0; j < oldSlots.length; j++) {
        if (oldSlots[j] != 0) {
          int i = oldHashes[j] & mask;
          while (slots[i] != 0) {
            i = (i + 1) & mask;
          }
          slots[i] = oldSlots[j];
          hashes[i] = oldHashes[j];
          keys[i] = oldKeys[j];
        }
      }
    }
  }

  /** Anything else (BOOLEAN, DECIMAL, VARBINARY): by the boxed value's equals. */
  private static final class Objects extends KeyColumn {
    private final Map<Object, Integer> ids = new HashMap<>();

    @Override
    void ids(FieldVector v, int[] sel, int n, int[] out) {
      ColumnReader reader = ColumnReader.of(v);
      for (int k = 0; k < n; k++) {
        Object value = reader.get(sel == null ? k : sel[k]);
        if (value == null) {
          out[k] = nullId();
          continue;
        }
        Integer id = ids.get(value);
        if (id == null) {
          id = values.size();
          values.add(value);
          ids.put(value, id);
        }
        out[k] = id;
      }
    }
  }
}
