package dev.floe.planner.exec;

import dev.floe.storage.segment.ColumnStats;
import dev.floe.storage.segment.SegmentBatch;

/**
 * Drops the rows of each batch that cannot be among the first {@code keep} rows by one integer
 * column, for a scan below {@code ORDER BY ... LIMIT} (the sort above still orders and cuts; this
 * only spares it rows it would drop). It keeps the {@code keep} best keys seen so far; a row whose
 * key is strictly worse than the worst of them can never make the cut, since that bound only gets
 * better. Rows tied with the bound and NULL keys (whose place depends on the NULL ordering) are
 * kept, so the result is the same for any tie order and any further sort keys. Keys are compared in
 * Calcite's representation (TIME and TIMESTAMP as milliseconds). Not thread-safe.
 */
public final class TopNFilter {
  private final int position;
  private final boolean descending;
  private final int keep;
  private final boolean micros;
  /** Max-heap of the best (smallest, after {@link #order}) keys so far; heap[0] is the worst kept. */
  private final long[] heap;
  private int size;
  private long[] keys = new long[0];
  private boolean[] nulls = new boolean[0];

  /**
   * @param position the key column's vector index in each batch
   * @param descending whether larger keys come first
   * @param keep rows the sort keeps (offset plus fetch), at least 1
   * @param micros whether the column holds microseconds (TIME, TIMESTAMP), which Calcite compares as milliseconds
   */
  public TopNFilter(int position, boolean descending, int keep, boolean micros) {
    this.position = position;
    this.descending = descending;
    this.keep = keep;
    this.micros = micros;
    this.heap = new long[Math.max(1, keep)];
  }

  /**
   * The rows of batch {@code b} to pass on: a subset of {@code sel} (all {@code n} rows when null),
   * ascending; {@code sel} itself when nothing is dropped.
   */
  int[] reduce(SegmentBatch b, int[] sel, int n) {
    if (!offerAll(b, sel, n)) {
      return sel; // not an integer column of this segment: nothing is dropped
    }
    if (size < keep) {
      return sel;
    }
    long bound = heap[0];
    int kept = 0;
    for (int k = 0; k < n; k++) {
      if (nulls[k] || keys[k] <= bound) {
        kept++;
      }
    }
    if (kept == n) {
      return sel;
    }
    int[] out = new int[kept];
    int j = 0;
    for (int k = 0; k < n; k++) {
      if (nulls[k] || keys[k] <= bound) {
        out[j++] = sel == null ? k : sel[k];
      }
    }
    return out;
  }

  /**
   * Gathers the batch's keys (ordered so that smaller is better) and offers them to the heap;
   * false, doing nothing, when the column cannot be gathered as integers.
   */
  private boolean offerAll(SegmentBatch b, int[] sel, int n) {
    if (keys.length < n) {
      keys = new long[n];
      nulls = new boolean[n];
    }
    if (!b.longs(position, sel, n, keys)) { // false when the column cannot be gathered as integers
      return false;
    }
    boolean anyNull = b.nulls(position, sel, n, nulls);
    for (int k = 0; k < n; k++) {
      long x = order(micros ? Math.floorDiv(keys[k], 1000L) : keys[k]);
      keys[k] = x;
      if (anyNull && nulls[k]) {
        continue;
      }
      if (size < keep) {
        push(x);
      } else if (x < heap[0]) {
        replaceTop(x);
      }
    }
    return true;
  }

  /**
   * Whether a segment whose key column has stats {@code s} can hold a row that makes the cut: not
   * when its best bound is strictly worse than the worst of the {@code keep} best keys seen (and it
   * has no NULL key, which is always kept). For {@code TableScan.prioritize}.
   */
  public boolean mayContribute(ColumnStats s) {
    if (size < keep || s == null || s.nullCount() > 0) {
      return true;
    }
    Object best = descending ? s.max() : s.min();
    if (!(best instanceof Long l)) {
      return true;
    }
    return order(micros ? Math.floorDiv(l, 1000L) : l) <= heap[0];
  }

  /** The key in an order where smaller is better: reversed (bitwise NOT, no overflow) when descending. */
  private long order(long key) {
    return descending ? ~key : key;
  }

  private void push(long x) {
    int i = size++;
    heap[i] = x;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (heap[parent] >= heap[i]) {
        break;
      }
      long t = heap[parent];
      heap[parent] = heap[i];
      heap[i] = t;
      i = parent;
    }
  }

  private void replaceTop(long x) {
    heap[0] = x;
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      int r = l + 1;
      int largest = i;
      if (l < size && heap[l] > heap[largest]) {
        largest = l;
      }
      if (r < size && heap[r] > heap[largest]) {
        largest = r;
      }
      if (largest == i) {
        return;
      }
      long t = heap[largest];
      heap[largest] = heap[i];
      heap[i] = t;
      i = largest;
    }
  }
}
