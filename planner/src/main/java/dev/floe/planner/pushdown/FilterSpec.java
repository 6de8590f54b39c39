package dev.floe.planner.pushdown;

import java.util.List;

/**
 * A filter pushed into a Floe scan, as it travels from the plan to execution: the shape of the
 * segment reader's predicate over column ids, with each literal either fixed at planning time (in
 * the column's physical domain, as text) or a {@code ?} parameter bound at execution. Immutable;
 * encoded into the generated code by {@link FilterSpecCodec}.
 */
public sealed interface FilterSpec {

  /** A literal or a parameter. */
  record Value(String literal, Integer param) {
    static Value literal(String text) {
      return new Value(text, null);
    }

    static Value param(int index) {
      return new Value(null, index);
    }

    /** Whether this is SQL NULL written as a literal. */
    boolean isNullLiteral() {
      return literal == null && param == null;
    }
  }

  /** {@code column op value}, op one of EQ, NE, LT, LE, GT, GE. */
  record Compare(int columnId, String op, Value value) implements FilterSpec {}

  /** {@code column IS [NOT] NULL}. */
  record IsNull(int columnId, boolean negated) implements FilterSpec {}

  /** {@code column LIKE 'prefix%'}. */
  record StartsWith(int columnId, Value prefix) implements FilterSpec {}

  /** All operands true. */
  record And(List<FilterSpec> operands) implements FilterSpec {
    public And {
      operands = List.copyOf(operands);
    }
  }

  /** Any operand true. */
  record Or(List<FilterSpec> operands) implements FilterSpec {
    public Or {
      operands = List.copyOf(operands);
    }
  }

  /** Negation (three-valued: NOT unknown is unknown). */
  record Not(FilterSpec operand) implements FilterSpec {}
}
