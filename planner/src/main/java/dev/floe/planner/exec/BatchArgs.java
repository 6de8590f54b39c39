package dev.floe.planner.exec;

import dev.floe.storage.segment.SegmentBatch;

/**
 * The aggregate arguments of the batch being aggregated, each column gathered at most once however
 * many aggregates read it ({@code AVG(price), MIN(price)} decode {@code price} once), as primitive
 * arrays of the selected rows in Calcite's internal representation. Not thread-safe; the arrays
 * are reused from batch to batch.
 */
final class BatchArgs {
  private SegmentBatch batch;
  private int[] sel;
  private int n;
  private int serial;
  private Slot[] slots = new Slot[0];

  /** One column's gathered rows, valid while {@code loaded == serial}. */
  private static final class Slot {
    long[] longs = new long[0];
    double[] doubles = new double[0];
    boolean[] nulls = new boolean[0];
    boolean anyNull;
    int longsLoaded = -1;
    int doublesLoaded = -1;
    int nullsLoaded = -1;

    void ensure(int n) {
      if (nulls.length < n) {
        nulls = new boolean[n];
      }
    }
  }

  /** Starts the next batch: rows {@code sel[k]} ({@code k} when null) for k below {@code n}. */
  void next(SegmentBatch b, int[] sel, int n) {
    this.batch = b;
    this.sel = sel;
    this.n = n;
    serial++;
  }

  private Slot slot(int p) {
    if (p >= slots.length) {
      slots = java.util.Arrays.copyOf(slots, p + 1);
    }
    if (slots[p] == null) {
      slots[p] = new Slot();
    }
    Slot s = slots[p];
    s.ensure(n);
    return s;
  }

  /** Column {@code p}'s selected values as longs (microseconds floored to milliseconds when {@code micros}). */
  long[] longs(int p, boolean micros) {
    Slot s = slot(p);
    if (s.longsLoaded != serial) {
      if (s.longs.length < n) {
        s.longs = new long[n];
      }
      s.anyNull = NumericColumn.longs(batch, p, micros, sel, n, s.longs, s.nulls);
      s.longsLoaded = serial;
      s.nullsLoaded = serial;
    }
    return s.longs;
  }

  /**
   * The sum of column {@code p} over the batch's rows when every row is selected and the segment
   * can sum them without decoding ({@link SegmentBatch#sumAll}); null otherwise.
   */
  Long sumAll(int p) {
    return sel == null && n == batch.rowCount() ? batch.sumAll(p) : null;
  }

  /** Column {@code p}'s selected values as doubles (REAL and DOUBLE). */
  double[] doubles(int p) {
    Slot s = slot(p);
    if (s.doublesLoaded != serial) {
      if (s.doubles.length < n) {
        s.doubles = new double[n];
      }
      s.anyNull = NumericColumn.doubles(batch, p, sel, n, s.doubles, s.nulls);
      s.doublesLoaded = serial;
      s.nullsLoaded = serial;
    }
    return s.doubles;
  }

  /** Whether each selected row of column {@code p} is NULL. */
  boolean[] nulls(int p) {
    Slot s = slot(p);
    if (s.nullsLoaded != serial) {
      s.anyNull = NumericColumn.nulls(batch, p, sel, n, s.nulls);
      s.nullsLoaded = serial;
    }
    return s.nulls;
  }

  /** Whether some selected row of column {@code p} is NULL (after {@link #nulls}, {@link #longs} or {@link #doubles}). */
  boolean anyNull(int p) {
    return slots[p].anyNull;
  }
}
