package dev.floe.jdbc;

import dev.floe.planner.exec.StatementCancel;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One statement's query timeout ({@code Statement.setQueryTimeout}): each execution clears an
 * earlier cancel or timeout of the statement and, with a timeout set, arms a timer that sets the
 * statement's cancel flag at the deadline ({@link StatementCancel#timeOut}); the running execution
 * then fails with 57014 ({@link java.sql.SQLTimeoutException}) at its next check. The deadline
 * bounds the execution and the reading of its result set: it is disarmed when the statement
 * returns an update count, when its result set or the statement is closed, and when it executes
 * again. A timer that fires after the disarm does nothing (both hold this object's lock).
 */
final class QueryDeadline {
  /** One daemon thread for every statement of the JVM: it only sets flags. */
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private final AtomicBoolean flag;
  private ScheduledFuture<?> pending;
  /** Counts arms and disarms: a timer fires only for the arming that scheduled it. */
  private long generation;

  QueryDeadline(AtomicBoolean flag) {
    this.flag = flag;
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, "floe-query-timeout");
      thread.setDaemon(true);
      return thread;
    });
    t.setRemoveOnCancelPolicy(true);
    return t;
  }

  /** The statement's cancel flag. */
  AtomicBoolean flag() {
    return flag;
  }

  /** A new execution starts: clears an earlier cancel or timeout, and arms the timer if {@code seconds > 0}. */
  synchronized void start(int seconds) {
    disarm();
    StatementCancel.reset(flag);
    if (seconds > 0) {
      long armed = generation;
      pending = TIMER.schedule(() -> fire(armed), seconds, TimeUnit.SECONDS);
    }
  }

  private synchronized void fire(long armed) {
    if (armed == generation) {
      StatementCancel.timeOut(flag);
    }
  }

  /** The execution is over (an update count returned, its result set or the statement closed). */
  synchronized void disarm() {
    generation++;
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }
}
