package dev.floe.storage.segment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A row filter over column ids, pushed into the segment reader and used to prune segments by their
 * stats. Immutable.
 *
 * <p>Literals are in the column's physical domain: Boolean for BOOLEAN; Long (or any integral
 * Number) for TINYINT..BIGINT, DATE (days), TIME (micros of day), TIMESTAMP and TIMESTAMP_LTZ
 * (micros since the epoch); a Double (any Number) for REAL and DOUBLE; BigDecimal (or an integral
 * Number) for DECIMAL; String for VARCHAR; byte[] for VARBINARY. An integer or DECIMAL column
 * compared with a BigDecimal or Double literal it cannot hold exactly is compared with the exact
 * value ({@code int_col < 2.5} selects 2). Binding a literal of any other class to a column throws
 * {@link IllegalArgumentException}.
 *
 * <p>Semantics are SQL's three-valued logic: a comparison involving NULL (a NULL row value or a
 * NULL literal) is unknown; a row is selected only if the predicate is true; NOT of unknown is
 * unknown, so {@code NOT(x > 5)} does not select rows where x is NULL. {@code x IN (1, NULL)} is
 * true for 1 and unknown otherwise. BETWEEN is {@code low <= x AND x <= high}. REAL and DOUBLE
 * compare by a total order: -0.0 equals 0.0, NaN equals NaN and is greater than +Infinity. VARCHAR
 * compares by UTF-8 bytes (Unicode code point order), VARBINARY by unsigned bytes. A column the
 * segment does not hold (added later) is NULL in every row.
 */
public sealed interface Predicate
    permits Predicate.Compare, Predicate.Between, Predicate.In, Predicate.IsNull, Predicate.IsNotNull,
        Predicate.StartsWith, Predicate.And, Predicate.Or, Predicate.Not, Predicate.Constant {

  /** Selects every row. */
  Predicate TRUE = new Constant(true);
  /** Selects no row. */
  Predicate FALSE = new Constant(false);

  /** Comparison operators. */
  enum Op {
    EQ, NE, LT, LE, GT, GE
  }

  /** {@code column op value}; a null value makes the comparison unknown. */
  record Compare(int columnId, Op op, Object value) implements Predicate {
    public Compare {
      Objects.requireNonNull(op, "op");
    }
  }

  /** {@code column BETWEEN low AND high} (inclusive). */
  record Between(int columnId, Object low, Object high) implements Predicate {}

  /** {@code column IN (values)}; values may contain null. */
  record In(int columnId, List<Object> values) implements Predicate {
    public In {
      values = Collections.unmodifiableList(new ArrayList<>(values));
    }
  }

  /** {@code column IS NULL}. */
  record IsNull(int columnId) implements Predicate {}

  /** {@code column IS NOT NULL}. */
  record IsNotNull(int columnId) implements Predicate {}

  /** {@code column LIKE 'prefix%'} for VARCHAR, by UTF-8 bytes. */
  record StartsWith(int columnId, String prefix) implements Predicate {}

  /** True if every operand is true; an empty list is true. */
  record And(List<Predicate> operands) implements Predicate {
    public And {
      operands = List.copyOf(operands);
    }
  }

  /** True if any operand is true; an empty list is false. */
  record Or(List<Predicate> operands) implements Predicate {
    public Or {
      operands = List.copyOf(operands);
    }
  }

  /** Negation in three-valued logic. */
  record Not(Predicate operand) implements Predicate {
    public Not {
      Objects.requireNonNull(operand, "operand");
    }
  }

  /** A constant; use {@link #TRUE} and {@link #FALSE}. */
  record Constant(boolean value) implements Predicate {}

  static Predicate and(Predicate... operands) {
    return new And(List.of(operands));
  }

  static Predicate or(Predicate... operands) {
    return new Or(List.of(operands));
  }

  static Predicate not(Predicate operand) {
    return new Not(operand);
  }

  /**
   * Whether a segment with this footer may hold a row for which this predicate is true, judged by
   * its stats alone. Never false for a segment that holds such a row (it may be true for a segment
   * that does not).
   *
   * @throws IllegalArgumentException if a literal cannot be compared with its column's type
   */
  default boolean mayMatch(SegmentFooter footer) {
    return StatsPruner.mayMatch(this, footer);
  }

  /**
   * Whether the footer's stats prove this predicate TRUE for every row of the segment (so that an
   * aggregate may take the segment's count and bounds from its stats). Conservative: false when in
   * doubt.
   *
   * @throws IllegalArgumentException if a literal cannot be compared with its column's type
   */
  default boolean matchesAll(SegmentFooter footer) {
    return StatsPruner.allMatch(this, footer);
  }

  /** The ids of the columns this predicate reads. */
  default Set<Integer> columnIds() {
    Set<Integer> ids = new TreeSet<>();
    collect(this, ids);
    return ids;
  }

  private static void collect(Predicate p, Set<Integer> ids) {
    if (p instanceof And a) {
      a.operands().forEach(o -> collect(o, ids));
    } else if (p instanceof Or o) {
      o.operands().forEach(x -> collect(x, ids));
    } else if (p instanceof Not n) {
      collect(n.operand(), ids);
    } else if (!(p instanceof Constant)) {
      ids.add(Bound.columnIdOf(p));
    }
  }
}
