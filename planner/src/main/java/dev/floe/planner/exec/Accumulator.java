package dev.floe.planner.exec;

import java.math.BigDecimal;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;

/**
 * The per-group state of one {@link AggCall}, fed a batch at a time: primitive arrays indexed by
 * group id, filled by tight loops over the gathered values. Results follow Calcite's semantics for
 * the same call (SUM of no value is NULL, {@code $SUM0} 0; MIN and MAX compare as Calcite's
 * {@code SqlFunctions.lesser/greater} do; sums add in row order), except that an integer SUM that
 * leaves its result type's range raises {@link ArithmeticException} (SQLState 22003) instead of
 * wrapping.
 */
abstract class Accumulator {
  /** Non-NULL inputs per group (rows, for COUNT(*)). */
  long[] counts = new long[16];

  static Accumulator of(AggCall call, FieldVector sample) {
    if (call.kind() == AggCall.Kind.COUNT) {
      return new Count(call);
    }
    NumericColumn.Shape shape = sample == null ? NumericColumn.Shape.LONG : NumericColumn.shape(sample);
    return switch (shape) {
      case LONG -> new Longs(call, sample != null && NumericColumn.micros(sample));
      case DOUBLE -> new Doubles(call);
      default -> throw new IllegalArgumentException(call + " over " + sample.getClass().getSimpleName());
    };
  }

  /**
   * The accumulator of a call that starts from segment stats ({@link #absorb}), before any batch:
   * COUNT, or MIN/MAX of an integer column ({@code micros}: TIME or TIMESTAMP).
   */
  static Accumulator ofStats(AggCall call, boolean micros) {
    return call.kind() == AggCall.Kind.COUNT ? new Count(call) : new Longs(call, micros);
  }

  final AggCall call;

  Accumulator(AggCall call) {
    this.call = call;
  }

  /** Makes room for group ids below {@code groups}. */
  void ensure(int groups) {
    if (counts.length < groups) {
      counts = Arrays.copyOf(counts, Math.max(groups, counts.length * 2));
    }
  }

  /**
   * Adds the selected rows of one batch: row {@code sel[k]} (row k when {@code sel} is null)
   * belongs to group {@code groups[k]}; {@code single} when every row is in group 0 (no GROUP BY).
   *
   * @param args the batch's gathered arguments, and {@code p} this one's column in it; {@code p < 0}
   *     when the argument is NULL in every row
   */
  abstract void add(BatchArgs args, int p, int n, int[] groups, boolean single);

  /** The result for {@code group}, in Calcite's internal representation of the result type. */
  abstract Object result(int group);

  /**
   * Adds a whole segment from its stats, without GROUP BY: {@code values} non-NULL inputs ({@code
   * rows}, for COUNT(*)) and, for MIN and MAX, {@code bound}: the smallest (MIN) or largest (MAX) of
   * them, in the column's stored unit. The same comparisons as {@link #add}, so the result is the
   * one reading the rows would give.
   *
   * @throws IllegalStateException for a call that stats cannot answer (SUM, or floating point)
   */
  void absorb(long values, long bound) {
    throw new IllegalStateException(call + " cannot be answered from stats");
  }

  /** COUNT(*) and COUNT(x). */
  private static final class Count extends Accumulator {

    Count(AggCall call) {
      super(call);
    }

    @Override
    void add(BatchArgs args, int p, int n, int[] groups, boolean single) {
      if (call.arg() >= 0) {
        if (p < 0) {
          return;
        }
        boolean[] nulls = args.nulls(p);
        if (args.anyNull(p)) {
          for (int k = 0; k < n; k++) {
            if (!nulls[k]) {
              counts[groups[k]]++;
            }
          }
          return;
        }
      }
      if (single) {
        counts[0] += n;
        return;
      }
      for (int k = 0; k < n; k++) {
        counts[groups[k]]++;
      }
    }

    @Override
    Object result(int group) {
      return counts[group];
    }

    @Override
    void absorb(long values, long bound) {
      counts[0] += values;
    }
  }

  /** SUM, $SUM0, MIN, MAX of integers, dates, times and timestamps. */
  private static final class Longs extends Accumulator {
    private long[] values = new long[16];
    /** Whether the column holds microseconds, summed and compared as Calcite's milliseconds. */
    private final boolean micros;

    Longs(AggCall call, boolean micros) {
      super(call);
      this.micros = micros;
    }

    @Override
    void ensure(int groups) {
      super.ensure(groups);
      if (values.length < counts.length) {
        values = Arrays.copyOf(values, counts.length);
      }
    }

    @Override
    void add(BatchArgs args, int p, int n, int[] groups, boolean single) {
      if (p < 0) {
        return;
      }
      if (single && !micros && (call.kind() == AggCall.Kind.SUM || call.kind() == AggCall.Kind.SUM0)) {
        Long sum = args.sumAll(p); // summed from the packed words, when the segment can
        if (sum != null) {
          values[0] = Math.addExact(values[0], sum);
          counts[0] += n;
          return;
        }
      }
      long[] in = args.longs(p, micros);
      boolean[] nulls = args.nulls(p);
      boolean anyNull = args.anyNull(p);
      long[] values = this.values;
      long[] counts = this.counts;
      switch (call.kind()) {
        case SUM, SUM0 -> {
          if (single && !anyNull) { // no GROUP BY, no NULL: one running sum
            long sum = values[0];
            for (int k = 0; k < n; k++) {
              sum = Math.addExact(sum, in[k]);
            }
            values[0] = sum;
            counts[0] += n;
            return;
          }
          for (int k = 0; k < n; k++) {
            if (!anyNull || !nulls[k]) {
              int g = groups[k];
              values[g] = Math.addExact(values[g], in[k]);
              counts[g]++;
            }
          }
        }
        case MIN -> {
          if (single && !anyNull && n > 0) { // one running bound in a register, same comparisons
            long m = counts[0] == 0 ? in[0] : values[0];
            for (int k = 0; k < n; k++) {
              long x = in[k];
              m = m > x ? x : m;
            }
            values[0] = m;
            counts[0] += n;
            return;
          }
          for (int k = 0; k < n; k++) {
            if (!anyNull || !nulls[k]) {
              int g = groups[k];
              long x = in[k];
              values[g] = counts[g]++ == 0 || values[g] > x ? x : values[g];
            }
          }
        }
        case MAX -> {
          if (single && !anyNull && n > 0) { // one running bound in a register, same comparisons
            long m = counts[0] == 0 ? in[0] : values[0];
            for (int k = 0; k < n; k++) {
              long x = in[k];
              m = m < x ? x : m;
            }
            values[0] = m;
            counts[0] += n;
            return;
          }
          for (int k = 0; k < n; k++) {
            if (!anyNull || !nulls[k]) {
              int g = groups[k];
              long x = in[k];
              values[g] = counts[g]++ == 0 || values[g] < x ? x : values[g];
            }
          }
        }
        default -> throw new IllegalStateException(call.toString());
      }
    }

    @Override
    Object result(int group) {
      if (counts[group] == 0 && call.kind() != AggCall.Kind.SUM0) {
        return null;
      }
      long x = values[group];
      switch (call.resultType()) {
        case "TINYINT":
          if (x != (byte) x) {
            throw overflow();
          }
          return (byte) x;
        case "SMALLINT":
          if (x != (short) x) {
            throw overflow();
          }
          return (short) x;
        case "INTEGER":
        case "DATE":
        case "TIME":
          if (x != (int) x) {
            throw overflow();
          }
          return (int) x;
        case "DECIMAL":
          return BigDecimal.valueOf(x);
        case "DOUBLE":
        case "FLOAT":
          return (double) x;
        case "REAL":
          return (float) x;
        default:
          return x;
      }
    }

    @Override
    void absorb(long n, long bound) {
      if (call.kind() != AggCall.Kind.MIN && call.kind() != AggCall.Kind.MAX) {
        super.absorb(n, bound);
      }
      if (n == 0) {
        return;
      }
      long x = micros ? Math.floorDiv(bound, 1000L) : bound;
      boolean better = call.kind() == AggCall.Kind.MIN ? values[0] > x : values[0] < x;
      values[0] = counts[0] == 0 || better ? x : values[0];
      counts[0] += n;
    }

    private ArithmeticException overflow() {
      return new ArithmeticException(call.kind() + " is out of range of its result type " + call.resultType()
          + "; CAST the argument to BIGINT (or DECIMAL) before summing");
    }
  }

  /** SUM, $SUM0, MIN, MAX of REAL and DOUBLE. */
  private static final class Doubles extends Accumulator {
    private double[] values = new double[16];

    Doubles(AggCall call) {
      super(call);
    }

    @Override
    void ensure(int groups) {
      super.ensure(groups);
      if (values.length < counts.length) {
        values = Arrays.copyOf(values, counts.length);
      }
    }

    @Override
    void add(BatchArgs args, int p, int n, int[] groups, boolean single) {
      if (p < 0) {
        return;
      }
      double[] in = args.doubles(p);
      boolean[] nulls = args.nulls(p);
      boolean anyNull = args.anyNull(p);
      double[] values = this.values;
      long[] counts = this.counts;
      switch (call.kind()) {
        case SUM, SUM0 -> {
          if (single && !anyNull) { // no GROUP BY, no NULL: one running sum, in row order
            double sum = values[0];
            for (int k = 0; k < n; k++) {
              sum += in[k];
            }
            values[0] = sum;
            counts[0] += n;
            return;
          }
          for (int k = 0; k < n; k++) {
            if (!anyNull || !nulls[k]) {
              int g = groups[k];
              values[g] += in[k];
              counts[g]++;
            }
          }
        }
        case MIN -> {
          if (single && !anyNull && n > 0) { // one running bound in a register, same comparisons
            double m = counts[0] == 0 ? in[0] : values[0];
            for (int k = 0; k < n; k++) {
              double x = in[k];
              m = m > x ? x : m;
            }
            values[0] = m;
            counts[0] += n;
            return;
          }
          for (int k = 0; k < n; k++) {
            if (!anyNull || !nulls[k]) {
              int g = groups[k];
              double x = in[k];
              values[g] = counts[g]++ == 0 || values[g] > x ? x : values[g];
            }
          }
        }
        case MAX -> {
          if (single && !anyNull && n > 0) { // one running bound in a register, same comparisons
            double m = counts[0] == 0 ? in[0] : values[0];
            for (int k = 0; k < n; k++) {
              double x = in[k];
              m = m < x ? x : m;
            }
            values[0] = m;
            counts[0] += n;
            return;
          }
          for (int k = 0; k < n; k++) {
            if (!anyNull || !nulls[k]) {
              int g = groups[k];
              double x = in[k];
              values[g] = counts[g]++ == 0 || values[g] < x ? x : values[g];
            }
          }
        }
        default -> throw new IllegalStateException(call.toString());
      }
    }

    @Override
    Object result(int group) {
      if (counts[group] == 0 && call.kind() != AggCall.Kind.SUM0) {
        return null;
      }
      double x = values[group];
      return call.resultType().equals("REAL") ? (Object) (float) x : (Object) x;
    }
  }
}
