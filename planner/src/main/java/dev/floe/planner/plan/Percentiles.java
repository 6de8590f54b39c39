package dev.floe.planner.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.schema.impl.AggregateFunctionImpl;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.util.Optionality;

/**
 * The ordered-set aggregates, computed as PostgreSQL defines them: {@code PERCENTILE_CONT(f) WITHIN
 * GROUP (ORDER BY x)} interpolates linearly between the two values around position {@code f * (n -
 * 1)} of the sorted non-null values; {@code PERCENTILE_DISC(f)} returns the first value whose
 * position in that order reaches the fraction {@code f} of them; {@code MEDIAN(x)} (DuckDB's and
 * Oracle's) is {@code PERCENTILE_CONT(0.5)}, and DuckDB's {@code QUANTILE_CONT(x, f)} and {@code
 * QUANTILE_DISC(x, f)} are the ascending forms. NULLs are skipped; a group with no non-null value
 * gives NULL. Each group keeps its values in memory until it ends (as every engine does for exact
 * percentiles).
 *
 * <p>The accumulators are public because Calcite's generated code calls them.
 */
public final class Percentiles {
  private Percentiles() {}

  /** {@code MEDIAN(x)}: DOUBLE. */
  static final SqlAggFunction MEDIAN = doubleResult("MEDIAN", Median.class, SqlTypeFamily.NUMERIC);
  /** {@code QUANTILE_CONT(x, f)}: DOUBLE. */
  static final SqlAggFunction QUANTILE_CONT = doubleResult("QUANTILE_CONT", ContAsc.class,
      SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC);
  /** {@code QUANTILE_DISC(x, f)}: the type of {@code x}. */
  static final SqlAggFunction QUANTILE_DISC = function("QUANTILE_DISC", DiscAsc.class,
      ReturnTypes.ARG0.andThen(SqlTypeTransforms.FORCE_NULLABLE), SqlTypeFamily.ANY, SqlTypeFamily.NUMERIC);

  private static final SqlAggFunction CONT_ASC = doubleResult("PERCENTILE_CONT", ContAsc.class,
      SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC);
  private static final SqlAggFunction CONT_DESC = doubleResult("PERCENTILE_CONT_DESC", ContDesc.class,
      SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC);
  private static final SqlAggFunction DISC_ASC = function("PERCENTILE_DISC", DiscAsc.class, ReturnTypes.ARG0,
      SqlTypeFamily.ANY, SqlTypeFamily.NUMERIC);
  private static final SqlAggFunction DISC_DESC = function("PERCENTILE_DISC_DESC", DiscDesc.class, ReturnTypes.ARG0,
      SqlTypeFamily.ANY, SqlTypeFamily.NUMERIC);

  /*
   * Each function has a name of its own: Calcite takes operators of one class and name for the same
   * operator, and would merge an ascending and a descending call over the same values into one.
   */

  /** The function that computes an ordered-set aggregate of {@code kind} over {@code (x, fraction)}. */
  static SqlAggFunction forKind(SqlKind kind, boolean descending) {
    if (kind == SqlKind.PERCENTILE_CONT) {
      return descending ? CONT_DESC : CONT_ASC;
    }
    return descending ? DISC_DESC : DISC_ASC;
  }

  /** The functions a statement may call by name (the PERCENTILE forms are rewritten from Calcite's). */
  public static List<SqlAggFunction> callable() {
    return List.of(MEDIAN, QUANTILE_CONT, QUANTILE_DISC);
  }

  private static SqlAggFunction doubleResult(String name, Class<?> accumulator, SqlTypeFamily... operands) {
    return function(name, accumulator, ReturnTypes.DOUBLE_NULLABLE, operands);
  }

  private static SqlAggFunction function(String name, Class<?> accumulator, SqlReturnTypeInference result,
      SqlTypeFamily... operands) {
    return new SqlUserDefinedAggFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        result, InferTypes.RETURN_TYPE,
        OperandTypes.operandMetadata(List.of(operands), types -> List.of(), i -> "arg" + i, i -> false),
        AggregateFunctionImpl.create(accumulator), false, false, Optionality.FORBIDDEN);
  }

  /** The fraction, checked as PostgreSQL does. */
  static double fraction(double f) {
    if (!(f >= 0 && f <= 1)) {
      throw new IllegalArgumentException("percentile value " + f + " is not between 0 and 1");
    }
    return f;
  }

  /** Sorted doubles of one group. */
  public static final class Doubles {
    double[] values = new double[16];
    int size;
    double fraction = Double.NaN;

    void add(double v, double f) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
      fraction = f;
    }

    Double interpolate(boolean descending) {
      if (size == 0) {
        return null;
      }
      double[] v = Arrays.copyOf(values, size);
      Arrays.sort(v);
      double f = fraction(descending ? 1 - fraction : fraction);
      double pos = f * (size - 1);
      int lo = (int) Math.floor(pos);
      int hi = (int) Math.ceil(pos);
      return lo == hi ? v[lo] : v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }
  }

  /** Values of one group, any comparable type. */
  public static final class Values {
    final List<Comparable<Object>> values = new ArrayList<>();
    double fraction = Double.NaN;

    @SuppressWarnings("unchecked")
    void add(Object v, double f) {
      values.add((Comparable<Object>) v);
      fraction = f;
    }

    Object pick(boolean descending) {
      if (values.isEmpty()) {
        return null;
      }
      List<Comparable<Object>> v = new ArrayList<>(values);
      v.sort(descending ? Collections.reverseOrder() : Comparator.naturalOrder());
      double f = fraction(fraction);
      int i = Math.max(0, (int) Math.ceil(f * v.size()) - 1);
      return v.get(Math.min(i, v.size() - 1));
    }
  }

  /** What the CONT accumulators share: the values, as doubles (Calcite calls these methods by name). */
  public static class ContValues {
    public Doubles init() {
      return new Doubles();
    }

    public Doubles add(Doubles acc, Number x, Number fraction) {
      acc.add(x.doubleValue(), fraction.doubleValue());
      return acc;
    }
  }

  /** {@code PERCENTILE_CONT ... ORDER BY x} and {@code QUANTILE_CONT}. */
  public static final class ContAsc extends ContValues {
    public Double result(Doubles acc) {
      return acc.interpolate(false);
    }
  }

  /** {@code PERCENTILE_CONT ... ORDER BY x DESC}. */
  public static final class ContDesc extends ContValues {
    public Double result(Doubles acc) {
      return acc.interpolate(true);
    }
  }

  /** {@code MEDIAN(x)}. */
  public static final class Median {
    public Doubles init() {
      return new Doubles();
    }

    public Doubles add(Doubles acc, Number x) {
      acc.add(x.doubleValue(), 0.5);
      return acc;
    }

    public Double result(Doubles acc) {
      return acc.interpolate(false);
    }
  }

  /** What the DISC accumulators share: the values as they come (any comparable type). */
  public static class DiscValues {
    public Values init() {
      return new Values();
    }

    public Values add(Values acc, Object x, Number fraction) {
      acc.add(x, fraction.doubleValue());
      return acc;
    }
  }

  /** {@code PERCENTILE_DISC ... ORDER BY x} and {@code QUANTILE_DISC}. */
  public static final class DiscAsc extends DiscValues {
    public Object result(Values acc) {
      return acc.pick(false);
    }
  }

  /** {@code PERCENTILE_DISC ... ORDER BY x DESC}. */
  public static final class DiscDesc extends DiscValues {
    public Object result(Values acc) {
      return acc.pick(true);
    }
  }
}
