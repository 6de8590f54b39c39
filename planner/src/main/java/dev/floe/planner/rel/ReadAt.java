package dev.floe.planner.rel;

import dev.floe.planner.exec.ReadPoint;
import java.util.Objects;
import org.apache.calcite.rex.RexNode;

/**
 * The read point of a historical scan as the plan holds it: how its value is meant and the
 * expression that gives the value, evaluated at execution (a literal, a {@code ?} parameter, {@code
 * CURRENT_TIMESTAMP}), so one prepared plan reads whatever version its parameters name.
 *
 * @param kind VERSION, LOCAL_TIMESTAMP or INSTANT
 * @param value a BIGINT (VERSION) or TIMESTAMP expression with no input references
 */
public record ReadAt(ReadPoint.Kind kind, RexNode value) {
  public ReadAt {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if (kind == ReadPoint.Kind.LATEST) {
      throw new IllegalArgumentException("a historical read point cannot be LATEST");
    }
  }

  /** As EXPLAIN shows it: {@code version 3}, {@code TIMESTAMP 2026-12-01 10:00:00}, {@code ?0}. */
  @Override
  public String toString() {
    return (kind == ReadPoint.Kind.VERSION ? "version " : "") + value;
  }
}
