package dev.floe.planner.exec;

import dev.floe.storage.commit.ErrorCode;
import dev.floe.storage.commit.FloeException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;

/**
 * Stops a running statement when {@code Statement.cancel()} or its query timeout asks. A statement's
 * flag is Calcite's {@link DataContext.Variable#CANCEL_FLAG} (Avatica's statement cancel flag, one per
 * statement); the driver sets it from {@code cancel()} ({@link #cancel}) or from a timer at the
 * deadline ({@link #timeOut}), and clears it when the statement executes again ({@link #reset}).
 *
 * <p>Floe's execution loops call {@link #check} where they already do work per batch or per row
 * they hand to Calcite: every scan's row stream (so joins and aggregates above a scan stop at the
 * next row they pull), the in-scan aggregation per batch, and writes once more just before their
 * commit. A check is one volatile read. A stopped statement fails with {@link
 * ErrorCode#QUERY_CANCELED} or {@link ErrorCode#QUERY_TIMEOUT} (SQLState 57014) and its writes
 * commit nothing, since every write commits only after it read all its rows.
 */
public final class StatementCancel {
  /** Flags the timer set; absent for a flag set by {@code cancel()}. Weak: a flag lives as long as its statement. */
  private static final Map<AtomicBoolean, Boolean> TIMED_OUT = Collections.synchronizedMap(new WeakHashMap<>());
  /** The flag of the statement executing on this thread, for work the statement runs on another statement (CTAS). */
  private static final ThreadLocal<AtomicBoolean> CURRENT = new ThreadLocal<>();
  /** Statements run on behalf of a flag's statement (CTAS's query), cancelled with it. */
  private static final Map<AtomicBoolean, Runnable> CHILDREN = Collections.synchronizedMap(new WeakHashMap<>());

  private StatementCancel() {}

  /** The cancel flag of the statement {@code root} executes for, or null (a context without one). */
  public static AtomicBoolean flag(DataContext root) {
    Object f = root.get(DataContext.Variable.CANCEL_FLAG.camelName);
    return f instanceof AtomicBoolean b ? b : null;
  }

  /**
   * Throws if the statement owning {@code flag} was cancelled or timed out; nothing when {@code flag}
   * is null.
   *
   * @throws FloeException {@link ErrorCode#QUERY_TIMEOUT} or {@link ErrorCode#QUERY_CANCELED}
   */
  public static void check(AtomicBoolean flag) {
    if (flag != null && flag.get()) {
      throw stopped(flag);
    }
  }

  /** The failure of a statement whose flag is set: a timeout if the timer set it, else a cancel. */
  public static FloeException stopped(AtomicBoolean flag) {
    if (timedOut(flag)) {
      return new FloeException(ErrorCode.QUERY_TIMEOUT, "the statement was stopped because it ran past its query"
          + " timeout (Statement.setQueryTimeout); nothing it wrote was committed and the connection is usable;"
          + " raise the timeout, or make the query cheaper");
    }
    return new FloeException(ErrorCode.QUERY_CANCELED, "the statement was cancelled (Statement.cancel); nothing"
        + " it wrote was committed and the connection is usable");
  }

  /** Whether {@code flag} was set by the query timeout rather than by {@code cancel()}. */
  public static boolean timedOut(AtomicBoolean flag) {
    return flag != null && TIMED_OUT.containsKey(flag);
  }

  /** {@code Statement.cancel()}: stops the statement owning {@code flag} at its next check. */
  public static void cancel(AtomicBoolean flag) {
    flag.set(true);
    cancelChild(flag);
  }

  /** The query timeout passed: stops the statement owning {@code flag}, reported as a timeout. */
  public static void timeOut(AtomicBoolean flag) {
    TIMED_OUT.put(flag, Boolean.TRUE);
    flag.set(true);
    cancelChild(flag);
  }

  /** A new execution of the statement owning {@code flag}: an earlier cancel or timeout no longer applies. */
  public static void reset(AtomicBoolean flag) {
    TIMED_OUT.remove(flag);
    CHILDREN.remove(flag);
    flag.set(false);
  }

  /** Marks {@code flag}'s statement as the one executing on this thread (null: none); returns the previous one. */
  public static AtomicBoolean enter(AtomicBoolean flag) {
    AtomicBoolean previous = CURRENT.get();
    CURRENT.set(flag);
    return previous;
  }

  /** The flag of the statement executing on this thread, or null. */
  public static AtomicBoolean current() {
    return CURRENT.get();
  }

  /**
   * Runs {@code cancel} when the statement owning {@code parent} is cancelled or times out (at once
   * if it already was), until the parent executes again; for a statement the parent runs on its own
   * behalf, such as the query of CREATE TABLE AS.
   */
  public static void onCancel(AtomicBoolean parent, Runnable cancel) {
    if (parent == null) {
      return;
    }
    CHILDREN.put(parent, cancel);
    if (parent.get()) {
      cancelChild(parent);
    }
  }

  private static void cancelChild(AtomicBoolean parent) {
    Runnable child = CHILDREN.get(parent);
    if (child != null) {
      child.run();
    }
  }
}
