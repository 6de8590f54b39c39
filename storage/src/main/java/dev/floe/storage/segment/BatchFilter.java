package dev.floe.storage.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vectorized evaluation of a {@link Bound} predicate over rows {@code [start, start + n)} of decoded
 * columns ({@code start} a multiple of 64). Three-valued logic is carried as two bitsets per
 * (sub)predicate, "true" and "false"; a row in neither is unknown. Comparisons on dictionary
 * columns are evaluated once per dictionary entry and then looked up by code. A comparison on a
 * column whose values are provably ascending (a time column) is two binary searches per batch. The
 * operands of an AND run the cheap ones first, and once no row can be true the rest are skipped
 * (unless a NOT above needs the false rows). One instance serves one scan; not thread-safe.
 */
final class BatchFilter {
  private final Bound root;
  private final Map<Integer, ColumnData> columns;
  private final Map<Bound, boolean[]> dictionaryMatches = new IdentityHashMap<>();
  private long[] keys = new long[0];

  BatchFilter(Bound root, Map<Integer, ColumnData> columns) {
    this.root = root;
    this.columns = columns;
  }

  /** The selected row indices relative to {@code start}, or null when every row is selected. */
  int[] select(int start, int n) {
    long[] t = eval(root, start, n, false)[0];
    int count = 0;
    for (long w : t) {
      count += Long.bitCount(w);
    }
    if (count == n) {
      return null;
    }
    int[] sel = new int[count];
    int k = 0;
    for (int w = 0; w < t.length; w++) {
      long word = t[w];
      while (word != 0) {
        sel[k++] = (w << 6) + Long.numberOfTrailingZeros(word);
        word &= word - 1;
      }
    }
    return sel;
  }

  /**
   * {true bits, false bits} of {@code b}; the false bits are exact only when {@code needFalse}
   * (otherwise an AND may stop early, leaving them incomplete).
   */
  private long[][] eval(Bound b, int start, int n, boolean needFalse) {
    int words = ColumnData.words(n);
    if (b instanceof Bound.Const c) {
      long[] ones = ones(n);
      long[] zeros = new long[words];
      return c.truth() == Bound.TRUE ? new long[][] {ones, zeros}
          : c.truth() == Bound.FALSE ? new long[][] {zeros, ones} : new long[][] {zeros, new long[words]};
    } else if (b instanceof Bound.All a) {
      long[] t = ones(n);
      long[] f = new long[words];
      for (Bound o : cheapFirst(a.operands())) {
        long[][] x = eval(o, start, n, needFalse);
        long any = 0;
        for (int w = 0; w < words; w++) {
          t[w] &= x[0][w];
          f[w] |= x[1][w];
          any |= t[w];
        }
        if (any == 0 && !needFalse) {
          break;
        }
      }
      return new long[][] {t, f};
    } else if (b instanceof Bound.Any a) {
      long[] t = new long[words];
      long[] f = ones(n);
      for (Bound o : a.operands()) {
        long[][] x = eval(o, start, n, needFalse);
        for (int w = 0; w < words; w++) {
          t[w] |= x[0][w];
          f[w] &= x[1][w];
        }
      }
      return new long[][] {t, f};
    } else if (b instanceof Bound.Negate neg) {
      long[][] x = eval(neg.operand(), start, n, true);
      return new long[][] {x[1], x[0]};
    }
    int id = b instanceof Bound.NullTest nt ? nt.columnId() : b instanceof Bound.Cmp c ? c.columnId()
        : b instanceof Bound.InSet in ? in.columnId() : ((Bound.Prefix) b).columnId();
    ColumnData col = columns.get(id);
    long[] valid = ones(n);
    if (col.validity != null) {
      System.arraycopy(col.validity, start >>> 6, valid, 0, words);
    }
    if (b instanceof Bound.NullTest nt) {
      long[] nulls = ones(n);
      for (int w = 0; w < words; w++) {
        nulls[w] &= ~valid[w];
      }
      return nt.wantNull() ? new long[][] {nulls, valid} : new long[][] {valid, nulls};
    }
    long[] cmp = matches(b, col, start, n);
    long[] t = new long[words];
    long[] f = new long[words];
    boolean inWithNull = b instanceof Bound.InSet in && in.hasNull();
    for (int w = 0; w < words; w++) {
      t[w] = valid[w] & cmp[w];
      f[w] = inWithNull ? 0 : valid[w] & ~cmp[w];
    }
    return new long[][] {t, f};
  }

  /** Bits set where the row's value satisfies the leaf, ignoring validity. */
  private long[] matches(Bound leaf, ColumnData c, int start, int n) {
    long[] bits = new long[ColumnData.words(n)];
    if (leaf instanceof Bound.Cmp cmp && (cmp.op() == Bound.CmpOp.ALWAYS || cmp.op() == Bound.CmpOp.NEVER)) {
      return cmp.op() == Bound.CmpOp.ALWAYS ? ones(n) : bits;
    }
    if (c.isDictionary()) {
      boolean[] m = dictionaryMatches.computeIfAbsent(leaf, l -> evalDictionary(l, c));
      int[] codes = c.codes;
      for (int i = 0; i < n; i++) {
        if (m[codes[start + i]]) {
          bits[i >>> 6] |= 1L << i;
        }
      }
    } else if (c.offsets != null) {
      BytesTest test = bytesTest(leaf);
      int[] off = c.offsets;
      for (int i = 0; i < n; i++) {
        if (test.test(c.data, off[start + i], off[start + i + 1])) {
          bits[i >>> 6] |= 1L << i;
        }
      }
    } else if (c.ascending && leaf instanceof Bound.Cmp cmp) {
      ascendingRange(c, start, n, cmp.op(), (Long) cmp.key(), bits);
    } else if (Keys.isLongKeyed(c.type)) {
      long[] k = loadKeys(c, start, n);
      if (leaf instanceof Bound.Cmp cmp) {
        compare(k, n, cmp.op(), (Long) cmp.key(), bits);
      } else {
        long[] set = ((Bound.InSet) leaf).longKeys();
        for (int i = 0; i < n; i++) {
          if (Arrays.binarySearch(set, k[i]) >= 0) {
            bits[i >>> 6] |= 1L << i;
          }
        }
      }
    } else {
      decimals(leaf, c, start, n, bits);
    }
    return bits;
  }

  /**
   * The operands with comparisons on ascending columns (binary searches) first; the order of an
   * AND's operands does not change its value.
   */
  private List<Bound> cheapFirst(List<Bound> operands) {
    List<Bound> cheap = null;
    for (Bound o : operands) {
      if (o instanceof Bound.Cmp c && columns.get(c.columnId()) != null && columns.get(c.columnId()).ascending) {
        if (cheap == null) {
          cheap = new ArrayList<>(operands.size());
        }
        cheap.add(o);
      }
    }
    if (cheap == null || cheap.size() == operands.size()) {
      return operands;
    }
    for (Bound o : operands) {
      if (!cheap.contains(o)) {
        cheap.add(o);
      }
    }
    return cheap;
  }

  /**
   * Sets bit i where {@code value[start + i] op key}, for values known to be non-decreasing: the
   * rows equal to the key form one run {@code [lo, hi)}, found by binary search, and every
   * operator selects a run or the complement of one.
   */
  private static void ascendingRange(ColumnData c, int start, int n, Bound.CmpOp op, long key, long[] bits) {
    int lo = firstAtLeast(c, start, n, key, false);
    int hi = firstAtLeast(c, start, n, key, true);
    switch (op) {
      case EQ -> setRange(bits, lo, hi);
      case NE -> {
        setRange(bits, 0, lo);
        setRange(bits, hi, n);
      }
      case LT -> setRange(bits, 0, lo);
      case LE -> setRange(bits, 0, hi);
      case GT -> setRange(bits, hi, n);
      case GE -> setRange(bits, lo, n);
      case ALWAYS -> setRange(bits, 0, n);
      case NEVER -> { }
    }
  }

  /** The first i in [0, n) with value[start + i] >= key (> key when {@code strictly}), or n. */
  private static int firstAtLeast(ColumnData c, int start, int n, long key, boolean strictly) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      long v = integerAt(c, start + mid);
      if (strictly ? v > key : v >= key) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Row {@code row} of an integer column, sign-extended from its width. */
  private static long integerAt(ColumnData c, int row) {
    byte[] v = c.values;
    return switch (ArrowTypes.byteWidth(c.type)) {
      case 1 -> v[row];
      case 2 -> (short) IntPacking.SHORT.get(v, row << 1);
      case 4 -> (int) IntPacking.INT.get(v, row << 2);
      default -> (long) IntPacking.LONG.get(v, row << 3);
    };
  }

  /** Sets bits {@code [from, to)}. */
  private static void setRange(long[] bits, int from, int to) {
    for (int i = from; i < to; ) {
      int w = i >>> 6;
      int end = Math.min(to, (w + 1) << 6);
      long mask = (end - i == 64 ? -1L : ((1L << (end - i)) - 1)) << (i & 63);
      bits[w] |= mask;
      i = end;
    }
  }

  /**
   * Sets bit i where {@code k[i] op key}: one branch-free loop per operator (a comparison decided
   * inside the loop, per row, costs several times more).
   */
  private static void compare(long[] k, int n, Bound.CmpOp op, long key, long[] bits) {
    switch (op) {
      case EQ -> { for (int i = 0; i < n; i++) { bits[i >>> 6] |= (k[i] == key ? 1L : 0L) << i; } }
      case NE -> { for (int i = 0; i < n; i++) { bits[i >>> 6] |= (k[i] != key ? 1L : 0L) << i; } }
      case LT -> { for (int i = 0; i < n; i++) { bits[i >>> 6] |= (k[i] < key ? 1L : 0L) << i; } }
      case LE -> { for (int i = 0; i < n; i++) { bits[i >>> 6] |= (k[i] <= key ? 1L : 0L) << i; } }
      case GT -> { for (int i = 0; i < n; i++) { bits[i >>> 6] |= (k[i] > key ? 1L : 0L) << i; } }
      case GE -> { for (int i = 0; i < n; i++) { bits[i >>> 6] |= (k[i] >= key ? 1L : 0L) << i; } }
      default -> {
        for (int i = 0; i < n; i++) {
          if (op.test(Long.compare(k[i], key))) {
            bits[i >>> 6] |= 1L << i;
          }
        }
      }
    }
  }

  private static void decimals(Bound leaf, ColumnData c, int start, int n, long[] bits) {
    long[] hi;
    long[] lo;
    Bound.CmpOp op;
    if (leaf instanceof Bound.Cmp cmp) {
      byte[] le = Decimals.toLittleEndian16((java.math.BigInteger) cmp.key());
      hi = new long[] {(long) IntPacking.LONG.get(le, 8)};
      lo = new long[] {(long) IntPacking.LONG.get(le, 0)};
      op = cmp.op();
    } else {
      Object[] ks = ((Bound.InSet) leaf).keys();
      hi = new long[ks.length];
      lo = new long[ks.length];
      for (int j = 0; j < ks.length; j++) {
        byte[] le = Decimals.toLittleEndian16((java.math.BigInteger) ks[j]);
        hi[j] = (long) IntPacking.LONG.get(le, 8);
        lo[j] = (long) IntPacking.LONG.get(le, 0);
      }
      op = Bound.CmpOp.EQ;
    }
    byte[] v = c.values;
    for (int i = 0; i < n; i++) {
      int p = (start + i) << 4;
      long h = (long) IntPacking.LONG.get(v, p + 8);
      long l = (long) IntPacking.LONG.get(v, p);
      boolean match = false;
      for (int j = 0; j < hi.length && !match; j++) {
        match = op.test(Decimals.compare(h, l, hi[j], lo[j]));
      }
      if (match) {
        bits[i >>> 6] |= 1L << i;
      }
    }
  }

  private static boolean[] evalDictionary(Bound leaf, ColumnData c) {
    BytesTest test = bytesTest(leaf);
    int size = c.dictOffsets.length - 1;
    boolean[] m = new boolean[Math.max(size, 1)];
    for (int d = 0; d < size; d++) {
      m[d] = test.test(c.dictData, c.dictOffsets[d], c.dictOffsets[d + 1]);
    }
    return m;
  }

  /** A test of one byte-string value {@code d[from, to)}. */
  private interface BytesTest {
    boolean test(byte[] d, int from, int to);
  }

  private static BytesTest bytesTest(Bound leaf) {
    if (leaf instanceof Bound.Cmp cmp) {
      byte[] key = (byte[]) cmp.key();
      Bound.CmpOp op = cmp.op();
      return (d, from, to) -> op.test(Arrays.compareUnsigned(d, from, to, key, 0, key.length));
    } else if (leaf instanceof Bound.InSet in) {
      Object[] ks = in.keys();
      return (d, from, to) -> {
        for (Object k : ks) {
          byte[] key = (byte[]) k;
          if (Arrays.equals(d, from, to, key, 0, key.length)) {
            return true;
          }
        }
        return false;
      };
    }
    byte[] p = ((Bound.Prefix) leaf).prefix();
    return (d, from, to) -> to - from >= p.length && Arrays.equals(d, from, from + p.length, p, 0, p.length);
  }

  /** Comparison keys of rows {@code [start, start + n)} of a long-keyed column. */
  private long[] loadKeys(ColumnData c, int start, int n) {
    if (keys.length < n) {
      keys = new long[n];
    }
    long[] k = keys;
    byte[] v = c.values;
    switch (c.type.kind()) {
      case BOOLEAN -> {
        for (int i = 0; i < n; i++) {
          int row = start + i;
          k[i] = (c.bits[row >>> 6] >>> row) & 1L;
        }
      }
      case REAL -> {
        for (int i = 0; i < n; i++) {
          k[i] = Keys.ofDouble(Float.intBitsToFloat((int) IntPacking.INT.get(v, (start + i) << 2)));
        }
      }
      case DOUBLE -> {
        for (int i = 0; i < n; i++) {
          k[i] = Keys.ofDouble(Double.longBitsToDouble((long) IntPacking.LONG.get(v, (start + i) << 3)));
        }
      }
      case TINYINT -> {
        for (int i = 0; i < n; i++) {
          k[i] = v[start + i];
        }
      }
      case SMALLINT -> {
        for (int i = 0; i < n; i++) {
          k[i] = (short) IntPacking.SHORT.get(v, (start + i) << 1);
        }
      }
      case INTEGER, DATE -> {
        for (int i = 0; i < n; i++) {
          k[i] = (int) IntPacking.INT.get(v, (start + i) << 2);
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          k[i] = (long) IntPacking.LONG.get(v, (start + i) << 3);
        }
      }
    }
    return k;
  }

  private static long[] ones(int n) {
    long[] w = new long[ColumnData.words(n)];
    Arrays.fill(w, -1L);
    int tail = n & 63;
    if (tail != 0) {
      w[w.length - 1] = (1L << tail) - 1;
    }
    return w;
  }
}
