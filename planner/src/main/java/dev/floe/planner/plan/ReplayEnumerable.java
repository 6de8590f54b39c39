package dev.floe.planner.plan;

import java.util.List;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * An enumerable that reads its source once, on the first {@link #enumerator()}, and hands out the
 * remembered rows on every later one. Called by the code {@link Replay} generates; one instance
 * per execution of a statement, used by one thread. The rows are held in memory until the
 * statement's result is closed.
 *
 * @param <T> row type
 */
public final class ReplayEnumerable<T> extends AbstractEnumerable<T> {
  private final Enumerable<T> source;
  private List<T> rows;

  private ReplayEnumerable(Enumerable<T> source) {
    this.source = source;
  }

  /** {@code source}, read at most once. */
  public static <T> Enumerable<T> of(Enumerable<T> source) {
    return new ReplayEnumerable<>(source);
  }

  @Override
  public Enumerator<T> enumerator() {
    if (rows == null) {
      rows = source.toList();
    }
    return Linq4j.enumerator(rows);
  }
}
