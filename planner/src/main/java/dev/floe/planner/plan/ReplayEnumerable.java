package dev.floe.planner.plan;

import dev.floe.planner.exec.StatementCancel;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
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
 * <p>A replay checks the statement's cancel flag ({@link StatementCancel}) every {@link #CHECK}
 * rows: the inner side of a nested-loop join is replayed once per outer row, so a cross join of
 * modest tables spends nearly all its time here and never pulls a scan's row for seconds.
 *
 * @param <T> row type
 */
public final class ReplayEnumerable<T> extends AbstractEnumerable<T> {
  /** Rows replayed between two checks of the cancel flag (a power of two). */
  private static final int CHECK = 256;

  private final Enumerable<T> source;
  private final AtomicBoolean cancel;
  private List<T> rows;

  private ReplayEnumerable(Enumerable<T> source, AtomicBoolean cancel) {
    this.source = source;
    this.cancel = cancel;
  }

  /** {@code source}, read at most once, replayed until the statement {@code root} executes for is cancelled. */
  public static <T> Enumerable<T> of(Enumerable<T> source, DataContext root) {
    return new ReplayEnumerable<>(source, StatementCancel.flag(root));
  }

  @Override
  public Enumerator<T> enumerator() {
    if (rows == null) {
      rows = source.toList();
    }
    return cancel == null ? Linq4j.enumerator(rows) : new Checked<>(rows, cancel);
  }

  /** The remembered rows, checking the cancel flag every {@link #CHECK} rows. */
  private static final class Checked<T> implements Enumerator<T> {
    private final List<T> rows;
    private final AtomicBoolean cancel;
    private int next;
    private T current;

    Checked(List<T> rows, AtomicBoolean cancel) {
      this.rows = rows;
      this.cancel = cancel;
    }

    @Override
    public T current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      if ((next & (CHECK - 1)) == 0) {
        StatementCancel.check(cancel);
      }
      if (next >= rows.size()) {
        return false;
      }
      current = rows.get(next++);
      return true;
    }

    @Override
    public void reset() {
      next = 0;
      current = null;
    }

    @Override
    public void close() {
      // the rows stay for the next replay
    }
  }
}
